import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { login } from '../../services/auth';
import { ApiError } from '../../services/request';
import { useSession } from '../../stores/session';
import { HOME_PATH } from '../../routes';
import { lockoutMessage } from './lockout';

interface LoginForm {
  username: string;
  password: string;
}

/** Only same-app relative paths are followed after login. */
function safeRedirect(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : HOME_PATH;
}

/** Staff login: username + password; shows the server's message, and the unlock time when locked (423). */
export default function Login() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<{ type: 'error' | 'warning'; text: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const redirect = safeRedirect(params.get('redirect'));

  if (session) return <Navigate to={redirect} replace />;

  const handleFinish = async (values: LoginForm) => {
    setLoading(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(redirect, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 423 || err.code === 'account_locked')) {
        setError({ type: 'warning', text: lockoutMessage(err.details) });
      } else if (err instanceof ApiError && err.status > 0) {
        setError({ type: 'error', text: err.status === 401 ? err.message || '用户名或密码错误' : err.message });
      } else {
        setError({ type: 'error', text: '网络异常，请检查网络后重试' });
      }
    } finally {
      setLoading(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #e6f4ff 0%, #f0f5ff 50%, #ffffff 100%)',
      }}
    >
      <Card style={{ width: 380, boxShadow: '0 8px 24px rgba(0,0,0,0.08)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            城管通
          </Typography.Title>
          <Typography.Text type="secondary">岳阳市城市管理局 · 工作人员登录</Typography.Text>
        </div>
        {error && (
          <Alert
            type={error.type}
            message={error.text}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<LoginForm> layout="vertical" size="large" onFinish={handleFinish} autoComplete="on" requiredMark={false}>
          <Form.Item name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={loading}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          忘记密码？请联系系统管理员
        </Typography.Text>
      </Card>
    </div>
  );
}
