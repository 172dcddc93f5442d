/**
 * 延期 (deadline extension) of a dispatched ticket, as 数字城管 systems run it: the handling department
 * applies (延期申请: a new deadline, or extra working hours / working days, and the reason); the dispatch
 * centre approves — the ticket's dueAt moves to the new deadline — or refuses with a reason. One application
 * is pending at a time. It does not change the ticket's state; each approval counts once in 延期数.
 * No zod here: the console imports this file.
 */
import { addSlaHours, fromShanghai, isWorkingDay, slaHoursBetween, WORKING_HOURS_PER_DAY, type SlaClock } from '../calendar/working-time';
import type { StaffRole, TicketState, TimelineEvent } from './machine';

export const EXTENSION_ACTIONS = ['request_extension', 'approve_extension', 'refuse_extension'] as const;
export type ExtensionAction = (typeof EXTENSION_ACTIONS)[number];

/** Button texts (console). */
export const EXTENSION_ACTION_LABELS: Readonly<Record<ExtensionAction, string>> = {
  request_extension: '申请延期',
  approve_extension: '批准延期',
  refuse_extension: '驳回延期',
};

export const EXTENSION_EVENT: Readonly<Record<ExtensionAction, TimelineEvent>> = {
  request_extension: 'extension_requested',
  approve_extension: 'extension_approved',
  refuse_extension: 'extension_refused',
};

/** The department applies (admin may act for it); the dispatch centre decides. */
export const EXTENSION_ROLES: Readonly<Record<ExtensionAction, readonly StaffRole[]>> = {
  request_extension: ['admin', 'handler'],
  approve_extension: ['admin', 'dispatcher'],
  refuse_extension: ['admin', 'dispatcher'],
};

/** An extension may add at most this many working days to the deadline in force. */
export const MAX_EXTENSION_WORKING_DAYS = 30;
export const MAX_EXTENSION_WORKING_HOURS = MAX_EXTENSION_WORKING_DAYS * WORKING_HOURS_PER_DAY;

export type ExtensionState = 'pending' | 'approved' | 'refused';

/** What the ticket carries of its latest application. */
export interface ExtensionLike {
  state: ExtensionState;
  /** the department that applied */
  departmentId?: string | null;
}

export interface ExtensionTicket {
  status: TicketState | string;
  assignedDepartmentId?: string | null;
  extension?: ExtensionLike | null;
}

/**
 * An application waits for the centre only while the ticket is still being handled by the department that
 * applied: a 处置反馈, 回退 or 移交 ends it (the work it asked time for is over or elsewhere).
 */
export function hasPendingExtension(t: ExtensionTicket): boolean {
  const x = t.extension;
  return !!x && x.state === 'pending' && t.status === 'dispatched' && !!x.departmentId && x.departmentId === t.assignedDepartmentId;
}

export interface ExtensionActor {
  roles: readonly string[];
  /** the ticket is dispatched to one of the caller's departments */
  isAssignedDepartment: boolean;
}

export type ExtensionCheck = { ok: true } | { ok: false; code: 'forbidden' | 'invalid_transition'; message: string };

/**
 * Server check with the error to return: a role that may never do it, or a handler of another department →
 * forbidden; not possible now (not 处置中, one already pending, nothing pending to decide) → invalid_transition.
 */
export function checkExtensionAction(action: ExtensionAction, actor: ExtensionActor, t: ExtensionTicket): ExtensionCheck {
  const roles = EXTENSION_ROLES[action].filter((r) => actor.roles.includes(r));
  if (roles.length === 0) return { ok: false, code: 'forbidden', message: action === 'request_extension' ? '只有处置单位可以申请延期' : '只有指挥中心可以审批延期' };
  // a pure handler applies only for its own department's ticket; admin may act for any department
  if (action === 'request_extension' && !roles.includes('admin') && !actor.isAssignedDepartment) {
    return { ok: false, code: 'forbidden', message: '只能为本单位处置中的工单申请延期' };
  }
  if (t.status !== 'dispatched') return { ok: false, code: 'invalid_transition', message: '只有处置中的工单可以延期' };
  const pending = hasPendingExtension(t);
  if (action === 'request_extension' && pending) return { ok: false, code: 'invalid_transition', message: '已有待审批的延期申请，请等待指挥中心审批' };
  if (action !== 'request_extension' && !pending) return { ok: false, code: 'invalid_transition', message: '没有待审批的延期申请' };
  return { ok: true };
}

/** The extension buttons to offer, in order. */
export function extensionActions(actor: ExtensionActor, t: ExtensionTicket): ExtensionAction[] {
  return EXTENSION_ACTIONS.filter((a) => checkExtensionAction(a, actor, t).ok);
}

/** How much time is asked for: exactly one of the three. */
export interface ExtensionAsk {
  /** ISO date-time, or YYYY-MM-DD = the close of office hours (18:00) that working day */
  newDueAt?: string;
  extraWorkingHours?: number;
  extraWorkingDays?: number;
}

export type ExtensionDeadline =
  | { ok: true; dueAt: Date; extraWorkingHours: number }
  | { ok: false; field: keyof ExtensionAsk; message: string };

/** A day of extension on the ticket's clock: a working day (7 h) on working time, 24 h on natural hours. */
export function hoursPerDay(clock: SlaClock): number {
  return clock === 'working' ? WORKING_HOURS_PER_DAY : 24;
}

/**
 * The new deadline on the ticket's own clock (the category's, fixed at filing): the deadline in force plus the
 * hours or days asked for, or the date asked for (working time: 18:00 that working day; natural hours: the end
 * of that day). It must be later than both the deadline in force and `now`, and add at most
 * MAX_EXTENSION_WORKING_DAYS days. `extraWorkingHours` in the answer is counted on the same clock.
 */
export function extendedDeadline(currentDue: Date, ask: ExtensionAsk, now: Date, clock: SlaClock = 'working'): ExtensionDeadline {
  let dueAt: Date;
  let field: keyof ExtensionAsk;
  const perDay = hoursPerDay(clock);
  if (ask.newDueAt !== undefined) {
    field = 'newDueAt';
    const day = /^\d{4}-\d{2}-\d{2}$/.test(ask.newDueAt) ? ask.newDueAt : null;
    const endOfDay = (d: string) => (clock === 'working' ? fromShanghai(`${d} 18:00`) : new Date(fromShanghai(`${d} 23:59`).getTime() + 59_999));
    const parsed = day ? safeDate(() => endOfDay(day)) : safeDate(() => new Date(ask.newDueAt!));
    if (!parsed || (day && new Date(Date.parse(`${day}T12:00:00Z`)).toISOString().slice(0, 10) !== day)) {
      return { ok: false, field, message: '请填写日期（YYYY-MM-DD）或时间' };
    }
    if (day && clock === 'working' && !isWorkingDay(parsed)) return { ok: false, field, message: '新的处置期限须为工作日' };
    dueAt = parsed;
  } else if (ask.extraWorkingHours !== undefined) {
    field = 'extraWorkingHours';
    dueAt = addSlaHours(currentDue, ask.extraWorkingHours, clock);
  } else if (ask.extraWorkingDays !== undefined) {
    field = 'extraWorkingDays';
    dueAt = addSlaHours(currentDue, ask.extraWorkingDays * perDay, clock);
  } else {
    return { ok: false, field: 'newDueAt', message: '请填写新的处置期限，或延长的工作小时 / 工作日' };
  }
  if (dueAt.getTime() <= currentDue.getTime()) return { ok: false, field, message: '新的处置期限须晚于当前期限' };
  if (dueAt.getTime() <= now.getTime()) return { ok: false, field, message: '新的处置期限须晚于当前时间' };
  const extra = Math.round(slaHoursBetween(currentDue, dueAt, clock) * 10) / 10;
  if (extra > MAX_EXTENSION_WORKING_DAYS * perDay) return { ok: false, field, message: `一次最多延长 ${MAX_EXTENSION_WORKING_DAYS} 个工作日` };
  if (extra <= 0) return { ok: false, field, message: '新的处置期限须多出工作时间' };
  return { ok: true, dueAt, extraWorkingHours: extra };
}

function safeDate(f: () => Date): Date | null {
  try {
    const d = f();
    return Number.isNaN(d.getTime()) ? null : d;
  } catch {
    return null;
  }
}
