import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { FormOutlined, ApiOutlined, AuditOutlined, BarChartOutlined, SlidersOutlined, BellOutlined, MessageOutlined, ProfileOutlined, TeamOutlined, DeleteOutlined, ApartmentOutlined, EnvironmentOutlined, SolutionOutlined } from '@ant-design/icons';
import { matchPath } from 'react-router-dom';
import type { AccessKey } from './access';

/** One entry of the single route config that drives the router, the menu, page titles and guards. */
export interface AppRoute {
  path: string;
  /** Menu label and page title. */
  name: string;
  icon?: ReactNode;
  /** Access flag required to see the menu item and open the page. */
  access?: AccessKey;
  hideInMenu?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

/** Pages inside the ProLayout shell (paths are relative to the /admin basename). */
export const appRoutes: AppRoute[] = [
  {
    path: '/tickets',
    name: '工单处置',
    icon: <ProfileOutlined />,
    access: 'canSeeTickets',
    component: lazy(() => import('./pages/tickets/Workbench')),
  },
  {
    path: '/tickets/new',
    name: '新建工单',
    icon: <FormOutlined />,
    access: 'canCreateTicket',
    component: lazy(() => import('./pages/tickets/NewTicket')),
  },
  {
    path: '/tickets/:id',
    name: '工单详情',
    access: 'canSeeTickets',
    hideInMenu: true,
    component: lazy(() => import('./pages/tickets/Detail')),
  },
  {
    path: '/ticket-map',
    name: '工单地图',
    icon: <EnvironmentOutlined />,
    access: 'canSeeTicketMap',
    component: lazy(() => import('./pages/ticket-map/TicketMapPage')),
  },
  {
    path: '/stats',
    name: '考核',
    icon: <BarChartOutlined />,
    access: 'canSeeAssessment',
    component: lazy(() => import('./pages/stats/Assessment')),
  },
  {
    path: '/stats/weights',
    name: '考核权重',
    icon: <SlidersOutlined />,
    access: 'canManageAssessmentWeights',
    component: lazy(() => import('./pages/stats/Weights')),
  },
  {
    path: '/templates',
    name: '常用语',
    icon: <MessageOutlined />,
    access: 'canSeeTemplates',
    component: lazy(() => import('./pages/templates/Templates')),
  },
  {
    path: '/complaints',
    name: '信访',
    icon: <SolutionOutlined />,
    access: 'canSeeComplaints',
    component: lazy(() => import('./pages/complaints/Complaints')),
  },
  {
    path: '/complaints/:id',
    name: '信访件案卷',
    access: 'canSeeComplaints',
    hideInMenu: true,
    component: lazy(() => import('./pages/complaints/Detail')),
  },
  {
    path: '/waste',
    name: '垃圾分类管理',
    icon: <DeleteOutlined />,
    access: 'canManageWaste',
    component: lazy(() => import('./pages/waste/Waste')),
  },
  {
    path: '/masterdata',
    name: '区域与处置单位',
    icon: <ApartmentOutlined />,
    access: 'canManageMasterData',
    component: lazy(() => import('./pages/masterdata/MasterData')),
  },
  {
    path: '/poi',
    name: '停车场与公厕',
    icon: <EnvironmentOutlined />,
    access: 'canManagePoi',
    component: lazy(() => import('./pages/poi/Poi')),
  },
  {
    path: '/users',
    name: '用户管理',
    icon: <TeamOutlined />,
    access: 'canManageUsers',
    component: lazy(() => import('./pages/users/Users')),
  },
  {
    path: '/open311',
    name: 'Open311 接入',
    icon: <ApiOutlined />,
    access: 'canManageUsers',
    component: lazy(() => import('./pages/open311/Open311Keys')),
  },
  {
    path: '/notifications',
    name: '消息通知',
    icon: <BellOutlined />,
    access: 'canManageUsers',
    component: lazy(() => import('./pages/notifications/Notifications')),
  },
  {
    path: '/audit',
    name: '审计日志',
    icon: <AuditOutlined />,
    access: 'canSeeAudit',
    component: lazy(() => import('./pages/audit/Audit')),
  },
];

/** Pages outside the shell for printing (they check the session and access themselves). */
export const BULLETIN_PATH = '/stats/bulletin';

/** Public pages outside the shell. */
export const LOGIN_PATH = '/login';
export const HOME_PATH = '/tickets';

/** The route matching a pathname (relative to the basename), if any. */
export function matchAppRoute(pathname: string): AppRoute | undefined {
  return appRoutes.find((r) => matchPath({ path: r.path, end: true }, pathname));
}

/** Menu data for ProLayout, filtered by access. */
export function menuRoutes(can: (key: AccessKey) => boolean): { path: string; name: string; icon?: ReactNode }[] {
  return appRoutes
    .filter((r) => !r.hideInMenu && (!r.access || can(r.access)))
    .map(({ path, name, icon }) => ({ path, name, icon }));
}
