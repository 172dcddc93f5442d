import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EXTENSION_ACTION_LABELS, MAX_EXTENSION_WORKING_DAYS, type ExtensionAction } from '@cgt/shared/ticket/extension';
import type { TicketExtensionView } from '@cgt/shared/schemas/tickets';
import type { ExtensionBody } from '../../../services/ticket-extension';
import type { TicketDetail } from '../../../services/types';

/**
 * 延期 on the ticket page: the department's application (a new deadline, or extra working days/hours, and the
 * reason), the centre's approval or refusal, the pending tag and the application's card. The server decides
 * who may do what (`extensionActions`); the new deadline is computed there on the working-time clock.
 */

const fmt = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export function ExtensionTag({ extension }: { extension?: TicketExtensionView }) {
  if (extension?.state !== 'pending') return null;
  return (
    <Tag color="orange" data-testid="extension-pending-tag">
      延期待审批 · 申请至 {dayjs(extension.dueAt).format('MM-DD HH:mm')}
    </Tag>
  );
}

export function ExtensionButtons({ actions, onOpen }: { actions: readonly ExtensionAction[]; onOpen: (a: ExtensionAction) => void }) {
  return (
    <>
      {actions.map((a) => (
        <Button key={a} type={a === 'approve_extension' ? 'primary' : 'default'} danger={a === 'refuse_extension'} onClick={() => onOpen(a)} data-testid={`extension-${a}`}>
          {EXTENSION_ACTION_LABELS[a]}
        </Button>
      ))}
    </>
  );
}

const STATE_TEXT = { pending: '待指挥中心审批', approved: '已批准', refused: '已驳回' } as const;

/** The latest application, shown while it is pending or to say how it was decided. */
export function ExtensionCard({ extension }: { extension?: TicketExtensionView }) {
  if (!extension) return null;
  const x = extension;
  return (
    <Alert
      type={x.state === 'pending' ? 'warning' : x.state === 'approved' ? 'success' : 'info'}
      showIcon
      data-testid="extension-card"
      message={`延期申请 · ${STATE_TEXT[x.state]}`}
      description={
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="申请">
            {x.departmentName ?? '处置单位'} {x.requestedByName} · {fmt(x.requestedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="期限">
            {fmt(x.fromDueAt)} → {fmt(x.dueAt)}（延长 {x.extraWorkingHours} 个工作小时）
          </Descriptions.Item>
          <Descriptions.Item label="理由">{x.reason}</Descriptions.Item>
          {x.decidedAt ? (
            <Descriptions.Item label="审批">
              {x.decidedByName} · {fmt(x.decidedAt)}
              {x.refuseReason ? `，驳回理由：${x.refuseReason}` : ''}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      }
    />
  );
}

type How = 'days' | 'hours' | 'date';
interface Values {
  how: How;
  days?: number;
  hours?: number;
  date?: Dayjs;
  reason?: string;
  note?: string;
}

/** One dialog for the three steps; the fields follow the action. */
export function ExtensionModal({
  ticket,
  action,
  onCancel,
  onSubmit,
}: {
  ticket: TicketDetail;
  action: ExtensionAction | null;
  onCancel: () => void;
  onSubmit: (body: ExtensionBody) => Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(false);
  const how = Form.useWatch('how', form);
  useEffect(() => {
    if (action) form.setFieldsValue({ how: 'days', days: 3, hours: undefined, date: undefined, reason: '', note: '' });
  }, [action, form]);
  if (!action) return null;

  const handleOk = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const version = ticket.version;
    let body: ExtensionBody;
    if (action === 'request_extension') {
      const amount = v.how === 'days' ? { extraWorkingDays: v.days } : v.how === 'hours' ? { extraWorkingHours: v.hours } : { newDueAt: v.date!.format('YYYY-MM-DD') };
      body = { action, reason: v.reason!.trim(), ...amount, version };
    } else if (action === 'approve_extension') body = { action, note: v.note?.trim() || undefined, version };
    else body = { action, reason: v.reason!.trim(), version };
    setLoading(true);
    try {
      await onSubmit(body);
    } catch {
      // shown by the error policy; keep the dialog for a retry
    } finally {
      setLoading(false);
    }
  };

  const x = ticket.extension;
  return (
    <Modal
      title={`${EXTENSION_ACTION_LABELS[action]} · ${ticket.trackingNo}`}
      open
      onCancel={onCancel}
      onOk={handleOk}
      okText={EXTENSION_ACTION_LABELS[action]}
      okButtonProps={{ danger: action === 'refuse_extension' }}
      confirmLoading={loading}
      destroyOnHidden
    >
      {action === 'request_extension' ? (
        <Typography.Paragraph type="secondary">
          当前处置期限 {fmt(ticket.dueAt)}。延期按本工单的计时方式（{ticket.slaClock === 'natural' ? '自然小时 7×24，1 天 = 24 小时' : '工作时间，法定节假日不计'}）从当前期限顺延，一次最多 {MAX_EXTENSION_WORKING_DAYS} 天，由指挥中心审批。
        </Typography.Paragraph>
      ) : x ? (
        <Typography.Paragraph type="secondary" data-testid="extension-decision-summary">
          {x.departmentName ?? '处置单位'}申请将期限由 {fmt(x.fromDueAt)} 延至 {fmt(x.dueAt)}：{x.reason}
        </Typography.Paragraph>
      ) : null}
      {/* named: the page's other dialogs also have `note`/`reason` fields, and label ids must stay unique */}
      <Form form={form} name="extension" layout="vertical">
        {action === 'request_extension' ? (
          <>
            <Form.Item name="how" label="延长方式">
              <Radio.Group optionType="button" options={[{ value: 'days', label: '按天' }, { value: 'hours', label: '按小时' }, { value: 'date', label: '指定日期' }]} />
            </Form.Item>
            {how === 'hours' ? (
              <Form.Item name="hours" label="延长工作小时" rules={[{ required: true, message: '请填写延长的工作小时' }]}>
                <InputNumber min={0.5} max={MAX_EXTENSION_WORKING_DAYS * 7} step={0.5} addonAfter="小时" />
              </Form.Item>
            ) : how === 'date' ? (
              <Form.Item name="date" label="新的处置期限（当日 18:00）" rules={[{ required: true, message: '请选择新的处置期限' }]}>
                <DatePicker disabledDate={(d) => d.isBefore(dayjs(ticket.dueAt), 'day')} data-testid="extension-date" />
              </Form.Item>
            ) : (
              <Form.Item name="days" label="延长工作日" rules={[{ required: true, message: '请填写延长的工作日' }]}>
                <InputNumber min={1} max={MAX_EXTENSION_WORKING_DAYS} precision={0} addonAfter="个工作日" data-testid="extension-days" />
              </Form.Item>
            )}
            <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期原因' }]}>
              <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：需协调产权单位共同处置" data-testid="extension-reason" />
            </Form.Item>
          </>
        ) : action === 'refuse_extension' ? (
          <Form.Item name="reason" label="驳回理由" rules={[{ required: true, whitespace: true, message: '请填写驳回理由' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：时限充足，请按期完成" data-testid="extension-refuse-reason" />
          </Form.Item>
        ) : (
          <Form.Item name="note" label="审批意见（选填）">
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
      <Space />
    </Modal>
  );
}

/**
 * Everything the ticket page needs for 延期, so the page itself only places the pieces: the tag (title), the
 * buttons (actions), the card (main column) and the dialog. `onDone` receives the updated ticket.
 */
export function useExtension(ticket: TicketDetail | null, submit: (body: ExtensionBody) => Promise<void>) {
  const [active, setActive] = useState<ExtensionAction | null>(null);
  if (!ticket) return { tag: null, buttons: null, card: null, modal: null, hasButtons: false };
  const actions = ticket.extensionActions ?? [];
  return {
    hasButtons: actions.length > 0,
    tag: <ExtensionTag extension={ticket.extension} />,
    buttons: <ExtensionButtons actions={actions} onOpen={setActive} />,
    card: <ExtensionCard extension={ticket.extension} />,
    modal: (
      <ExtensionModal
        ticket={ticket}
        action={active}
        onCancel={() => setActive(null)}
        onSubmit={async (body) => {
          await submit(body);
          setActive(null);
        }}
      />
    ),
  };
}
