import { useRef, useState } from 'react';
import { ModalForm, ProFormSelect, ProFormSwitch, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../services/request';
import { createDepartment, DEPARTMENT_KINDS, listDepartmentRows, updateDepartment, type DepartmentInput, type DepartmentRow } from '../../services/masterdata';
import type { District } from '../../services/types';
import { contactPhoneRule } from '../../components/phone-rule';
import { areaName, areaOptions } from './areas';

/** 处置单位: per district / zone; create, edit, disable (units are never deleted: tickets refer to them). */
export function Departments({ areas }: { areas: District[] }) {
  const { message, modal } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<DepartmentRow | null>(null);
  const [open, setOpen] = useState(false);

  const toggle = (d: DepartmentRow) =>
    modal.confirm({
      title: d.active ? `停用「${d.name}」？` : `启用「${d.name}」？`,
      content: d.active ? '停用后不再作为派遣对象；指向它的派遣规则将不再生效，已派遣的工单不受影响。' : '启用后可再次被派遣规则选中。',
      okText: d.active ? '停用' : '启用',
      okButtonProps: { danger: d.active },
      onOk: async () => {
        await updateDepartment(d.id, { active: !d.active });
        message.success(d.active ? `已停用「${d.name}」` : `已启用「${d.name}」`);
        void actionRef.current?.reload();
      },
    });

  const save = async (v: DepartmentInput & { active: boolean }) => {
    const phone = v.phone?.trim() || undefined;
    try {
      if (editing) await updateDepartment(editing.id, { name: v.name.trim(), districtCode: v.districtCode, kind: v.kind, active: v.active, phone: phone ?? null });
      else await createDepartment({ name: v.name.trim(), districtCode: v.districtCode, kind: v.kind, active: v.active, phone });
    } catch (err) {
      if (err instanceof ApiError) return false;
      throw err;
    }
    message.success(editing ? `已保存「${v.name}」` : `已新建「${v.name}」`);
    setOpen(false);
    void actionRef.current?.reload();
    return true;
  };

  const columns: ProColumns<DepartmentRow>[] = [
    {
      title: '区县 / 功能区',
      dataIndex: 'districtCode',
      valueType: 'select',
      width: 200,
      fieldProps: { options: areaOptions(areas), showSearch: true, optionFilterProp: 'label' },
      render: (_, d) => (
        <>
          {areaName(areas, d.districtCode)}
          {d.zoneId && <Tag color="orange" style={{ marginLeft: 6 }}>功能区</Tag>}
        </>
      ),
    },
    { title: '单位名称', dataIndex: 'name', search: false },
    { title: '类型', dataIndex: 'kind', search: false, width: 130 },
    { title: '电话', dataIndex: 'phone', search: false, width: 140, render: (_, d) => d.phone || '—' },
    {
      title: '状态',
      dataIndex: 'active',
      valueType: 'select',
      width: 110,
      fieldProps: { options: [{ value: '1', label: '启用' }, { value: '0', label: '已停用' }] },
      render: (_, d) => (
        <>
          {d.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
          {d.demo && <Tag color="gold">示例数据</Tag>}
        </>
      ),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      render: (_, d) => [
        <a key="edit" onClick={() => { setEditing(d); setOpen(true); }}>编辑</a>,
        <a key="toggle" style={d.active ? { color: '#ff4d4f' } : undefined} onClick={() => toggle(d)}>{d.active ? '停用' : '启用'}</a>,
      ],
    },
  ];

  return (
    <>
      <ProTable<DepartmentRow, { districtCode?: string; active?: '0' | '1' }>
        rowKey="id"
        headerTitle="处置单位"
        actionRef={actionRef}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={async ({ districtCode, active }) => {
          const items = await listDepartmentRows({ districtCode, active });
          return { data: items, total: items.length, success: true };
        }}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setOpen(true); }}>新建处置单位</Button>,
        ]}
      />
      <ModalForm<DepartmentInput & { active: boolean }>
        key={editing?.id ?? 'new'}
        title={editing ? `编辑处置单位：${editing.name}` : '新建处置单位'}
        open={open}
        width={520}
        modalProps={{ destroyOnHidden: true, onCancel: () => setOpen(false) }}
        initialValues={editing ? { ...editing } : { active: true, kind: '城管执法中队' }}
        submitter={{ searchConfig: { submitText: '保存' } }}
        onFinish={save}
      >
        <ProFormSelect name="districtCode" label="服务区县 / 功能区" rules={[{ required: true, message: '请选择区县或功能区' }]} fieldProps={{ options: areaOptions(areas), showSearch: true, optionFilterProp: 'label' }} />
        <ProFormText name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 64, message: '名称最多 64 个字符' }]} />
        <ProFormSelect name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]} options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: k }))} />
        <ProFormText name="phone" label="电话" rules={[contactPhoneRule]} />
        <ProFormSwitch name="active" label="启用" />
      </ModalForm>
    </>
  );
}
