/**
 * 数字城管 closed-loop ticket state machine, kept as plain data so the server enforces exactly
 * what the console and mini-program show as buttons. No zod here: the mini-program imports this.
 *
 * submitted(待受理) → accepted(已立案) → dispatched(处置中) → resolved(待核查) → closed(已结案),
 * with rejected(不予立案) and withdrawn(已撤回) as dead ends.
 */

export const TICKET_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'resolved',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const TICKET_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'return',
  'resolve',
  'verify',
  'rework',
  'reopen',
  'transfer',
  'withdraw',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** The one staff-role list (console pickers show them in this order). */
export const STAFF_ROLES = ['admin', 'dispatcher', 'intake', 'handler', 'complaint_officer', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Chinese names of the staff roles (console, route permissions in the API document, 403 messages). */
export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  admin: '系统管理员',
  dispatcher: '指挥中心调度员',
  /** 受理员: enters the calls, 12345 work orders, letters and patrol findings (新建工单) */
  intake: '受理员',
  handler: '处置单位人员',
  viewer: '只读查看',
  complaint_officer: '信访专员',
};

export type ActorKind = 'staff' | 'citizen' | 'system';

export const STATE_LABELS: Readonly<Record<TicketState, string>> = {
  submitted: '待受理',
  accepted: '已立案',
  dispatched: '处置中',
  resolved: '待核查',
  closed: '已结案',
  rejected: '不予立案',
  withdrawn: '已撤回',
};

/** Button texts (verbs) for the console and mini-program. */
export const ACTION_LABELS: Readonly<Record<TicketAction, string>> = {
  accept: '立案',
  reject: '不予立案',
  dispatch: '派遣',
  return: '回退',
  resolve: '处置反馈',
  verify: '核查结案',
  rework: '返工',
  reopen: '重办',
  transfer: '移交',
  withdraw: '撤回',
};

/**
 * Timeline entries: one per transition plus the events that do not change the state
 * (creation, rating, notes, SLA breach). Stored in the ticket as these ids, labelled on display.
 */
export const TIMELINE_EVENTS = [
  'created',
  'accepted',
  'rejected',
  'dispatched',
  'returned',
  'resolved',
  'verified',
  'reworked',
  'reopened',
  'transferred',
  'withdrawn',
  'rated',
  'noted',
  'overdue',
  'supervised',
  // 延期 (shared/src/ticket/extension.ts): the department applies, the dispatch centre decides
  'extension_requested',
  'extension_approved',
  'extension_refused',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

export const TIMELINE_EVENT_LABELS: Readonly<Record<TimelineEvent, string>> = {
  created: '提交上报',
  accepted: '已立案',
  rejected: '不予立案',
  dispatched: '已派遣',
  returned: '回退',
  resolved: '处置反馈',
  verified: '核查结案',
  reworked: '返工',
  reopened: '重办',
  transferred: '移交',
  withdrawn: '已撤回',
  rated: '评价',
  noted: '备注',
  overdue: '已超期',
  supervised: '督办',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_refused: '驳回延期',
};

export const ACTION_EVENT: Readonly<Record<TicketAction, TimelineEvent>> = {
  accept: 'accepted',
  reject: 'rejected',
  dispatch: 'dispatched',
  return: 'returned',
  resolve: 'resolved',
  verify: 'verified',
  rework: 'reworked',
  reopen: 'reopened',
  transfer: 'transferred',
  withdraw: 'withdrawn',
};

/** The transition table: state → action → next state. A missing cell is an illegal action (409). */
export const TRANSITIONS: Readonly<Record<TicketState, Readonly<Partial<Record<TicketAction, TicketState>>>>> = {
  submitted: { accept: 'accepted', reject: 'rejected', transfer: 'accepted', withdraw: 'withdrawn' },
  // transfer lands in the new district's queue as accepted (立案 already decided, needs new dispatch).
  accepted: { dispatch: 'dispatched', transfer: 'accepted' },
  dispatched: { return: 'accepted', resolve: 'resolved', transfer: 'accepted' },
  resolved: { verify: 'closed', rework: 'dispatched', reopen: 'dispatched' },
  // closed is not terminal: the reporter may still 重办 within REOPEN_WINDOW_DAYS.
  closed: { reopen: 'dispatched' },
  rejected: {},
  withdrawn: {},
};

export function transition(state: TicketState, action: TicketAction): TicketState | null {
  return TRANSITIONS[state][action] ?? null;
}

/** Actions that count in 返工率 (rework rate) for the department's evaluation. */
export function countsAsRework(action: TicketAction): boolean {
  return action === 'rework' || action === 'reopen';
}

/** 重办 is only possible within this many days after 结案 (calendar days, 7×24 h). */
export const REOPEN_WINDOW_DAYS = 7;

/** True when a dissatisfied reporter may still reopen a ticket closed at `closedAt`. */
export function withinReopenWindow(closedAt: Date, now: Date): boolean {
  const elapsed = now.getTime() - closedAt.getTime();
  return elapsed >= 0 && elapsed <= REOPEN_WINDOW_DAYS * 24 * 3600 * 1000;
}

/** Who may perform an action: staff roles, and whether a citizen (the reporter) may. */
export interface ActionPolicy {
  readonly roles: readonly StaffRole[];
  readonly citizen: boolean;
  /** handler-only restriction: the ticket must be dispatched to the handler's department */
  readonly needsAssignment: boolean;
}

const DISPATCH_CENTRE: readonly StaffRole[] = ['admin', 'dispatcher'];
// admin is a superuser and may also act for a handler (e.g. a department without an account yet).
const HANDLER: readonly StaffRole[] = ['admin', 'handler'];

export const ACTION_POLICY: Readonly<Record<TicketAction, ActionPolicy>> = {
  accept: { roles: DISPATCH_CENTRE, citizen: false, needsAssignment: false },
  reject: { roles: DISPATCH_CENTRE, citizen: false, needsAssignment: false },
  dispatch: { roles: DISPATCH_CENTRE, citizen: false, needsAssignment: false },
  return: { roles: HANDLER, citizen: false, needsAssignment: true },
  resolve: { roles: HANDLER, citizen: false, needsAssignment: true },
  verify: { roles: DISPATCH_CENTRE, citizen: false, needsAssignment: false },
  rework: { roles: DISPATCH_CENTRE, citizen: false, needsAssignment: false },
  // 重办 comes from the reporter's "dissatisfied" rating, never from a staff button.
  reopen: { roles: [], citizen: true, needsAssignment: false },
  transfer: { roles: DISPATCH_CENTRE, citizen: false, needsAssignment: false },
  withdraw: { roles: [], citizen: true, needsAssignment: false },
};

export interface ActorContext {
  /** defaults to 'staff' */
  actor?: ActorKind;
  /** staff roles; unknown strings are ignored */
  roles?: readonly string[];
  /** the ticket is dispatched to one of the handler's departments */
  isAssignedDepartment?: boolean;
  /** citizen only: the caller is the ticket's reporter */
  isReporter?: boolean;
  /** citizen reopen only: when the ticket was closed (absent while still resolved) */
  closedAt?: Date | null;
  /** defaults to the current time; pass it for determinism */
  now?: Date;
}

/** May this actor perform `action` at all, ignoring the ticket's current state? */
function actorMayPerform(action: TicketAction, ctx: ActorContext, status: TicketState): boolean {
  const policy = ACTION_POLICY[action];
  const actor = ctx.actor ?? 'staff';
  if (actor === 'citizen') {
    if (!policy.citizen || ctx.isReporter === false) return false;
    if (action === 'reopen' && status === 'closed') {
      if (!ctx.closedAt) return false;
      return withinReopenWindow(ctx.closedAt, ctx.now ?? new Date());
    }
    return true;
  }
  if (actor === 'system') return false;
  const roles = ctx.roles ?? [];
  for (const role of policy.roles) {
    if (!roles.includes(role)) continue;
    // Only the handler role is tied to the assigned department; admin is not.
    if (role === 'handler' && policy.needsAssignment && !ctx.isAssignedDepartment) continue;
    return true;
  }
  return false;
}

/** Actions to offer as buttons for this ticket and actor, in table order. */
export function allowedActions(input: ActorContext & { status: TicketState }): TicketAction[] {
  return TICKET_ACTIONS.filter(
    (a) => transition(input.status, a) !== null && actorMayPerform(a, input, input.status),
  );
}

export type ActionCheck =
  | { ok: true; to: TicketState }
  | { ok: false; code: 'invalid_transition' | 'forbidden' };

/**
 * Server-side check with the error code to return: an action the actor may never do → forbidden (403);
 * an action the actor may do but not from this state → invalid_transition (409); a handler acting on a
 * ticket of another department or a reopen after the window → forbidden.
 */
export function checkAction(input: ActorContext & { status: TicketState; action: TicketAction }): ActionCheck {
  const { action, status } = input;
  const policy = ACTION_POLICY[action];
  const actor = input.actor ?? 'staff';
  const couldEver =
    actor === 'citizen' ? policy.citizen : actor === 'staff' && policy.roles.some((r) => (input.roles ?? []).includes(r));
  if (!couldEver) return { ok: false, code: 'forbidden' };
  const to = transition(status, action);
  if (to === null) return { ok: false, code: 'invalid_transition' };
  if (!actorMayPerform(action, input, status)) return { ok: false, code: 'forbidden' };
  return { ok: true, to };
}

export type ActionField = 'note' | 'reason' | 'reply' | 'departmentId' | 'districtCode';

const REQUIRED_FIELDS: Readonly<Record<TicketAction, readonly ActionField[]>> = {
  accept: [],
  reject: ['reason'],
  dispatch: ['departmentId'],
  return: ['reason'],
  resolve: ['reply'],
  verify: [],
  rework: ['reason'],
  reopen: [],
  transfer: ['districtCode', 'reason'],
  withdraw: [],
};

/** Fields the transition request must carry for this action (note is always optional). */
export function requiredFields(action: TicketAction): readonly ActionField[] {
  return REQUIRED_FIELDS[action];
}

/** Required fields that are absent or blank in `payload` (for early form validation). */
export function missingFields(
  action: TicketAction,
  payload: Partial<Record<ActionField, string | null | undefined>>,
): ActionField[] {
  return REQUIRED_FIELDS[action].filter((f) => {
    const v = payload[f];
    return typeof v !== 'string' || v.trim() === '';
  });
}

/**
 * 督办 (supervision) by a leader (viewer = 局领导) or the dispatch centre: a note and a deadline on an open
 * ticket. It does not change the state; the ticket goes to the top of the handler's queue with a red tag and
 * is counted in 督办数 / 督办按期办结率.
 */
export const SUPERVISE_ROLES: readonly StaffRole[] = ['admin', 'dispatcher', 'viewer'];

export function maySupervise(roles: readonly string[], status: TicketState): boolean {
  return isOpen(status) && SUPERVISE_ROLES.some((r) => roles.includes(r));
}

/** Still in the bureau's hands (counts for SLA, duplicates, queues). resolved awaits 核查, so it is open. */
export const OPEN_STATES: readonly TicketState[] = ['submitted', 'accepted', 'dispatched', 'resolved'];

export function isOpen(state: TicketState): boolean {
  return OPEN_STATES.includes(state);
}

/** No action leads out of it. closed is not terminal because of 重办. */
export function isTerminal(state: TicketState): boolean {
  return Object.keys(TRANSITIONS[state]).length === 0;
}

export function isTicketState(s: unknown): s is TicketState {
  return typeof s === 'string' && (TICKET_STATES as readonly string[]).includes(s);
}

export function isTicketAction(s: unknown): s is TicketAction {
  return typeof s === 'string' && (TICKET_ACTIONS as readonly string[]).includes(s);
}
