import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { ApiError } from '../../services/request';
import { complaintAction, type ComplaintAction, type ComplaintActionInput, type ComplaintDetail } from '../../services/complaints';
import type { Department } from '../../services/types';
import { COMPLAINT_ACTION_LABELS, COMPLAINT_DECISION_LABELS, COMPLAINT_DECISIONS, complaintRequiredFields } from './labels';

type Field = 'reason' | 'redirectTo' | 'transferTo' | 'departmentId' | 'days' | 'reply' | 'decision' | 'basis';

/** Field labels per action (the same field means different things: 不予受理理由, 延期理由, 申请理由). */
function reasonLabel(action: ComplaintAction): string {
  if (action === 'not_accept') return '不予受理理由（告知信访人）';
  if (action === 'extend') return '延期理由（告知信访人）';
  if (action === 'request_review') return '复查申请理由';
  if (action === 'request_recheck') return '复核申请理由';
  return '理由';
}

function replyLabel(action: ComplaintAction): string {
  if (action === 'conclude_review') return '复查意见书';
  if (action === 'conclude_recheck') return '复核意见书';
  return '处理意见书（答复信访人）';
}

const HINTS: Partial<Record<ComplaintAction, string>> = {
  accept: '受理后，应在 60 日内办结（可延期一次，不超过 30 日）。',
  not_accept: '不予受理须书面告知信访人理由，以及应通过的其他途径。',
  transfer: '不属于本机关职责的事项，转送或交办有权处理的机关。',
  extend: '情况复杂的，经批准可延期一次，最长 30 日，并告知信访人延期理由。',
  conclude: '出具书面处理意见后，信访人可在 30 日内申请复查。',
  request_review: '登记信访人以书面或来访方式提出的复查申请。',
  conclude_review: '复查意见出具后，信访人可在 30 日内申请复核。',
  request_recheck: '登记信访人提出的复核申请。',
  conclude_recheck: '复核意见为终结意见，同一事项不再受理。',
};

/** One case action with exactly the fields the shared machine requires for it (+ an internal note). */
export function ActionModal({
  complaint,
  action,
  departments,
  onClose,
  onDone,
}: {
  complaint: ComplaintDetail;
  action: ComplaintAction | null;
  departments: Department[];
  onClose: () => void;
  onDone: (next: ComplaintDetail) => void;
}) {
  const [form] = Form.useForm<Omit<ComplaintActionInput, 'action' | 'version'>>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);
  if (!action) return null;
  const required = new Set<Field>(complaintRequiredFields(action) as Field[]);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || undefined : v]));
      const next = await complaintAction(complaint.id, { action, version: complaint.version, ...trimmed });
      onDone(next);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err; // ApiError: shown by the error policy, keep the dialog open
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${COMPLAINT_ACTION_LABELS[action]}：${complaint.caseNo}`}
      okText={`确认${COMPLAINT_ACTION_LABELS[action]}`}
      okButtonProps={{ danger: action === 'not_accept', loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={action.startsWith('conclude') ? 760 : 560}
      destroyOnHidden
    >
      {HINTS[action] && <Alert type="info" showIcon message={HINTS[action]} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ days: 30, decision: 'support' }}>
        {required.has('departmentId') && (
          <Form.Item name="departmentId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]} initialValue={complaint.department?.id}>
            <Select showSearch optionFilterProp="label" options={departments.filter((d) => d.active !== false).map((d) => ({ value: d.id, label: d.name }))} placeholder="选择承办单位" />
          </Form.Item>
        )}
        {required.has('transferTo') && (
          <Form.Item name="transferTo" label="转送 / 交办至" rules={[{ required: true, whitespace: true, message: '请填写接收机关' }, { max: 100 }]}>
            <Input placeholder="如：岳阳市自然资源和规划局" />
          </Form.Item>
        )}
        {required.has('days') && (
          <Form.Item name="days" label="延期天数" rules={[{ required: true, message: '请填写延期天数' }]} extra="1–30 日，只能延期一次">
            <InputNumber min={1} max={30} precision={0} addonAfter="日" />
          </Form.Item>
        )}
        {required.has('reason') && (
          <Form.Item name="reason" label={reasonLabel(action)} rules={[{ required: true, whitespace: true, message: '请填写理由' }, { max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} showCount maxLength={1000} />
          </Form.Item>
        )}
        {required.has('redirectTo') && (
          <Form.Item name="redirectTo" label="告知的其他途径" rules={[{ required: true, whitespace: true, message: '请填写应通过的途径' }, { max: 200 }]}>
            <Input placeholder="如：依法向人民法院提起诉讼" />
          </Form.Item>
        )}
        {required.has('decision') && (
          <Form.Item name="decision" label="处理意见" rules={[{ required: true, message: '请选择处理意见' }]}>
            <Radio.Group optionType="button" options={COMPLAINT_DECISIONS.map((d) => ({ value: d, label: COMPLAINT_DECISION_LABELS[d] }))} />
          </Form.Item>
        )}
        {required.has('reply') && (
          <Form.Item name="reply" label={replyLabel(action)} rules={[{ required: true, whitespace: true, message: '请填写答复正文' }, { max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} showCount maxLength={5000} placeholder="答复正文：事实认定、处理结果与救济途径" />
          </Form.Item>
        )}
        {required.has('basis') && (
          <Form.Item name="basis" label="依据" rules={[{ required: true, whitespace: true, message: '请填写法律或政策依据' }, { max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：《信访工作条例》第三十二条、《岳阳市城市管理条例》……" />
          </Form.Item>
        )}
        <Form.Item name="note" label="内部备注（不告知信访人）" rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
