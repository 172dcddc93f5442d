import { useEffect, useMemo, useState } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { listDepartments } from '../../../services/departments';
import { listDistricts } from '../../../services/districts';
import type { TransitionBody } from '../../../services/tickets';
import type { Department, District, TicketDetail } from '../../../services/types';
import type { ActionButton } from '../actions';
import { photoIdsOf, ReplyFields, type PhotoFiles } from './ReplyFields';

interface Values {
  reason?: string;
  note?: string;
  departmentId?: string;
  reply?: string;
  photos?: PhotoFiles;
  target?: string;
}

/** Departments that may receive the ticket: those of its zone (if any) first, then those of its district. */
async function dispatchDepartments(ticket: TicketDetail): Promise<Department[]> {
  const zone = ticket.zone?.code;
  const lists = await Promise.all(
    [zone, ticket.district.code].filter((c): c is string => Boolean(c)).map((c) => listDepartments(c).catch(() => [])),
  );
  const seen = new Set<string>();
  return lists.flat().filter((d) => !seen.has(d.id) && Boolean(seen.add(d.id)));
}

const REASON_HINTS: Partial<Record<string, string>> = {
  reject: '不予立案原因（将告知上报人），如：不属于城市管理职责范围',
  return: '回退原因，如：不属于本单位职责',
  rework: '返工原因，如：现场核查仍有垃圾未清理',
};

export interface ActionModalProps {
  ticket: TicketDetail;
  button: ActionButton | null;
  onCancel: () => void;
  onSubmit: (body: TransitionBody) => Promise<void>;
}

/** The dialog of one action: collects what the transition needs, then confirms with the action's label. */
export function ActionModal({ ticket, button, onCancel, onSubmit }: ActionModalProps) {
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(false);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [districts, setDistricts] = useState<District[]>([]);
  const kind = button?.form;

  useEffect(() => {
    if (!button) return;
    form.resetFields();
    if (kind === 'department') {
      void dispatchDepartments(ticket).then(setDepartments);
      const suggested = ticket.departmentId ?? ticket.department?.id;
      if (suggested) form.setFieldValue('departmentId', suggested);
    }
    if (kind === 'transfer') listDistricts().then(setDistricts, () => setDistricts([]));
  }, [button, kind, ticket, form]);

  const targets = useMemo(() => {
    const zone = ticket.zone?.code;
    const here = zone ? `z:${zone}` : `d:${ticket.district.code}`;
    const opt = (d: District) => (d.kind === 'zone' ? `z:${d.code}` : `d:${d.code}`);
    return [
      { label: '区县', options: districts.filter((d) => d.kind === 'district').map((d) => ({ value: opt(d), label: d.name })) },
      { label: '功能区', options: districts.filter((d) => d.kind === 'zone').map((d) => ({ value: opt(d), label: `${d.name}${d.demo ? '（示意边界）' : ''}` })) },
    ].map((g) => ({ ...g, options: g.options.filter((o) => o.value !== here) }));
  }, [districts, ticket]);

  const handleOk = async () => {
    if (!button) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const body: TransitionBody = { action: button.action, version: ticket.version };
    if (v.note?.trim()) body.note = v.note.trim();
    if (v.reason?.trim()) body.reason = v.reason.trim();
    if (kind === 'department') body.departmentId = v.departmentId;
    if (kind === 'reply') {
      body.reply = v.reply?.trim();
      body.photoIds = photoIdsOf(v.photos);
    }
    if (kind === 'transfer' && v.target) {
      const [type, id] = [v.target.slice(0, 1), v.target.slice(2)];
      if (type === 'z') {
        const zone = districts.find((d) => d.kind === 'zone' && d.code === id);
        body.zoneCode = id;
        if (zone?.parentCodes[0]) body.districtCode = zone.parentCodes[0];
      } else body.districtCode = id;
    }
    setLoading(true);
    try {
      await onSubmit(body);
    } catch {
      // Already shown by the error policy (services/request.ts); keep the dialog for a retry.
    } finally {
      setLoading(false);
    }
  };

  return (
    <Modal
      title={button ? `${button.label} · ${ticket.trackingNo}` : ''}
      open={Boolean(button)}
      onCancel={onCancel}
      onOk={handleOk}
      okText={button ? `确认${button.label}` : '确认'}
      okButtonProps={{ danger: button?.danger }}
      confirmLoading={loading}
      width={kind === 'reply' ? 640 : 520}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" preserve={false}>
        {kind === 'confirm' && (
          <Typography.Paragraph>
            {button?.action === 'verify'
              ? '确认现场已处置到位、核查通过并结案？结案后将通知上报人评价。'
              : '确认受理该工单？受理后进入“待派遣”。'}
          </Typography.Paragraph>
        )}
        {kind === 'reason' && (
          <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
            <Input.TextArea rows={3} maxLength={300} showCount placeholder={REASON_HINTS[button?.action ?? '']} />
          </Form.Item>
        )}
        {kind === 'department' && (
          <>
            <Form.Item label="所属区县">
              {ticket.district.name}
              {ticket.zone ? ` · ${ticket.zone.name}` : ''}
            </Form.Item>
            <Form.Item name="departmentId" label="处置部门" rules={[{ required: true, message: '请选择处置部门' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder="选择本区县的处置部门"
                data-testid="department-select"
                options={departments.map((d) => ({
                  value: d.id,
                  label: d.id === (ticket.departmentId ?? ticket.department?.id) ? `${d.name}（系统建议）` : d.name,
                }))}
              />
            </Form.Item>
          </>
        )}
        {kind === 'reply' && <ReplyFields categoryCode={ticket.categoryCode} />}
        {kind === 'transfer' && (
          <>
            <Typography.Paragraph type="secondary">
              当前：{ticket.district.name}
              {ticket.zone ? ` · ${ticket.zone.name}` : ''}。移交后工单离开本辖区队列，以“已立案”进入目标辖区。
            </Typography.Paragraph>
            <Form.Item name="target" label="移交至" rules={[{ required: true, message: '请选择目标区县或功能区' }]}>
              <Select showSearch optionFilterProp="label" placeholder="选择区县或功能区" options={targets} />
            </Form.Item>
            <Form.Item name="reason" label="移交原因" rules={[{ required: true, whitespace: true, message: '请填写移交原因' }]}>
              <Input.TextArea rows={3} maxLength={300} showCount placeholder="如：坐标位于南湖新区范围内，定位分派有误" />
            </Form.Item>
          </>
        )}
        {kind !== 'reason' && kind !== 'transfer' && (
          <Form.Item name="note" label="备注（选填）">
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
