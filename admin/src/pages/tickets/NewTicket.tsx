import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography, Upload } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { INTAKE_CHANNELS, SOURCE_CHANNEL_LABELS, type IntakeChannel } from '@cgt/shared/ticket/source';
import { SLA_CLOCK_UNITS } from '@cgt/shared/calendar/working-time';
import { PHONE_MESSAGES, isContactPhone } from '@cgt/shared/format/phone';
import type { CreateStaffTicketRequest } from '@cgt/shared/schemas/intake';
import { listCategories } from '../../services/categories';
import { listDistricts } from '../../services/districts';
import { createStaffTicket } from '../../services/intake';
import { ApiError } from '../../services/request';
import { uploadPhoto } from '../../services/uploads';
import type { Category, District, Photo } from '../../services/types';
import { photoIdsOf, type PhotoFiles } from './components/ReplyFields';

/**
 * 新建工单 (受理员, 调度员): a public call, a 12345 转办 work order, a patrol finding or a letter becomes a
 * ticket that then runs the normal loop. The place is a district / street unit (its centre) or typed
 * coordinates; the server routes it like a resident's report. A 12345 number entered before opens the
 * ticket it already became.
 */

interface FormValues {
  channel: IntakeChannel;
  externalNo?: string;
  callerName?: string;
  callerPhone?: string;
  categoryCode: string;
  placeMode: 'unit' | 'coords';
  unitCode?: string;
  lat?: number;
  lng?: number;
  address?: string;
  description: string;
  photos?: PhotoFiles;
}

const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `k${Date.now()}${Math.random().toString(36).slice(2)}`);

/** Server field names (caller.phone, location …) → this form's fields. */
const FIELD_OF: Record<string, keyof FormValues> = {
  channel: 'channel',
  externalNo: 'externalNo',
  'caller.name': 'callerName',
  'caller.phone': 'callerPhone',
  categoryCode: 'categoryCode',
  location: 'unitCode',
  'location.lat': 'lat',
  'location.lng': 'lng',
  address: 'address',
  description: 'description',
};

export default function NewTicket() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [categories, setCategories] = useState<Category[]>([]);
  const [units, setUnits] = useState<District[]>([]);
  const [submitting, setSubmitting] = useState(false);
  // one key per filled-in form: a resend after a lost answer is the same entry; a changed form is a new one
  const key = useRef(newKey());
  const channel = Form.useWatch('channel', form);
  const placeMode = Form.useWatch('placeMode', form);
  const categoryCode = Form.useWatch('categoryCode', form);

  useEffect(() => {
    listCategories().then(setCategories, () => setCategories([]));
    listDistricts().then(setUnits, () => setUnits([]));
  }, []);

  const category = categories.find((c) => c.code === categoryCode);
  const unitOptions = useMemo(() => {
    const names = new Map(units.map((u) => [u.code, u.name]));
    return units.map((u) => {
      const parent = u.kind === 'zone' ? u.parentCodes?.map((c) => names.get(c)).find(Boolean) : undefined;
      return { value: u.code, label: parent ? `${parent} · ${u.name}` : u.name };
    });
  }, [units]);

  const submit = async (v: FormValues) => {
    let location: CreateStaffTicketRequest['location'];
    if (v.placeMode === 'unit') {
      const unit = units.find((u) => u.code === v.unitCode);
      if (!unit) return form.setFields([{ name: 'unitCode', errors: ['请选择区县或街道'] }]);
      location = { lat: unit.center.lat, lng: unit.center.lng, coordSys: 'gcj02' };
    } else {
      location = { lat: v.lat!, lng: v.lng!, coordSys: 'gcj02' };
    }
    const caller = v.callerName?.trim() || v.callerPhone?.trim() ? { name: v.callerName?.trim() || undefined, phone: v.callerPhone?.trim() || undefined } : undefined;
    const body: CreateStaffTicketRequest = {
      channel: v.channel,
      externalNo: v.externalNo?.trim() || undefined,
      categoryCode: v.categoryCode,
      location,
      address: v.address?.trim() || undefined,
      description: v.description.trim(),
      caller,
      photoIds: photoIdsOf(v.photos),
    };
    setSubmitting(true);
    try {
      const t = await createStaffTicket(body, key.current, { silent: true });
      key.current = newKey();
      message.success(`已录入：${t.trackingNo}（${t.districtName}）`);
      navigate(`/tickets/${t.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const details = Array.isArray(err.details) ? (err.details as { field?: string; message?: string }[]) : [];
      const fields = details
        .map((d) => ({ name: FIELD_OF[d.field ?? ''] ?? (d.field?.startsWith('photoIds') ? 'photos' : undefined), errors: [d.message ?? err.message] }))
        .filter((f): f is { name: keyof FormValues; errors: string[] } => !!f.name);
      if (fields.length) form.setFields(fields);
      message.error(err.message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title="新建工单" extra={<Button onClick={() => navigate('/tickets')}>返回工作台</Button>}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 880 }}
        initialValues={{ channel: 'phone', placeMode: 'unit' }}
        onFinish={submit}
        onValuesChange={() => {
          key.current = newKey();
        }}
        data-testid="new-ticket-form"
      >
        <Form.Item name="channel" label="来源" rules={[{ required: true, message: '请选择来源' }]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="intake-channel">
            {INTAKE_CHANNELS.map((c) => (
              <Radio.Button key={c} value={c} data-testid={`channel-${c}`}>
                {SOURCE_CHANNEL_LABELS[c]}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {channel === 'hotline12345' || channel === 'letter' || channel === 'other' ? (
          <Form.Item
            name="externalNo"
            label={channel === 'hotline12345' ? '12345 工单号' : channel === 'letter' ? '来信编号' : '外部单号'}
            extra="同一渠道的单号只能录入一次：再次录入同一单号会打开已有工单"
            rules={[
              { required: channel === 'hotline12345', whitespace: true, message: '请填写 12345 工单号' },
              { pattern: /^[\x21-\x7e\u4e00-\u9fff]+$/, message: '单号不能包含空格' },
              { max: 64, message: '单号最多 64 个字符' },
            ]}
          >
            <Input placeholder={channel === 'hotline12345' ? '如 YY2026120100123' : ''} maxLength={64} data-testid="external-no" />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="callerName" label={channel === 'patrol' ? '巡查人员' : '来电人 / 来信人姓名'} rules={[{ max: 32, message: '姓名最多 32 个字' }]}>
              <Input placeholder="选填" maxLength={32} data-testid="caller-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="callerPhone"
              label="联系电话"
              extra="手机号或带区号的固定电话，如 0730-8123456"
              rules={[{ validator: async (_, v?: string) => { if (v?.trim() && !isContactPhone(v)) throw new Error(PHONE_MESSAGES.contactInvalid); } }]}
            >
              <Input placeholder="选填" maxLength={32} data-testid="caller-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="categoryCode"
          label="问题类型"
          rules={[{ required: true, message: '请选择问题类型' }]}
          extra={category ? `处置时限 ${category.slaHours} ${SLA_CLOCK_UNITS[category.clock]}${category.urgent ? '（紧急，按自然小时计时）' : ''}` : undefined}
        >
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="输入名称或代码搜索"
            data-testid="intake-category"
            options={categories.map((c) => ({ value: c.code, label: `${c.code} ${c.name}${c.urgent ? '（紧急）' : ''}` }))}
          />
        </Form.Item>
        {category?.notice ? <Alert type="warning" showIcon message={category.notice} style={{ marginBottom: 16 }} /> : null}
        <Form.Item name="placeMode" label="位置">
          <Radio.Group>
            <Radio value="unit">按区县 / 街道（取其中心点）</Radio>
            <Radio value="coords">输入坐标（GCJ-02，高德/腾讯地图）</Radio>
          </Radio.Group>
        </Form.Item>
        {placeMode === 'coords' ? (
          <Space align="start">
            <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请填写纬度' }]}>
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: 180 }} data-testid="intake-lat" />
            </Form.Item>
            <Form.Item name="lng" label="经度" rules={[{ required: true, message: '请填写经度' }]}>
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: 180 }} data-testid="intake-lng" />
            </Form.Item>
          </Space>
        ) : (
          <Form.Item name="unitCode" rules={[{ required: true, message: '请选择区县或街道' }]}>
            <Select showSearch optionFilterProp="label" placeholder="搜索区县、街道或功能区" options={unitOptions} data-testid="intake-unit" />
          </Form.Item>
        )}
        <Form.Item name="address" label="详细地址" rules={[{ max: 200, message: '地址最多 200 个字' }]}>
          <Input placeholder="如 君山区柳林洲街道建设路与巴陵路交叉口" maxLength={200} data-testid="intake-address" />
        </Form.Item>
        <Form.Item name="description" label="问题描述" rules={[{ required: true, whitespace: true, message: '请描述问题' }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="来电/工单反映的问题" data-testid="intake-description" />
        </Form.Item>
        <Form.Item
          name="photos"
          label="照片"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: PhotoFiles }) => e.fileList}
          rules={[
            {
              validator: async (_, files: PhotoFiles | undefined) => {
                if (files?.some((f) => f.status === 'uploading')) throw new Error('照片上传中，请稍候');
                if (files?.some((f) => f.status === 'error')) throw new Error('有照片上传失败，请删除后重新上传');
              },
            },
          ]}
        >
          <Upload<Photo>
            listType="picture-card"
            accept="image/jpeg,image/png,image/webp"
            maxCount={9}
            customRequest={({ file, onSuccess, onError }) => {
              const blob = file as File;
              uploadPhoto(blob, blob.name).then(
                (photo) => onSuccess?.(photo),
                (err: Error) => onError?.(err),
              );
            }}
          >
            <div>
              <PlusOutlined />
              <div style={{ marginTop: 4 }}>上传照片</div>
            </div>
          </Upload>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="intake-submit">
            提交工单
          </Button>
          <Typography.Text type="secondary">提交后按位置自动分拨到所属区县，与市民上报同样流转。</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
