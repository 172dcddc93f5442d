import { useEffect } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { ALL_ROLES, ROLE_LABELS } from '../../access';
import type { AdminUser, Department, District, Role } from '../../services/types';
import type { UserCreate } from '../../services/users';
import { passwordRule, usePasswordPolicy } from '../../components/password-rule';
import { mobilePhoneRule } from '../../components/phone-rule';

export interface UserFormProps {
  open: boolean;
  /** null = create */
  user: AdminUser | null;
  districts: District[];
  departments: Department[];
  onCancel: () => void;
  onSubmit: (values: UserCreate) => Promise<void>;
}

/** Create / edit a staff account: roles, districts (empty = all), departments (handlers). */
export function UserForm({ open, user, districts, departments, onCancel, onSubmit }: UserFormProps) {
  const [form] = Form.useForm<UserCreate>();
  const roles = Form.useWatch('roles', form) ?? [];
  const chosenDistricts = Form.useWatch('districtCodes', form) ?? [];
  const policy = usePasswordPolicy();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user)
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        districtCodes: user.districtCodes,
        departmentIds: user.departmentIds ?? [],
        phone: user.phone,
      });
  }, [open, user, form]);

  // A department serves a district or a zone; a zone belongs to the districts it lies in.
  const inChosen = (code: string) => {
    if (chosenDistricts.length === 0 || chosenDistricts.includes(code)) return true;
    const zone = districts.find((z) => z.kind === 'zone' && z.code === code);
    return Boolean(zone?.parentCodes.some((c) => chosenDistricts.includes(c)));
  };
  const departmentOptions = departments
    .filter((d) => inChosen(d.districtCode))
    .map((d) => ({ value: d.id, label: d.name }));

  const handleOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    await onSubmit({ ...values, districtCodes: values.districtCodes ?? [], departmentIds: values.departmentIds ?? [] });
  };

  return (
    <Modal
      title={user ? `编辑用户 · ${user.username}` : '新建用户'}
      open={open}
      onCancel={onCancel}
      onOk={handleOk}
      okText="保存"
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ roles: [], districtCodes: [], departmentIds: [] }}>
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: '3–32 位字母、数字、下划线、点或短横线' },
          ]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={32} />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label="初始密码"
            dependencies={['username']}
            rules={[passwordRule(policy, () => form.getFieldValue('username') as string | undefined)]}
            extra={`留空则由系统生成（仅显示一次）；请通过安全渠道告知本人。密码规则：${policy.description}`}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="phone" label="手机号（选填）" rules={[mobilePhoneRule]}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}>
          <Select<Role[]> mode="multiple" options={ALL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="districtCodes" label="管辖区县" extra="不选表示全部区县">
          <Select
            mode="multiple"
            allowClear
            placeholder="全部区县"
            optionFilterProp="label"
            options={districts.filter((d) => d.kind === 'district').map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="departmentIds"
          label="所属处置部门"
          extra="处置单位人员只能看到派往本部门的工单"
          rules={[
            {
              validator: async (_, v: string[] | undefined) => {
                if ((roles as Role[]).includes('handler') && (!v || v.length === 0)) throw new Error('处置单位人员须选择所属部门');
              },
            },
          ]}
        >
          <Select mode="multiple" allowClear optionFilterProp="label" options={departmentOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
