import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { defaultTemplatePlace } from '@cgt/shared/ticket/reply-templates';
import { computeAccess } from '../../access';
import { useSession } from '../../stores/session';
import { useMasterData } from '../../hooks/useMasterData';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from '../../services/templates';
import type { ReplyTemplate } from '../../services/types';
import { fitFields, fitLabel, fitOptions, fitValueOf, placeFields, placeLabel, placeOptions, placeValueOf, type FitValue, type PlaceValue } from './template-form';

interface FormValues {
  title: string;
  text: string;
  fit: FitValue;
  place: PlaceValue;
}

/**
 * 常用语: the city's templates and those of the user's own district or department. Dispatchers, handlers
 * and admins write them where they work; a template is changed only by its author and admins (the server's
 * `editable` says which rows).
 */
export default function Templates() {
  const session = useSession();
  const user = session?.user;
  const canWrite = computeAccess(user).canManageTemplates;
  const { message } = App.useApp();
  const { categories, districts, departments } = useMasterData(true);
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<ReplyTemplate | null | undefined>(undefined);
  const [form] = Form.useForm<FormValues>();
  const places = user ? placeOptions(user, districts, departments) : [];

  const open = (t: ReplyTemplate | null) => {
    setEditing(t);
    form.resetFields();
    const home = user ? defaultTemplatePlace(user) : null;
    if (t) form.setFieldsValue({ title: t.title, text: t.text, fit: fitValueOf(t), place: placeValueOf(t) });
    else form.setFieldsValue({ fit: '', place: home ? placeValueOf(home) : undefined });
  };

  const handleSave = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const fit = fitFields(values.fit);
    try {
      if (editing) {
        // PATCH clears a category or group with null; POST simply omits it
        await updateTemplate(editing.id, {
          title: values.title,
          text: values.text,
          categoryCode: fit.categoryCode ?? null,
          categoryGroup: fit.categoryGroup ?? null,
          ...(values.place !== placeValueOf(editing) ? placeFields(values.place) : {}),
        });
      } else {
        await createTemplate({ title: values.title, text: values.text, ...fit, ...placeFields(values.place) });
      }
    } catch {
      return; // shown by the error policy; keep the dialog open
    }
    message.success('已保存');
    setEditing(undefined);
    void actionRef.current?.reload();
  };

  const columns: ProColumns<ReplyTemplate>[] = [
    { title: '标题', dataIndex: 'title', width: 180 },
    { title: '内容', dataIndex: 'text', ellipsis: true },
    { title: '适用', key: 'fit', width: 170, render: (_, t) => fitLabel(t, categories) },
    {
      title: '归属',
      key: 'place',
      width: 190,
      render: (_, t) => <Tag color={t.scope === 'city' ? 'blue' : t.scope === 'district' ? 'geekblue' : 'cyan'}>{placeLabel(t, districts, departments)}</Tag>,
    },
    { title: '创建人', dataIndex: 'createdByName', width: 120, render: (_, t) => (t.builtIn ? <Tag>系统预置</Tag> : t.createdByName || '—') },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      hideInTable: !canWrite,
      render: (_, t) =>
        t.editable
          ? [
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
            ]
          : [
              <Tooltip key="ro" title={t.builtIn ? '系统预置的常用语由管理员维护' : '只有创建人和管理员可以修改'}>
                <span style={{ color: 'rgba(0,0,0,0.45)' }}>只读</span>
              </Tooltip>,
            ],
    },
  ];

  return (
    <>
      <ProTable<ReplyTemplate>
        rowKey="id"
        headerTitle="常用语"
        tooltip="处置反馈时可一键填入；全市通用的对所有人可见，区县、处置单位的只对本单位人员可见"
        actionRef={actionRef}
        columns={columns}
        search={false}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        request={async () => {
          const items = await listTemplates();
          return { data: items, total: items.length, success: true };
        }}
        toolBarRender={() =>
          canWrite && places.length > 0
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
          {editing?.builtIn ? <Alert type="info" showIcon style={{ marginBottom: 16 }} message="系统预置的常用语，修改后对全市生效" /> : null}
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请输入标题' }]}>
            <Input maxLength={50} placeholder="如：已清理完毕" />
          </Form.Item>
          <Form.Item name="text" label="回复内容（将告知上报人）" rules={[{ required: true, whitespace: true, message: '请输入回复内容' }]}>
            <Input.TextArea rows={4} maxLength={500} showCount />
          </Form.Item>
          <Form.Item name="fit" label="适用问题" extra="按问题类型或整个大类；通用的对所有问题都可选">
            <Select showSearch optionFilterProp="label" options={fitOptions(categories)} data-testid="template-fit" />
          </Form.Item>
          <Form.Item name="place" label="归属" rules={[{ required: true, message: '请选择归属' }]} extra="全市通用的对所有人可见；区县、处置单位的只对本单位人员可见">
            <Select showSearch optionFilterProp="label" options={places} data-testid="template-place" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
