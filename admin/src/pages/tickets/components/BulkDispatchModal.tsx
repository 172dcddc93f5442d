import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { listDepartments } from '../../../services/departments';
import type { Department } from '../../../services/types';

export interface BulkDispatchModalProps {
  open: boolean;
  /** The single district of the selected tickets, or null when they span several. */
  districtCode: string | null;
  districtName?: string;
  count: number;
  onCancel: () => void;
  onSubmit: (departmentId: string, note?: string) => Promise<void>;
}

/** 批量派遣: one department (of the tickets' district) for all selected tickets. */
export function BulkDispatchModal({ open, districtCode, districtName, count, onCancel, onSubmit }: BulkDispatchModalProps) {
  const [departments, setDepartments] = useState<Department[]>([]);
  const [loading, setLoading] = useState(false);
  const [form] = Form.useForm<{ departmentId: string; note?: string }>();

  useEffect(() => {
    if (!open || !districtCode) return;
    form.resetFields();
    listDepartments(districtCode).then(setDepartments, () => setDepartments([]));
  }, [open, districtCode, form]);

  const handleOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setLoading(true);
    try {
      await onSubmit(values.departmentId, values.note);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Modal
      title={`批量派遣（${count} 件）`}
      open={open}
      onCancel={onCancel}
      onOk={handleOk}
      okText="确认派遣"
      okButtonProps={{ disabled: !districtCode }}
      confirmLoading={loading}
      destroyOnHidden
    >
      {!districtCode ? (
        <Alert type="warning" showIcon message="所选工单分属不同区县，请按区县分别批量派遣。" />
      ) : (
        <Form form={form} layout="vertical">
          <Form.Item label="区县">{districtName ?? districtCode}</Form.Item>
          <Form.Item name="departmentId" label="处置部门" rules={[{ required: true, message: '请选择处置部门' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="选择本区县的处置部门"
              options={departments.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
          <Form.Item name="note" label="派遣说明（选填）">
            <Input.TextArea rows={2} maxLength={200} placeholder="可填写处置要求" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
