import { useRef, useState } from 'react';
import { SLA_CLOCK_LABELS, SLA_CLOCK_UNITS } from '@cgt/shared/calendar/working-time';
import { ModalForm, ProFormDigit, ProFormRadio, ProFormSwitch, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Tag, Typography } from 'antd';
import { ApiError } from '../../services/request';
import { listAllCategories, updateCategory, type CategoryRow } from '../../services/masterdata';

type CategoryValues = Pick<CategoryRow, 'slaHours' | 'clock' | 'notice' | 'urgent' | 'active'>;

/** 问题类别: SLA and its clock (natural 7×24 hours for urgent ones, working hours for the others), resident notice, urgent and active flags; codes and names come from the standard. */
export function Categories() {
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<CategoryRow | null>(null);

  const save = async (v: CategoryValues) => {
    if (!editing) return false;
    const patch: Partial<CategoryValues> = {};
    if (v.slaHours !== editing.slaHours) patch.slaHours = v.slaHours;
    if (v.clock !== editing.clock) patch.clock = v.clock;
    if ((v.notice ?? '').trim() !== editing.notice) patch.notice = (v.notice ?? '').trim();
    if (v.urgent !== editing.urgent) patch.urgent = v.urgent;
    if (v.active !== editing.active) patch.active = v.active;
    if (Object.keys(patch).length === 0) {
      setEditing(null);
      return true;
    }
    try {
      await updateCategory(editing.code, patch);
    } catch (err) {
      if (err instanceof ApiError) return false;
      throw err;
    }
    message.success(`已保存「${editing.name}」`);
    setEditing(null);
    void actionRef.current?.reload();
    return true;
  };

  const columns: ProColumns<CategoryRow>[] = [
    { title: '关键字', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '代码 / 名称 / 大类' } },
    { title: '代码', dataIndex: 'code', search: false, width: 80 },
    { title: '类别', dataIndex: 'name', search: false, width: 200, render: (_, c) => <>{c.name}{c.local && <Tag style={{ marginLeft: 6 }}>本地</Tag>}</> },
    { title: '大类', dataIndex: 'groupName', search: false, width: 130, render: (_, c) => `${c.group} ${c.groupName}` },
    { title: '处置时限', dataIndex: 'slaHours', search: false, width: 150, render: (_, c) => <span data-testid={`sla-${c.code}`}>{`${c.slaHours} ${SLA_CLOCK_UNITS[c.clock]}`}{c.clock === 'natural' ? <Tag color="orange" style={{ marginLeft: 6 }}>7×24</Tag> : null}</span> },
    { title: '紧急', dataIndex: 'urgent', search: false, width: 70, render: (_, c) => (c.urgent ? <Tag color="red">紧急</Tag> : '—') },
    { title: '上报提示', dataIndex: 'notice', search: false, ellipsis: true, render: (_, c) => c.notice || '—' },
    {
      title: '状态',
      dataIndex: 'active',
      valueType: 'select',
      width: 100,
      fieldProps: { options: [{ value: 'true', label: '启用' }, { value: 'false', label: '已停用' }] },
      render: (_, c) => (c.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
    },
    { title: '操作', valueType: 'option', width: 70, render: (_, c) => [<a key="edit" onClick={() => setEditing(c)}>编辑</a>] },
  ];

  return (
    <>
      <ProTable<CategoryRow, { q?: string; active?: string }>
        rowKey="code"
        headerTitle="问题类别"
        actionRef={actionRef}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={async ({ q, active }) => {
          const all = await listAllCategories();
          const key = q?.trim();
          const items = all.filter(
            (c) => (!key || c.code.includes(key) || c.name.includes(key) || c.groupName.includes(key)) && (active === undefined || String(c.active) === active),
          );
          return { data: items, total: items.length, success: true };
        }}
      />
      <ModalForm<CategoryValues>
        key={editing?.code ?? 'none'}
        title={editing ? `编辑类别：${editing.code} ${editing.name}` : ''}
        open={editing !== null}
        width={540}
        modalProps={{ destroyOnHidden: true, onCancel: () => setEditing(null) }}
        initialValues={editing ?? undefined}
        submitter={{ searchConfig: { submitText: '保存' } }}
        onFinish={save}
      >
        <ProFormDigit name="slaHours" label="处置时限（小时）" min={0.5} max={24 * 365} fieldProps={{ precision: 1 }} rules={[{ required: true, message: '请填写时限' }]} />
        <ProFormRadio.Group
          name="clock"
          label="计时方式"
          options={(['natural', 'working'] as const).map((c) => ({ value: c, label: SLA_CLOCK_LABELS[c] }))}
          tooltip="自然小时：夜间、周末和节假日照常计时，适合燃气隐患、井盖缺失等紧急类别；工作小时：只计工作日 8:30–12:00、14:30–18:00"
          rules={[{ required: true, message: '请选择计时方式' }]}
        />
        <ProFormTextArea name="notice" label="上报提示" placeholder="居民提交前看到的提示，可留空" fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 2, maxRows: 5 } }} />
        <ProFormSwitch name="urgent" label="紧急类别" />
        <ProFormSwitch name="active" label="启用" tooltip="停用后居民不能再选择该类别；已有工单不受影响" />
        <Typography.Text type="secondary">已提交工单的截止时间在提交时计算，修改时限后以新提交的工单为准。</Typography.Text>
      </ModalForm>
    </>
  );
}
