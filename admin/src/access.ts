import { STAFF_ROLE_LABELS, STAFF_ROLES, SUPERVISE_ROLES } from '@cgt/shared/ticket/machine';
import type { Role, StaffUser } from './services/types';

/** Chinese labels for staff roles (header, users page): the shared ones. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = STAFF_ROLE_LABELS;

export const ALL_ROLES: readonly Role[] = STAFF_ROLES;

/** What the UI shows for a user. The server enforces the same rules; this only hides what would be refused. */
export interface Access {
  isLoggedIn: boolean;
  /** 工单处置 workbench and ticket detail. */
  canSeeTickets: boolean;
  /** 新建工单 at the intake desk (受理员, 调度员, admins). */
  canCreateTicket: boolean;
  /** Bulk 受理 / 派遣 in the workbench. */
  canBulkAccept: boolean;
  canBulkDispatch: boolean;
  /** 移交 (re-route to another district or zone). */
  canTransfer: boolean;
  /** 常用语 page: read (all staff) and maintain. */
  canSeeTemplates: boolean;
  canManageTemplates: boolean;
  /** 用户管理 and 审计日志 (admin only). */
  canManageUsers: boolean;
  canSeeAudit: boolean;
  /** 垃圾分类管理, 区域与处置单位, 停车场/公厕 (admin only on the server). */
  canManageWaste: boolean;
  canManageMasterData: boolean;
  canManagePoi: boolean;
  /** 信访 registry and case actions (complaint officers and admins). */
  canSeeComplaints: boolean;
  /** 考核 dashboard and 月度考核通报 (leaders, dispatchers, admins; district staff see their districts only). */
  canSeeAssessment: boolean;
  /** 工单地图: the city's open tickets on a map (server: TICKET_MAP_ROLES) */
  canSeeTicketMap: boolean;
  /** 考核权重 (weights, grade bands): admins. */
  canManageAssessmentWeights: boolean;
  /** 督办 a ticket (leaders and dispatchers; admins). */
  canSupervise: boolean;
  /** Roles that never act on tickets. */
  readOnly: boolean;
}

/** Keys usable as route guards. */
export type AccessKey = Exclude<keyof Access, 'readOnly'>;

/** Pure mapping roles → UI flags. */
export function computeAccess(user: Pick<StaffUser, 'roles'> | null | undefined): Access {
  const roles = new Set<Role>(user?.roles ?? []);
  const isAdmin = roles.has('admin');
  const isDispatcher = roles.has('dispatcher');
  const isHandler = roles.has('handler');
  const loggedIn = Boolean(user);
  const anyStaff = loggedIn && roles.size > 0;
  return {
    isLoggedIn: loggedIn,
    canSeeTickets: anyStaff,
    canCreateTicket: isAdmin || isDispatcher || roles.has('intake'),
    canBulkAccept: isAdmin || isDispatcher,
    canBulkDispatch: isAdmin || isDispatcher,
    canTransfer: isAdmin || isDispatcher,
    // Server: every staff member reads 常用语; dispatchers, handlers and admins maintain them.
    canSeeTemplates: anyStaff,
    canManageTemplates: isAdmin || isDispatcher || isHandler,
    canManageUsers: isAdmin,
    canSeeAudit: isAdmin,
    canManageWaste: isAdmin,
    canManageMasterData: isAdmin,
    canManagePoi: isAdmin,
    canSeeComplaints: isAdmin || roles.has('complaint_officer'),
    canSeeAssessment: isAdmin || isDispatcher || roles.has('viewer'),
    canSeeTicketMap: isAdmin || isDispatcher || roles.has('viewer'),
    canManageAssessmentWeights: isAdmin,
    canSupervise: SUPERVISE_ROLES.some((r) => roles.has(r)),
    readOnly: anyStaff && !isAdmin && !isDispatcher && !isHandler,
  };
}

/** Chinese labels of a user's roles, in a stable order. */
export function roleLabels(roles: readonly Role[]): string[] {
  return ALL_ROLES.filter((r) => roles.includes(r)).map((r) => ROLE_LABELS[r]);
}
