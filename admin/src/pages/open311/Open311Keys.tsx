import { useRef } from 'react';
import { ModalForm, ProFormCheckbox, ProFormDigit, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../../services/request';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key, type Open311Key, type Open311Operation } from '../../services/open311';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';

const OPERATION_LABELS: Record<Open311Operation, string> = { read: '查询', file: '提交诉求' };

interface KeyValues {
  name: string;
  contact: string;
  operations: Open311Operation[];
  rateLimitPerMinute: number;
}

/** Shows a freshly issued key once, with a copy button and the first call to make. */
function keyContent(key: string, name: string) {
  return (
    <div>
      <div>「{name}」的 Open311 API Key：</div>
      <Typography.Paragraph code copyable={{ text: key, tooltips: ['复制', '已复制'] }} style={{ marginTop: 8, wordBreak: 'break-all' }} data-testid="open311-key">
        {key}
      </Typography.Paragraph>
      <Typography.Text type="warning">仅显示这一次，服务器只保存其摘要，请立即复制并通过安全渠道交给对方。</Typography.Text>
      <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)' }}>接口：/open311/v2/（GeoReport v2，.json 或 .xml），提交时表单带 api_key。</div>
    </div>
  );
}

/** Open311 接入: the third parties (12345 bridge, district apps, researchers) allowed to file and read. */
export default function Open311Keys() {
  const { modal, message } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);

  const create = async (v: KeyValues) => {
    try {
      const created = await createOpen311Key({ name: v.name.trim(), contact: v.contact.trim(), operations: v.operations, rateLimitPerMinute: v.rateLimitPerMinute });
      modal.success({ title: '已签发 API Key', content: keyContent(created.key, created.name), width: 600, okText: '我已保存 Key' });
    } catch (err) {
      if (err instanceof ApiError) return false;
      throw err;
    }
    void actionRef.current?.reload();
    return true;
  };

  const revoke = (k: Open311Key) =>
    modal.confirm({
      title: `吊销「${k.name}」的 API Key？`,
      content: `Key（${k.keyPrefix}…）立即失效，无法恢复；已提交的工单仍显示其来源。`,
      okText: '吊销',
      okButtonProps: { danger: true },
      onOk: async () => {
        await revokeOpen311Key(k.id);
        message.success('已吊销');
        void actionRef.current?.reload();
      },
    });

  const columns: ProColumns<Open311Key>[] = [
    { title: '名称', dataIndex: 'name', width: 180 },
    { title: '联系人', dataIndex: 'contact', ellipsis: true },
    { title: 'Key 前缀', dataIndex: 'keyPrefix', width: 150, render: (_, k) => <Typography.Text code>{k.keyPrefix.slice(0, 16)}…</Typography.Text> },
    { title: '允许', dataIndex: 'operations', width: 150, render: (_, k) => k.operations.map((o) => <Tag key={o}>{OPERATION_LABELS[o]}</Tag>) },
    { title: '每分钟上限', dataIndex: 'rateLimitPerMinute', width: 100 },
    { title: '状态', dataIndex: 'active', width: 90, render: (_, k) => (k.active ? <Tag color="green">有效</Tag> : <Tag>已吊销</Tag>) },
    { title: '签发时间', dataIndex: 'createdAt', width: 150, render: (_, k) => dayjs(k.createdAt).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      valueType: 'option',
      width: 90,
      render: (_, k) => (k.active ? [<a key="revoke" style={{ color: '#ff4d4f' }} onClick={() => revoke(k)}>吊销</a>] : []),
    },
  ];

  const request = useLatestTableRequest<Open311Key, { current?: number; pageSize?: number }>(async (params, _sort, _filter, signal) => {
    const res = await listOpen311Keys(params.current ?? 1, params.pageSize ?? 20, signal);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <ProTable<Open311Key>
      rowKey="id"
      headerTitle="Open311 接入密钥"
      tooltip="12345 热线桥接、区县应用等按 Open311 GeoReport v2 提交与查询诉求；Key 只在签发时显示一次。"
      actionRef={actionRef}
      columns={columns}
      search={false}
      pagination={{ pageSize: 20 }}
      request={request}
      toolBarRender={() => [
        <ModalForm<KeyValues>
          key="new"
          title="签发 Open311 API Key"
          width={560}
          trigger={<Button type="primary" icon={<PlusOutlined />}>签发 Key</Button>}
          modalProps={{ destroyOnHidden: true }}
          initialValues={{ operations: ['read', 'file'], rateLimitPerMinute: 60 }}
          submitter={{ searchConfig: { submitText: '签发' } }}
          onFinish={create}
        >
          <ProFormText name="name" label="名称" placeholder="如：12345 热线桥接" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 60, message: '最多 60 个字' }]} />
          <ProFormText name="contact" label="联系人 / 联系方式" rules={[{ required: true, whitespace: true, message: '请填写联系人或联系方式' }, { max: 120, message: '最多 120 个字' }]} />
          <ProFormCheckbox.Group name="operations" label="允许的操作" options={[{ value: 'read', label: '查询' }, { value: 'file', label: '提交诉求' }]} rules={[{ required: true, message: '至少允许一种操作' }]} />
          <ProFormDigit name="rateLimitPerMinute" label="每分钟请求上限" min={1} max={6000} fieldProps={{ precision: 0 }} rules={[{ required: true, message: '请填写上限' }]} />
        </ModalForm>,
      ]}
    />
  );
}
