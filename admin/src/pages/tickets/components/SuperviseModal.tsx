import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TicketDetail } from '../../../services/types';

interface Values {
  note: string;
  deadline: Dayjs;
}

/** 督办 dialog: the leader's instruction and the date by which the ticket must be closed. */
export function SuperviseModal({ ticket, open, onCancel, onSubmit }: { ticket: TicketDetail; open: boolean; onCancel: () => void; onSubmit: (v: { note: string; deadline: string }) => Promise<void> }) {
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue({ note: '', deadline: dayjs().add(3, 'day').endOf('day') });
  }, [open, form]);

  const handleOk = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setLoading(true);
    try {
      await onSubmit({ note: v.note.trim(), deadline: v.deadline.toISOString() });
    } catch {
      // shown by the error policy; keep the dialog for a retry
    } finally {
      setLoading(false);
    }
  };

  return (
    <Modal title={`督办 · ${ticket.trackingNo}`} open={open} onCancel={onCancel} onOk={handleOk} okText="确认督办" okButtonProps={{ danger: true }} confirmLoading={loading} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        督办后工单在处置单位队列中置顶并标红，督办意见记入处理过程，计入督办数与督办按期办结率。
      </Typography.Paragraph>
      {/* named: the page's other action dialog also has a `note` field, and label ids must stay unique */}
      <Form form={form} name="supervise" layout="vertical">
        <Form.Item name="note" label="督办意见" rules={[{ required: true, whitespace: true, message: '请填写督办意见' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：市民多次反映，请于期限内处置到位并反馈" />
        </Form.Item>
        <Form.Item
          name="deadline"
          label="督办期限（须在此前办结）"
          rules={[
            { required: true, message: '请选择督办期限' },
            { validator: (_, v: Dayjs | undefined) => (!v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error('督办期限须晚于现在'))) },
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="supervise-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
