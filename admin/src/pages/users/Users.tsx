import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ALL_ROLES, ROLE_LABELS } from '../../access';
import { useMasterData } from '../../hooks/useMasterData';
import { createUser, listUsers, resetPassword, unlockUser, updateUser, type UserCreate } from '../../services/users';
import type { AdminUser, Role } from '../../services/types';
import { UserForm } from './UserForm';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';

/** Shows a one-time password with a copy button. */
function passwordContent(password: string) {
  return (
    <div>
      临时密码：
      <Typography.Text code copyable data-testid="temp-password">
        {password}
      </Typography.Text>
      <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)' }}>仅显示一次，请通过安全渠道告知本人；首次登录须修改密码。</div>
    </div>
  );
}

/** 用户管理 (admin): create, edit roles/districts/departments, disable, reset password. */
export default function Users() {
  const { message, modal } = App.useApp();
  const { districts, departments } = useMasterData();
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const districtName = (code: string) => districts.find((d) => d.code === code)?.name ?? code;
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? id;

  const handleToggle = (u: AdminUser) =>
    modal.confirm({
      title: u.disabled ? `启用账号 ${u.username}？` : `停用账号 ${u.username}？`,
      content: u.disabled ? '启用后该用户可重新登录。' : '停用后该用户立即无法登录，已登录的会话将失效。',
      okText: u.disabled ? '启用' : '停用',
      okButtonProps: { danger: !u.disabled },
      onOk: async () => {
        await updateUser(u.id, { disabled: !u.disabled });
        message.success(u.disabled ? '已启用' : '已停用');
        void actionRef.current?.reload();
      },
    });

  const handleReset = (u: AdminUser) =>
    modal.confirm({
      title: `重置 ${u.displayName}（${u.username}）的密码？`,
      content: '系统将生成临时密码，原密码与已登录会话立即失效。',
      okText: '重置',
      onOk: async () => {
        const { password } = await resetPassword(u.id);
        modal.success({ title: '密码已重置', content: passwordContent(password) });
      },
    });

  const handleUnlock = (u: AdminUser) =>
    modal.confirm({
      title: `解除 ${u.displayName}（${u.username}）的登录锁定？`,
      content: '将清除该账号来自所有 IP 的登录失败记录。若怀疑有人在猜测密码，请同时重置密码。',
      okText: '解锁',
      onOk: async () => {
        await unlockUser(u.id);
        message.success('已解锁');
        void actionRef.current?.reload();
      },
    });

  const saveUser = async (values: UserCreate) => {
    if (editing) {
      const { username: _username, password: _password, phone, ...patch } = values;
      await updateUser(editing.id, { ...patch, phone: phone || null });
      message.success('已保存');
      return;
    }
    const res = await createUser({ ...values, password: values.password || undefined, phone: values.phone || undefined });
    if (res.password) modal.success({ title: `已创建用户 ${values.username}`, content: passwordContent(res.password) });
    else message.success(`已创建用户 ${values.username}`);
  };

  const columns: ProColumns<AdminUser>[] = [
    { title: '关键字', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '用户名 / 姓名' } },
    { title: '用户名', dataIndex: 'username', search: false, width: 130 },
    { title: '姓名', dataIndex: 'displayName', search: false, width: 110 },
    {
      title: '角色',
      dataIndex: 'role',
      valueType: 'select',
      fieldProps: { options: ALL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })) },
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.roles.map((r: Role) => (
            <Tag key={r} color={r === 'admin' ? 'red' : 'blue'}>
              {ROLE_LABELS[r] ?? r}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '管辖区县',
      dataIndex: 'districtCodes',
      search: false,
      render: (_, u) => (u.districtCodes.length === 0 ? '全部区县' : u.districtCodes.map(districtName).join('、')),
    },
    {
      title: '所属部门',
      dataIndex: 'departmentIds',
      search: false,
      ellipsis: true,
      render: (_, u) => (u.departmentIds && u.departmentIds.length > 0 ? u.departmentIds.map(departmentName).join('、') : '—'),
    },
    {
      title: '状态',
      dataIndex: 'disabled',
      search: false,
      width: 90,
      render: (_, u) =>
        u.disabled ? (
          <Tag>已停用</Tag>
        ) : u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()) ? (
          <Tag color="orange">锁定至 {dayjs(u.lockedUntil).format('HH:mm')}</Tag>
        ) : (
          <Tag color="green">正常</Tag>
        ),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      search: false,
      width: 140,
      render: (_, u) => (u.lastLoginAt ? dayjs(u.lastLoginAt).format('YYYY-MM-DD HH:mm') : '—'),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 220,
      render: (_, u) => [
        <a key="edit" onClick={() => { setEditing(u); setFormOpen(true); }}>编辑</a>,
        <a key="reset" onClick={() => handleReset(u)}>重置密码</a>,
        ...(u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs())
          ? [<a key="unlock" data-testid={`unlock-${u.username}`} onClick={() => handleUnlock(u)}>解锁</a>]
          : []),
        <a key="toggle" onClick={() => handleToggle(u)} style={u.disabled ? undefined : { color: '#ff4d4f' }}>
          {u.disabled ? '启用' : '停用'}
        </a>,
      ],
    },
  ];

  const request = useLatestTableRequest<AdminUser, { q?: string; role?: Role; current?: number; pageSize?: number }>(async ({ q, role, current, pageSize }, _sort, _filter, signal) => {
    const res = await listUsers({ q, role, page: current, pageSize }, signal);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <>
      <ProTable<AdminUser, { q?: string; role?: Role; current?: number; pageSize?: number }>
        rowKey="id"
        headerTitle="用户管理"
        actionRef={actionRef}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={request}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }}>
            新建用户
          </Button>,
        ]}
      />
      <UserForm
        open={formOpen}
        user={editing}
        districts={districts}
        departments={departments}
        onCancel={() => setFormOpen(false)}
        onSubmit={async (values) => {
          try {
            await saveUser(values);
          } catch {
            return; // shown by the error policy; keep the dialog open
          }
          setFormOpen(false);
          void actionRef.current?.reload();
        }}
      />
    </>
  );
}
