import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { changePassword } from '../services/auth';
import { ApiError, detailLines } from '../services/request';
import { useSession } from '../stores/session';
import { passwordRule, usePasswordPolicy } from './password-rule';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码; `forced` when the account still has a generated password (cannot be dismissed). */
export default function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const policy = usePasswordPolicy();
  const username = useSession()?.user.username;

  const handleOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setLoading(true);
    setError(null);
    try {
      await changePassword(v.oldPassword, v.newPassword);
      message.success('密码已修改，其他设备上的登录已失效');
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError) setError([err.message, ...detailLines(err.details)].filter((s, i, a) => a.indexOf(s) === i).join('；'));
      else setError('网络异常，请稍后重试');
    } finally {
      setLoading(false);
    }
  };

  return (
    <Modal
      title={forced ? '首次登录，请修改密码' : '修改密码'}
      open={open}
      onOk={handleOk}
      okText="确认修改"
      confirmLoading={loading}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      maskClosable={false}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      forceRender
    >
      {forced && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="当前密码为管理员设置的初始密码或临时密码，修改后才能继续使用。" />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form form={form} layout="vertical">
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={<span data-testid="password-policy">{policy.description}</span>}
          rules={[{ required: true, message: '请输入新密码' }, passwordRule(policy, () => username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
