import { checkAction, allowedActions, type TicketAction, type TicketState } from '@cgt/shared/ticket/machine';
import { withoutHeldActions } from '@cgt/shared/ticket/content-hold';
import type { StaffPrincipal } from '../http/auth.js';
import { fail } from '../http/errors.js';
import { canSeeDistrict, hasRole, isHandlerOf, type ScopePrincipal } from './staff-scope.js';

/**
 * Who may see and act on a ticket.
 * - District scope: a staff member sees tickets of their districts (or zones); empty = all.
 * - A pure handler (no dispatcher/admin/viewer/complaint_officer role) sees only tickets currently
 *   dispatched to one of their departments.
 * A ticket the caller may not see is reported as 404 (its existence is not revealed); an action the
 * caller may not take on a visible ticket is 403; an action not possible in the current state is 409.
 */

export interface TicketScopeView {
  status: string;
  routing: { districtCode: string; zoneCode?: string | null };
  assignedDepartmentId?: string | null;
  /** 待审核: a held ticket offers no action that moves it towards a department */
  contentHold?: { state: string } | null;
}

/** Roles that read the whole district queue (everything except the handler's department view). */
const QUEUE_READERS = ['admin', 'dispatcher', 'intake', 'viewer', 'complaint_officer'] as const;

export function isDepartmentOnly(p: ScopePrincipal): boolean {
  return !hasRole(p, ...QUEUE_READERS);
}

export function canReadTicket(p: ScopePrincipal, t: TicketScopeView): boolean {
  if (!canSeeDistrict(p, t.routing.districtCode, t.routing.zoneCode)) return false;
  if (isDepartmentOnly(p)) return isHandlerOf(p, t.assignedDepartmentId);
  return true;
}

export function assertCanReadTicket(p: ScopePrincipal, t: TicketScopeView | null): asserts t is TicketScopeView {
  if (!t || !canReadTicket(p, t)) throw fail('not_found', [], '工单不存在');
}

/** Filter on the queue projection (ticket_queue) restricting a list to the caller's scope ({} = everything). */
export function ticketScopeFilter(p: ScopePrincipal): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (p.districtCodes.length > 0) {
    and.push({ $or: [{ districtCode: { $in: p.districtCodes } }, { zoneCode: { $in: p.districtCodes } }] });
  }
  if (isDepartmentOnly(p)) {
    const deps = p.roles.includes('handler') ? p.departmentIds : [];
    and.push({ assignedDepartmentId: { $in: deps } });
  }
  if (and.length === 0) return {};
  return and.length === 1 ? and[0]! : { $and: and };
}

/** Full contact phone for 指挥中心 (调度员, 受理员 who took the call) and admins; handlers and viewers get it masked. */
export function maySeeContactPhone(p: ScopePrincipal): boolean {
  return hasRole(p, 'admin', 'dispatcher', 'intake');
}

/** 新建工单 at the intake desk: 受理员, 指挥中心调度员 and admins. */
export const INTAKE_ROLES = ['intake', 'dispatcher', 'admin'] as const;

/** Template writes (常用语): the people who write replies. */
export const TEMPLATE_WRITER_ROLES = ['admin', 'dispatcher', 'handler'] as const;

/** Staff action check on a visible ticket: 403 forbidden or 409 invalid_transition, else the target state. */
export function authorizeStaffAction(p: StaffPrincipal, t: TicketScopeView, action: TicketAction): TicketState {
  const res = checkAction({
    actor: 'staff',
    roles: p.roles,
    isAssignedDepartment: isHandlerOf(p, t.assignedDepartmentId),
    status: t.status as TicketState,
    action,
  });
  if (res.ok) return res.to;
  if (res.code === 'forbidden') throw fail('forbidden', [], '无权对该工单执行此操作');
  throw fail('invalid_transition', [{ field: 'action', message: `当前状态不能${action}` }]);
}

export function staffAllowedActions(p: StaffPrincipal, t: TicketScopeView): TicketAction[] {
  const actions = allowedActions({
    actor: 'staff',
    roles: p.roles,
    isAssignedDepartment: isHandlerOf(p, t.assignedDepartmentId),
    status: t.status as TicketState,
  });
  return withoutHeldActions(actions, t.contentHold?.state === 'held');
}
