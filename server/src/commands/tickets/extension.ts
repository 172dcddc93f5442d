import { checkExtensionAction, extendedDeadline, EXTENSION_EVENT, type ExtensionAction } from '@cgt/shared/ticket/extension';
import { ExtensionApplyRequest, ExtensionDecisionRequest, type TransitionRequest } from '@cgt/shared/schemas/tickets';
import { toShanghaiString } from '@cgt/shared/calendar/working-time';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { parseOrThrow } from '../../http/validate.js';
import { assertCanReadTicket } from '../../policies/tickets.js';
import { isHandlerOf } from '../../policies/staff-scope.js';
import type { OutboxEntry, TicketExtension, TicketRecord, TimelineEntry } from '../../models/ticket.js';
import { recordAudit } from '../../services/audit.js';
import { recordDeliveries } from '../notifications/record-deliveries.js';
import { DISPATCH_CENTRE_LABEL, findTicket, outboxEntry, staffActor, versionedUpdate } from './common.js';

/**
 * 延期 on POST /api/v1/admin/tickets/:id/transitions (action request_extension / approve_extension /
 * refuse_extension). The state does not change. The department applies with a reason and a new deadline
 * (or extra hours / days, counted on the ticket's own clock — working time, or natural hours for urgent
 * categories — from the deadline in force);
 * the dispatch centre approves — dueAt moves to the deadline applied for, which the statistics then judge
 * 按期 against and count once as 延期 (domain/stats/ticket-facts.ts reads the approval from the timeline) —
 * or refuses with a reason. Checks, in order: invisible → 404; role or department → 403; not 处置中, one
 * already pending, nothing to decide → 409 invalid_transition; stale version → 409 conflict; bad fields →
 * 400. The write is guarded on the status and department read, so a 回退 or 移交 meanwhile is a conflict.
 */

const CONFLICT = () => fail('conflict', [{ field: 'version', message: '工单已变更' }], '工单已被他人处理，请刷新后重试');

export async function extensionAction(deps: AppDeps, p: StaffPrincipal, idOrNo: string, body: TransitionRequest, ip: string): Promise<TicketRecord> {
  const t = await findTicket(deps, idOrNo);
  assertCanReadTicket(p, t);
  const ticket = t as TicketRecord;
  const action = body.action as ExtensionAction;
  const check = checkExtensionAction(action, { roles: p.roles, isAssignedDepartment: isHandlerOf(p, ticket.assignedDepartmentId) }, ticket);
  if (!check.ok) {
    if (check.code === 'forbidden') throw fail('forbidden', [], check.message);
    throw fail('invalid_transition', [{ field: 'action', message: check.message }], check.message);
  }
  if (body.version !== undefined && body.version !== ticket.version) {
    throw fail('conflict', [{ field: 'version', message: `当前版本 ${ticket.version}` }], '工单已被他人处理，请刷新后重试');
  }
  const now = deps.now();
  const step = buildExtensionStep(deps, p, ticket, body, now);
  await recordDeliveries(deps, ticket._id, step.outbox); // before the write, as applyStateChange does
  const guard = { status: 'dispatched', assignedDepartmentId: ticket.assignedDepartmentId, ...(action === 'request_extension' ? {} : { 'extension.state': 'pending' }) };
  const updated = await versionedUpdate(deps, ticket, guard, { $set: { ...step.set, updatedAt: now }, $push: { timeline: step.entry, outbox: { $each: step.outbox } } });
  if (!updated) throw CONFLICT();
  const x = step.extension;
  await recordAudit(deps, {
    actor: { kind: 'staff', id: p.userId, name: p.displayName },
    action: `ticket.${action}`,
    targetType: 'ticket',
    targetId: String(ticket._id),
    ip,
    details: { trackingNo: ticket.trackingNo, fromDueAt: x.fromDueAt.toISOString(), dueAt: x.dueAt.toISOString(), reason: action === 'refuse_extension' ? x.refuseReason : x.reason },
  });
  return updated;
}

export interface ExtensionStep {
  extension: TicketExtension;
  /** the fields the write sets: the application, and on approval the new dueAt */
  set: Record<string, unknown>;
  entry: TimelineEntry;
  outbox: OutboxEntry[];
}

/**
 * The pure part of a 延期 step, already authorised (checkExtensionAction): validates the fields (400) and
 * builds what the write sets and appends. Kept apart so bulk writers (the demo history, the aggregate test)
 * record exactly the entries the live command writes.
 */
export function buildExtensionStep(deps: Pick<AppDeps, 'now'>, p: StaffPrincipal, t: TicketRecord, body: TransitionRequest, now: Date): ExtensionStep {
  const d = deps as AppDeps; // outboxEntry only reads the clock
  const step = body.action === 'request_extension' ? apply(d, p, t, body, now) : decide(d, p, t, body, now);
  const set: Record<string, unknown> = { extension: step.extension };
  if (body.action === 'approve_extension') {
    set.dueAt = step.extension.dueAt;
    // the breach recorded against the old deadline is history (timeline); the new deadline starts clean
    set.overdue = null;
  }
  return { ...step, set };
}

type Step = Omit<ExtensionStep, 'set'>;

function apply(deps: AppDeps, p: StaffPrincipal, t: TicketRecord, body: TransitionRequest, now: Date): Step {
  const req = parseOrThrow(ExtensionApplyRequest, body, 'body');
  const d = extendedDeadline(t.dueAt, req, now, t.slaClock ?? 'working');
  if (!d.ok) throw fail('validation_failed', [{ field: d.field, message: d.message }], d.message);
  const dept = t.routing.departmentName || '处置单位';
  const extension: TicketExtension = {
    state: 'pending',
    requestedAt: now,
    requestedById: p.userId,
    requestedByName: p.displayName,
    departmentId: t.assignedDepartmentId,
    departmentName: t.routing.departmentName ?? null,
    reason: req.reason,
    fromDueAt: t.dueAt,
    dueAt: d.dueAt,
    extraWorkingHours: d.extraWorkingHours,
  };
  const entry: TimelineEntry = { type: EXTENSION_EVENT.request_extension, at: now, actor: staffActor(p, dept), reason: req.reason, note: req.note, deadline: d.dueAt };
  const text = `工单 ${t.trackingNo} 申请延期至 ${toShanghaiString(d.dueAt)}：${req.reason}`;
  return { extension, entry, outbox: [outboxEntry(deps, 'district', t.routing.districtCode, 'extension_requested', t.status, text)] };
}

function decide(deps: AppDeps, p: StaffPrincipal, t: TicketRecord, body: TransitionRequest, now: Date): Step {
  const req = parseOrThrow(ExtensionDecisionRequest, body, 'body');
  const pending = t.extension!;
  const approved = req.action === 'approve_extension';
  const refuseReason = req.action === 'refuse_extension' ? req.reason : undefined;
  const extension: TicketExtension = {
    ...pending,
    state: approved ? 'approved' : 'refused',
    decidedAt: now,
    decidedById: p.userId,
    decidedByName: p.displayName,
    refuseReason: refuseReason ?? null,
  };
  const entry: TimelineEntry = {
    type: EXTENSION_EVENT[req.action],
    at: now,
    actor: staffActor(p, DISPATCH_CENTRE_LABEL),
    note: req.note,
    reason: refuseReason,
    deadline: pending.dueAt,
    fromDeadline: approved ? t.dueAt : undefined,
  };
  const text = approved
    ? `工单 ${t.trackingNo} 延期已批准，处置期限延至 ${toShanghaiString(pending.dueAt)}`
    : `工单 ${t.trackingNo} 延期申请被驳回：${refuseReason}`;
  const outbox = t.assignedDepartmentId ? [outboxEntry(deps, 'department', t.assignedDepartmentId, EXTENSION_EVENT[req.action], t.status, text)] : [];
  return { extension, entry, outbox };
}
