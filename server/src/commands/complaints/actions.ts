import { Types } from 'mongoose';
import { checkExtension, withinDeadline } from '@cgt/shared/complaint/deadlines';
import {
  complaintMissingFields,
  complaintTransition,
  REPLY_STAGE_BY_ACTION,
  type ComplaintAction,
  type ComplaintState,
} from '@cgt/shared/complaint/machine';
import type { ComplaintActionRequest } from '@cgt/shared/schemas/complaints';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import type { ComplaintActor, ComplaintRecord, ComplaintTimelineEntry } from '../../models/complaint.js';
import { auditComplaint, invalidTransition, scheduleOf, writeComplaint, type Milestones } from './common.js';
import { outboxEntry } from '../tickets/common.js';
import { recordDeliveries } from '../notifications/record-deliveries.js';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';

/**
 * Every 信访 action: the state table decides legality (409 invalid_transition), the action's required
 * fields are checked (400), then its own rules (one extension → 409 already_extended; 复查/复核 requests
 * only inside their 30-day windows → 422), and one guarded write changes status, milestones, deadlines
 * and timeline together, and the audit entry says who moved the case from which state to which.
 */

type Payload = Omit<ComplaintActionRequest, 'action' | 'version'>;

export async function applyComplaintAction(
  deps: AppDeps,
  c: ComplaintRecord,
  action: ComplaintAction,
  payload: Payload,
  actor: ComplaintActor,
  ip: string,
): Promise<ComplaintRecord> {
  const from = c.status as ComplaintState;
  const to = complaintTransition(from, action);
  if (!to) {
    if (from === 'final') throw invalidTransition('信访事项已终结，不能再办理');
    throw invalidTransition();
  }
  const missing = complaintMissingFields(action, payload);
  if (missing.length) {
    throw fail('validation_failed', missing.map((f) => ({ field: f, message: '必填' })));
  }
  const now = deps.now();
  const dept = action === 'assign' ? await findDepartment(deps, payload.departmentId!) : undefined;
  const { update } = complaintChange(c, action, payload, actor, now, dept);
  // a written reply (处理意见, 复查意见, 复核意见) tells a petitioner who filed in the app: 信访答复通知
  if (REPLY_STAGE_BY_ACTION[action] && c.citizenId) {
    const notice = outboxEntry(deps, 'citizen', c.citizenId, 'concluded', to, payload.reply ?? '');
    await recordDeliveries(deps, c._id, [notice], 'complaint'); // before the write: see models/outbox-delivery.ts
    update.$push.outbox = notice;
  }
  const updated = await writeComplaint(deps, c, `${actor.kind}:${actor.id}`, update);
  await auditComplaint(deps, actor, ip, `complaint.${action}`, c, { from, to: updated.status, days: payload.days, decision: payload.decision });
  return updated;
}

/**
 * The pure part of an action whose legality and required fields were checked: its own rules (one
 * extension, the 30-day request windows; these throw), and the one update that changes status,
 * milestones, deadlines and timeline together. Exported for bulk writers that build a case's history
 * (the scale benchmark's seeding); `dept` is the looked-up department of an assign.
 */
export function complaintChange(
  c: ComplaintRecord,
  action: ComplaintAction,
  payload: Payload,
  actor: ComplaintActor,
  now: Date,
  dept?: { id: string; name: string },
): { to: ComplaintState; update: { $set: Record<string, unknown>; $push: Record<string, unknown> } } {
  const from = c.status as ComplaintState;
  const to = complaintTransition(from, action);
  if (!to) throw invalidTransition();
  const m: Milestones = {
    registeredAt: c.registeredAt,
    acceptedAt: c.acceptedAt,
    concludedAt: c.concludedAt,
    reviewRequestedAt: c.reviewRequestedAt,
    reviewConcludedAt: c.reviewConcludedAt,
    recheckRequestedAt: c.recheckRequestedAt,
    extension: c.extension,
  };
  const set: Record<string, unknown> = {};
  const push: Record<string, unknown> = {};
  const entry: ComplaintTimelineEntry = { type: action, at: now, actor, fromStatus: from, toStatus: to, note: payload.note };

  switch (action) {
    case 'accept':
      m.acceptedAt = set.acceptedAt = now;
      break;
    case 'not_accept':
      set.notAccepted = { reason: payload.reason, redirectTo: payload.redirectTo };
      Object.assign(entry, { reason: payload.reason, redirectTo: payload.redirectTo });
      break;
    case 'transfer':
      set.transferredTo = entry.transferTo = payload.transferTo;
      break;
    case 'assign':
      Object.assign(set, { departmentId: dept!.id, departmentName: dept!.name });
      Object.assign(entry, { departmentId: dept!.id, departmentName: dept!.name });
      break;
    case 'extend': {
      const check = checkExtension({ alreadyExtended: !!c.extension, days: payload.days!, concludeBy: c.deadlines.concludeBy, now });
      if (!check.ok) {
        if (check.code === 'already_extended') throw fail('already_extended', [{ field: 'action', message: '已延期' }], '办理期限只能延长一次');
        if (check.code === 'extension_too_late') throw fail('extension_too_late', [{ field: 'action', message: '期限已过' }], '办理期限已届满，不能再延期');
        throw fail('validation_failed', [{ field: 'days', message: '应为 1–30 的整数' }], '延期天数应为 1–30 天');
      }
      m.extension = set.extension = { days: payload.days!, reason: payload.reason!, at: now, byId: actor.id };
      Object.assign(entry, { days: payload.days, reason: payload.reason });
      break;
    }
    case 'conclude':
    case 'conclude_review':
    case 'conclude_recheck': {
      const stage = REPLY_STAGE_BY_ACTION[action]!;
      push.replies = { stage, decision: payload.decision, text: payload.reply, basis: payload.basis, at: now, byId: actor.id, byName: actor.name };
      Object.assign(entry, { reply: payload.reply, decision: payload.decision, basis: payload.basis });
      if (action === 'conclude') m.concludedAt = set.concludedAt = now;
      if (action === 'conclude_review') m.reviewConcludedAt = set.reviewConcludedAt = now;
      if (action === 'conclude_recheck') set.finalAt = now;
      break;
    }
    case 'request_review':
      if (!withinDeadline(c.deadlines.reviewRequestBy, now)) {
        throw fail('review_window_expired', [{ field: 'action', message: '复查申请期限已过' }], '已超过复查申请期限（收到处理意见之日起 30 日内）');
      }
      m.reviewRequestedAt = set.reviewRequestedAt = now;
      entry.reason = payload.reason;
      break;
    case 'request_recheck':
      if (!withinDeadline(c.deadlines.recheckRequestBy, now)) {
        throw fail('recheck_window_expired', [{ field: 'action', message: '复核申请期限已过' }], '已超过复核申请期限（收到复查意见之日起 30 日内）');
      }
      m.recheckRequestedAt = set.recheckRequestedAt = now;
      entry.reason = payload.reason;
      break;
  }
  const schedule = scheduleOf(to, m);
  push.timeline = entry;
  return { to, update: { $set: { ...set, status: to, deadlines: schedule.deadlines, officeDueAt: schedule.officeDueAt }, $push: push } };
}

async function findDepartment(deps: AppDeps, id: string): Promise<{ id: string; name: string }> {
  const bad = () => fail('unknown_department', [{ field: 'departmentId', message: '未知的承办单位' }]);
  if (!Types.ObjectId.isValid(id) || !OBJECT_ID_RE.test(id)) throw bad();
  const d = await deps.models.Department.findById(id, { name: 1, active: 1 }).lean();
  if (!d || d.active === false) throw bad();
  return { id: String(d._id), name: d.name };
}
