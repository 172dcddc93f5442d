import { useRef } from 'react';
import { DrawerForm, ProFormDateTimePicker, ProFormRadio, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { Col, Divider, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from '@cgt/shared/complaint/id-number';
import { PHONE_MESSAGES } from '@cgt/shared/format/phone';
import { ApiError } from '../../services/request';
import { registerComplaint, type RegisterComplaintInput, type RegisterComplaintResult } from '../../services/complaints';
import type { District } from '../../services/types';
import { contactPhoneRule } from '../../components/phone-rule';
import { COMPLAINT_CHANNEL_LABELS, COMPLAINT_TYPE_LABELS, COMPLAINT_TYPES, options } from './labels';

type Values = Omit<RegisterComplaintInput, 'receivedAt'> & { receivedAt?: Dayjs | string };

const STAFF_CHANNELS = ['letter', 'visit', 'phone', 'hotline_12345'] as const;

/** 登记信访件 from a letter, a visit, a call or a 12345 transfer; resolves with the new case. */
export function RegisterForm({ open, districts, onClose, onDone }: { open: boolean; districts: District[]; onClose: () => void; onDone: (r: RegisterComplaintResult) => void }) {
  // one key per opened form: a double submit registers once
  const key = useRef(crypto.randomUUID());
  return (
    <DrawerForm<Values>
      title="登记信访件"
      open={open}
      width={720}
      drawerProps={{ destroyOnHidden: true, onClose }}
      initialValues={{ channel: 'letter', type: 'appeal', receivedAt: dayjs() }}
      submitter={{ searchConfig: { submitText: '登记' } }}
      onOpenChange={(o) => {
        if (o) key.current = crypto.randomUUID();
      }}
      onFinish={async (v) => {
        const body: RegisterComplaintInput = {
          ...v,
          facts: v.facts?.trim() || undefined,
          note: v.note?.trim() || undefined,
          districtCode: v.districtCode || undefined,
          petitioner: { ...v.petitioner, idNumber: normalizeIdNumber(v.petitioner.idNumber) },
          receivedAt: v.receivedAt ? dayjs(v.receivedAt).toISOString() : undefined,
        };
        try {
          const res = await registerComplaint(body, key.current);
          onDone(res);
          return true;
        } catch (err) {
          if (err instanceof ApiError) return false; // shown by the error policy (field details listed)
          throw err;
        }
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <ProFormRadio.Group name="channel" label="来源渠道" radioType="button" rules={[{ required: true }]} options={STAFF_CHANNELS.map((c) => ({ value: c, label: COMPLAINT_CHANNEL_LABELS[c] }))} />
        </Col>
        <Col span={12}>
          <ProFormDateTimePicker
            name="receivedAt"
            label="收到时间"
            tooltip="来信收到、来访接待或来电的时间，法定期限从此起算；不能晚于现在"
            fieldProps={{ disabledDate: (d: Dayjs) => d.isAfter(dayjs(), 'day'), style: { width: '100%' } }}
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <ProFormSelect name="type" label="信访类型" rules={[{ required: true, message: '请选择类型' }]} options={options(COMPLAINT_TYPES, COMPLAINT_TYPE_LABELS)} />
        </Col>
        <Col span={12}>
          <ProFormSelect
            name="districtCode"
            label="涉及区县"
            placeholder="可不填"
            fieldProps={{ allowClear: true, showSearch: true, optionFilterProp: 'label' }}
            options={districts.map((d) => ({ value: d.code, label: d.kind === 'zone' ? `${d.name}（功能区）` : d.name }))}
          />
        </Col>
      </Row>
      <Divider orientation="left" plain>信访人</Divider>
      <Row gutter={16}>
        <Col span={8}>
          <ProFormText name={['petitioner', 'name']} label="姓名" rules={[{ required: true, whitespace: true, message: '请填写真实姓名' }, { min: 2, message: '请填写真实姓名' }, { max: 30, message: '姓名最多 30 个字' }]} />
        </Col>
        <Col span={16}>
          <ProFormText
            name={['petitioner', 'idNumber']}
            label="身份证号"
            fieldProps={{ maxLength: 18, autoComplete: 'off' }}
            rules={[
              { required: true, message: '请填写身份证号' },
              {
                validator: async (_, v: string) => {
                  if (!v) return;
                  const problem = idNumberProblem(normalizeIdNumber(v));
                  if (problem) throw new Error(ID_NUMBER_MESSAGES[problem]);
                },
              },
            ]}
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <ProFormText name={['petitioner', 'phone']} label="联系电话" rules={[{ required: true, message: PHONE_MESSAGES.contactRequired }, contactPhoneRule]} />
        </Col>
        <Col span={16}>
          <ProFormText name={['petitioner', 'address']} label="通讯地址" rules={[{ required: true, whitespace: true, message: '请填写通讯地址' }, { max: 200, message: '最多 200 个字' }]} />
        </Col>
      </Row>
      <Divider orientation="left" plain>信访事项</Divider>
      <ProFormTextArea name="content" label="信访内容" rules={[{ required: true, whitespace: true, message: '请填写信访内容' }, { max: 2000, message: '最多 2000 个字' }]} fieldProps={{ autoSize: { minRows: 4, maxRows: 10 }, showCount: true, maxLength: 2000 }} />
      <ProFormTextArea name="request" label="诉求" rules={[{ required: true, whitespace: true, message: '请填写诉求' }, { max: 500, message: '最多 500 个字' }]} fieldProps={{ autoSize: { minRows: 2, maxRows: 5 }, showCount: true, maxLength: 500 }} />
      <ProFormTextArea name="facts" label="事实和理由" fieldProps={{ autoSize: { minRows: 2, maxRows: 6 }, maxLength: 2000 }} />
      <ProFormTextArea name="note" label="登记备注（内部）" fieldProps={{ autoSize: { minRows: 1, maxRows: 3 }, maxLength: 500 }} />
    </DrawerForm>
  );
}
