import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Form, Input, Modal, Popconfirm, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { computeAccess } from '../../access';
import { useSession } from '../../stores/session';
import { useMasterData } from '../../hooks/useMasterData';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate, type TemplateInput } from '../../services/templates';
import type { ReplyTemplate } from '../../services/types';

/** 常用语: reply templates used in 处置反馈; dispatchers and admins edit, handlers read. */
export default function Templates() {
  const session = useSession();
  const canEdit = computeAccess(session?.user).canManageTemplates;
  const { message } = App.useApp();
  const { categories } = useMasterData(false);
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<ReplyTemplate | null | undefined>(undefined);
  const [form] = Form.useForm<TemplateInput>();

  const categoryName = (code?: string | null) => (code ? (categories.find((c) => c.code === code)?.name ?? code) : '通用');

  const open = (t: ReplyTemplate | null) => {
    setEditing(t);
    form.resetFields();
    if (t) form.setFieldsValue({ title: t.title, text: t.text, categoryCode: t.categoryCode ?? undefined });
  };

  const handleSave = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      // PATCH clears the category with null; POST simply omits it.
      if (editing) await updateTemplate(editing.id, { ...values, categoryCode: values.categoryCode ?? null });
      else await createTemplate({ title: values.title, text: values.text, ...(values.categoryCode ? { categoryCode: values.categoryCode } : {}) });
    } catch {
      return; // shown by the error policy; keep the dialog open
    }
    message.success('已保存');
    setEditing(undefined);
    void actionRef.current?.reload();
  };

  const columns: ProColumns<ReplyTemplate>[] = [
    { title: '标题', dataIndex: 'title', width: 160 },
    { title: '内容', dataIndex: 'text', ellipsis: true },
    { title: '适用类型', dataIndex: 'categoryCode', width: 140, render: (_, t) => categoryName(t.categoryCode) },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      hideInTable: !canEdit,
      render: (_, t) => [
        <a key="edit" onClick={() => open(t)}>编辑</a>,
        <Popconfirm
          key="del"
          title="删除该常用语？"
          okText="删除"
          okButtonProps={{ danger: true }}
          onConfirm={async () => {
            await deleteTemplate(t.id);
            message.success('已删除');
            void actionRef.current?.reload();
          }}
        >
          <a style={{ color: '#ff4d4f' }}>删除</a>
        </Popconfirm>,
      ],
    },
  ];

  return (
    <>
      <ProTable<ReplyTemplate>
        rowKey="id"
        headerTitle="常用语"
        actionRef={actionRef}
        columns={columns}
        search={false}
        pagination={false}
        request={async () => {
          const items = await listTemplates();
          return { data: items, total: items.length, success: true };
        }}
        toolBarRender={() =>
          canEdit
            ? [
                <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
                  新建常用语
                </Button>,
              ]
            : []
        }
      />
      <Modal
        title={editing ? '编辑常用语' : '新建常用语'}
        open={editing !== undefined}
        onCancel={() => setEditing(undefined)}
        onOk={handleSave}
        okText="保存"
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请输入标题' }]}>
            <Input maxLength={30} placeholder="如：已清理完毕" />
          </Form.Item>
          <Form.Item name="text" label="回复内容" rules={[{ required: true, whitespace: true, message: '请输入回复内容' }]}>
            <Input.TextArea rows={4} maxLength={500} showCount />
          </Form.Item>
          <Form.Item name="categoryCode" label="适用问题类型" extra="不选表示通用">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={categories.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
