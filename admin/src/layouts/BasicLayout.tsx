import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ProLayout } from '@ant-design/pro-components';
import { Dropdown, Space, Tag, Tooltip, Typography } from 'antd';
import { EnvironmentOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { computeAccess, roleLabels, type AccessKey } from '../access';
import { useSession } from '../stores/session';
import { logout, refreshMe } from '../services/auth';
import { districtNames } from '../services/districts';
import { HOME_PATH, LOGIN_PATH, matchAppRoute, menuRoutes } from '../routes';
import { PageLoading } from '../components/PageLoading';
import { Forbidden } from '../pages/exception/Exceptions';

// Forms and modals stay out of the initial bundle until needed.
const ChangePasswordModal = lazy(() => import('../components/ChangePasswordModal'));
// the bell (List, Popover, Badge) loads after the shell: it polls, so it can wait a moment
const NotificationBell = lazy(() => import('../components/NotificationBell'));

/** Shell: ProLayout with the menu from routes.tsx, access guard, title, and the user in the header. */
export function BasicLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [pwdOpen, setPwdOpen] = useState(false);
  const loggedIn = Boolean(session);
  const access = useMemo(() => computeAccess(session?.user), [session?.user]);
  const route = matchAppRoute(location.pathname);

  useEffect(() => {
    document.title = route ? `${route.name} · 城管通` : '城管通 · 工作台';
  }, [route]);

  useEffect(() => {
    if (!loggedIn) return;
    districtNames().then(setNames, () => undefined);
    // Roles and districts may have changed since login; a 401 here logs out through request.ts.
    refreshMe().catch(() => undefined);
  }, [loggedIn]);

  if (!session) {
    const redirect = `${location.pathname}${location.search}`;
    const target = redirect && redirect !== '/' ? `${LOGIN_PATH}?redirect=${encodeURIComponent(redirect)}` : LOGIN_PATH;
    return <Navigate to={target} replace />;
  }

  const can = (key: AccessKey) => access[key];
  const allowed = !route?.access || can(route.access);
  const { user } = session;
  const districts = user.districtCodes.length === 0 ? ['全部辖区'] : user.districtCodes.map((c) => names.get(c) ?? c);

  const handleLogout = async () => {
    await logout();
    navigate(LOGIN_PATH, { replace: true });
  };

  return (
    <ProLayout
      title="城管通"
      logo={false}
      layout="mix"
      fixSiderbar
      fixedHeader
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menuRoutes(can) }}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      onMenuHeaderClick={() => navigate(HOME_PATH)}
      pageTitleRender={false}
      actionsRender={() => [
        <Suspense key="bell" fallback={null}>
          <NotificationBell />
        </Suspense>,
        <Space key="who" size={4} wrap={false} style={{ marginRight: 8 }}>
          {roleLabels(user.roles).map((label) => (
            <Tag key={label} color="blue" style={{ marginInlineEnd: 0 }}>
              {label}
            </Tag>
          ))}
          <Tooltip title={`辖区：${districts.join('、')}`}>
            <Tag icon={<EnvironmentOutlined />} style={{ marginInlineEnd: 0 }} data-testid="header-districts">
              {districts.length > 2 ? `${districts.slice(0, 2).join('、')} 等${districts.length}个` : districts.join('、')}
            </Tag>
          </Tooltip>
        </Space>,
      ]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: <Typography.Text data-testid="header-user">{user.displayName || user.username}</Typography.Text>,
        render: (_props, dom) => (
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
              ],
              onClick: ({ key }) => {
                if (key === 'logout') void handleLogout();
                if (key === 'password') setPwdOpen(true);
              },
            }}
          >
            {dom}
          </Dropdown>
        ),
      }}
    >
      {/* with an initial or temporary password the server answers only the password change (403
          password_change_required): no page loads until the forced dialog below has done it */}
      {user.mustChangePassword ? null : <Suspense fallback={<PageLoading />}>{allowed ? <Outlet /> : <Forbidden />}</Suspense>}
      {pwdOpen || user.mustChangePassword ? (
        <Suspense fallback={null}>
          <ChangePasswordModal open forced={Boolean(user.mustChangePassword)} onClose={() => setPwdOpen(false)} />
        </Suspense>
      ) : null}
    </ProLayout>
  );
}
