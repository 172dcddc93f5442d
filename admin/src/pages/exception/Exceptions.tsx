import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { HOME_PATH } from '../../routes';

/** 403: the route exists but the user's roles do not allow it. */
export function Forbidden() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有访问此页面的权限，如需开通请联系系统管理员。"
      extra={<Button type="primary" onClick={() => navigate(HOME_PATH)}>返回工作台</Button>}
    />
  );
}

/** 404 inside the shell. */
export function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={<Button type="primary" onClick={() => navigate(HOME_PATH)}>返回工作台</Button>}
    />
  );
}
