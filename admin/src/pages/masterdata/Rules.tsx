import { useEffect, useMemo, useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormSelect, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../services/request';
import {
  createRoutingRule,
  deleteRoutingRule,
  listAllCategories,
  listDepartmentRows,
  listRoutingRules,
  updateRoutingRule,
  type CategoryRow,
  type DepartmentRow,
  type RoutingRuleInput,
  type RoutingRuleRow,
} from '../../services/masterdata';
import type { District } from '../../services/types';
import { areaName, areaOptions } from './areas';

/** 派遣规则: district/zone × category (code, 2-digit group or *) → department; zone rules win over district rules. */
export function Rules({ areas }: { areas: District[] }) {
  const { message, modal } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<RoutingRuleRow | null>(null);
  const [open, setOpen] = useState(false);
  const [categories, setCategories] = useState<CategoryRow[]>([]);
  const [departments, setDepartments] = useState<DepartmentRow[]>([]);

  useEffect(() => {
    listAllCategories().then(setCategories, () => undefined);
    listDepartmentRows().then(setDepartments, () => undefined);
  }, []);

  const categoryOptions = useMemo(() => {
    const groups = new Map<string, string>();
    categories.forEach((c) => groups.set(c.group, c.groupName));
    return [
      { label: '通配', options: [{ value: '*', label: '* 全部类别' }] },
      { label: '类别组（2 位）', options: [...groups].map(([g, n]) => ({ value: g, label: `${g} ${n}` })) },
      { label: '具体类别（5 位）', options: categories.map((c) => ({ value: c.code, label: `${c.code} ${c.name}${c.active ? '' : '（已停用）'}` })) },
    ];
  }, [categories]);

  const categoryLabel = (code: string) => {
    if (code === '*') return '全部类别';
    const c = categories.find((x) => x.code === code);
    if (c) return `${c.code} ${c.name}`;
    const g = categories.find((x) => x.group === code);
    return g ? `${code} ${g.groupName}（类别组）` : code;
  };

  const remove = (r: RoutingRuleRow) =>
    modal.confirm({
      title: `删除派遣规则「${r.name}」？`,
      content: `${r.scopeName} × ${categoryLabel(r.categoryCode)} → ${r.departmentName}。删除后新工单按其余规则派遣，已派遣的工单不受影响。`,
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: async () => {
        await deleteRoutingRule(r.id);
        message.success('已删除派遣规则');
        void actionRef.current?.reload();
      },
    });

  const save = async (v: RoutingRuleInput) => {
    const body = { ...v, name: v.name?.trim() || undefined, priority: v.priority ?? 0 };
    try {
      if (editing) await updateRoutingRule(editing.id, body);
      else await createRoutingRule(body);
    } catch (err) {
      if (err instanceof ApiError) return false;
      throw err;
    }
    message.success(editing ? '已保存派遣规则' : '已新建派遣规则');
    setOpen(false);
    void actionRef.current?.reload();
    return true;
  };

  const columns: ProColumns<RoutingRuleRow>[] = [
    {
      title: '区县 / 功能区',
      dataIndex: 'scopeCode',
      valueType: 'select',
      width: 190,
      fieldProps: { options: areaOptions(areas), showSearch: true, optionFilterProp: 'label' },
      render: (_, r) => r.scopeName || areaName(areas, r.scopeCode),
    },
    { title: '问题类别', dataIndex: 'categoryCode', search: false, render: (_, r) => categoryLabel(r.categoryCode) },
    { title: '处置单位', dataIndex: 'departmentName', search: false },
    { title: '优先级', dataIndex: 'priority', search: false, width: 80 },
    { title: '规则名称', dataIndex: 'name', search: false, ellipsis: true, render: (_, r) => <>{r.name}{r.demo && <Tag color="gold" style={{ marginLeft: 6 }}>示例数据</Tag>}</> },
    {
      title: '操作',
      valueType: 'option',
      width: 110,
      render: (_, r) => [
        <a key="edit" onClick={() => { setEditing(r); setOpen(true); }}>编辑</a>,
        <a key="del" style={{ color: '#ff4d4f' }} onClick={() => remove(r)}>删除</a>,
      ],
    },
  ];

  return (
    <>
      <ProTable<RoutingRuleRow, { scopeCode?: string }>
        rowKey="id"
        headerTitle="派遣规则"
        tooltip="按 功能区规则 > 区县规则、具体类别 > 类别组 > *、优先级高者 选择处置单位"
        actionRef={actionRef}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={async ({ scopeCode }) => {
          const items = await listRoutingRules(scopeCode);
          return { data: items, total: items.length, success: true };
        }}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setOpen(true); }}>新建派遣规则</Button>,
        ]}
      />
      <ModalForm<RoutingRuleInput>
        key={editing?.id ?? 'new'}
        title={editing ? '编辑派遣规则' : '新建派遣规则'}
        open={open}
        width={560}
        modalProps={{ destroyOnHidden: true, onCancel: () => setOpen(false) }}
        initialValues={editing ? { scopeCode: editing.scopeCode, categoryCode: editing.categoryCode, departmentId: editing.departmentId, priority: editing.priority, name: editing.name } : { priority: 0, categoryCode: '*' }}
        submitter={{ searchConfig: { submitText: '保存' } }}
        onFinish={save}
      >
        <ProFormSelect name="scopeCode" label="区县 / 功能区" rules={[{ required: true, message: '请选择区县或功能区' }]} fieldProps={{ options: areaOptions(areas), showSearch: true, optionFilterProp: 'label' }} />
        <ProFormSelect name="categoryCode" label="问题类别" rules={[{ required: true, message: '请选择类别' }]} fieldProps={{ options: categoryOptions, showSearch: true, optionFilterProp: 'label' }} />
        <ProFormSelect
          name="departmentId"
          label="处置单位"
          rules={[{ required: true, message: '请选择处置单位' }]}
          fieldProps={{
            showSearch: true,
            optionFilterProp: 'label',
            options: departments.map((d) => ({ value: d.id, label: `${d.name}（${areaName(areas, d.districtCode)}）${d.active ? '' : '【已停用】'}`, disabled: !d.active })),
          }}
        />
        <ProFormDigit name="priority" label="优先级" min={-1000} max={1000} fieldProps={{ precision: 0 }} tooltip="同一范围、同一类别有多条规则时，数值大者优先" />
        <ProFormText name="name" label="规则名称" placeholder="留空则自动生成" rules={[{ max: 64, message: '最多 64 个字符' }]} />
        <Typography.Text type="secondary">功能区内的工单优先按功能区规则派遣。</Typography.Text>
      </ModalForm>
    </>
  );
}
