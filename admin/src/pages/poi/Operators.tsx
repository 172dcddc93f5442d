import { useEffect, useRef, useState } from 'react';
import { ModalForm, ProFormSelect, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../../services/request';
import { createOperator, deleteOperator, listOperators, listPois, rotateOperatorKey, updateOperator, type CarPark, type Operator } from '../../services/poi';

/** Shows a freshly issued API key once, with a copy button. */
function keyContent(apiKey: string, name: string) {
  return (
    <div>
      <div>运营方「{name}」的 API Key：</div>
      <Typography.Paragraph code copyable={{ text: apiKey, tooltips: ['复制', '已复制'] }} style={{ marginTop: 8, wordBreak: 'break-all' }} data-testid="operator-key">
        {apiKey}
      </Typography.Paragraph>
      <Typography.Text type="warning">仅显示这一次，服务器只保存其摘要，请立即复制并通过安全渠道交给运营方。</Typography.Text>
      <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)' }}>
        上报方式：PUT /api/v1/parking/&#123;停车场 id&#125;/occupancy，请求头 X-Api-Key，正文 &#123;"freeSpaces": 12&#125;。
      </div>
    </div>
  );
}

interface OperatorValues {
  name: string;
  parkingIds: string[];
}

/** 运营方: car park operators with their own key for the free-space feed; create → key shown once. */
export function Operators() {
  const { message, modal } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);
  const [carParks, setCarParks] = useState<CarPark[]>([]);
  const [editing, setEditing] = useState<Operator | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    listPois<CarPark>('carPark', { pageSize: 500 }).then((r) => setCarParks(r.items), () => undefined);
  }, []);
  const parkName = (id: string) => carParks.find((c) => c.id === id)?.name ?? id;

  const save = async (v: OperatorValues) => {
    const body = { name: v.name.trim(), parkingIds: v.parkingIds ?? [] };
    try {
      if (editing) {
        await updateOperator(editing.id, body);
        message.success(`已保存「${body.name}」`);
      } else {
        const created = await createOperator(body);
        modal.success({ title: '已创建运营方', content: keyContent(created.apiKey, created.name), width: 560, okText: '我已保存 Key' });
      }
    } catch (err) {
      if (err instanceof ApiError) return false;
      throw err;
    }
    setOpen(false);
    void actionRef.current?.reload();
    return true;
  };

  const rotate = (o: Operator) =>
    modal.confirm({
      title: `为「${o.name}」重新签发 API Key？`,
      content: `旧 Key（${o.keyPrefix}…）立即失效，运营方须换用新 Key 才能继续上报空位。`,
      okText: '重新签发',
      okButtonProps: { danger: true },
      onOk: async () => {
        const res = await rotateOperatorKey(o.id);
        modal.success({ title: '已重新签发 Key', content: keyContent(res.apiKey, res.name), width: 560, okText: '我已保存 Key' });
        void actionRef.current?.reload();
      },
    });

  const toggle = (o: Operator) =>
    modal.confirm({
      title: o.active ? `停用「${o.name}」？` : `启用「${o.name}」？`,
      content: o.active ? '停用后其 Key 上报将被拒绝（401），可随时启用。' : '启用后其 Key 可再次上报空位。',
      okText: o.active ? '停用' : '启用',
      okButtonProps: { danger: o.active },
      onOk: async () => {
        await updateOperator(o.id, { active: !o.active });
        message.success(o.active ? '已停用' : '已启用');
        void actionRef.current?.reload();
      },
    });

  const remove = (o: Operator) =>
    modal.confirm({
      title: `删除运营方「${o.name}」？`,
      content: '删除后其 API Key 随即失效，且无法恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: async () => {
        await deleteOperator(o.id);
        message.success(`已删除「${o.name}」`);
        void actionRef.current?.reload();
      },
    });

  const columns: ProColumns<Operator>[] = [
    { title: '运营方', dataIndex: 'name', width: 200 },
    { title: 'Key 前缀', dataIndex: 'keyPrefix', width: 140, render: (_, o) => <Typography.Text code>{o.keyPrefix}…</Typography.Text> },
    {
      title: '负责的停车场',
      dataIndex: 'parkingIds',
      ellipsis: true,
      render: (_, o) => (o.parkingIds.length ? `${o.parkingIds.length} 个：${o.parkingIds.slice(0, 3).map(parkName).join('、')}${o.parkingIds.length > 3 ? ' 等' : ''}` : '—'),
    },
    { title: '状态', dataIndex: 'active', width: 90, render: (_, o) => (o.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>) },
    { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (_, o) => dayjs(o.createdAt).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      valueType: 'option',
      width: 240,
      render: (_, o) => [
        <a key="edit" onClick={() => { setEditing(o); setOpen(true); }}>编辑</a>,
        <a key="rotate" onClick={() => rotate(o)}>重新签发 Key</a>,
        <a key="toggle" onClick={() => toggle(o)}>{o.active ? '停用' : '启用'}</a>,
        <a key="del" style={{ color: '#ff4d4f' }} onClick={() => remove(o)}>删除</a>,
      ],
    },
  ];

  return (
    <>
      <ProTable<Operator>
        rowKey="id"
        headerTitle="停车场运营方"
        tooltip="运营方用自己的 API Key 上报所负责停车场的实时空位；Key 只在创建或重新签发时显示一次。"
        actionRef={actionRef}
        columns={columns}
        search={false}
        pagination={false}
        request={async () => {
          const res = await listOperators();
          return { data: res.items, total: res.total, success: true };
        }}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setOpen(true); }}>新增运营方</Button>,
        ]}
      />
      <ModalForm<OperatorValues>
        key={editing?.id ?? 'new'}
        title={editing ? `编辑运营方：${editing.name}` : '新增运营方'}
        open={open}
        width={600}
        modalProps={{ destroyOnHidden: true, onCancel: () => setOpen(false) }}
        initialValues={editing ? { name: editing.name, parkingIds: editing.parkingIds } : { parkingIds: [] }}
        submitter={{ searchConfig: { submitText: editing ? '保存' : '创建并签发 Key' } }}
        onFinish={save}
      >
        <ProFormText name="name" label="运营方名称" rules={[{ required: true, whitespace: true, message: '请填写运营方名称' }, { max: 60, message: '最多 60 个字' }]} />
        <ProFormSelect
          name="parkingIds"
          label="负责的停车场"
          fieldProps={{
            mode: 'multiple',
            showSearch: true,
            optionFilterProp: 'label',
            placeholder: '可多选；运营方只能上报这些停车场的空位',
            options: carParks.map((c) => ({ value: c.id, label: `${c.name}（${c.districtName}${c.demo ? '，示例数据' : ''}）` })),
          }}
        />
      </ModalForm>
    </>
  );
}
