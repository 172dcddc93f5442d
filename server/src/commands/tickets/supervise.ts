import { maySupervise, type TicketState } from '@cgt/shared/ticket/machine';
import { SuperviseRequest } from '@cgt/shared/schemas/stats';
import type { TransitionRequest } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { parseOrThrow } from '../../http/validate.js';
import { assertCanReadTicket } from '../../policies/tickets.js';
import { hasRole } from '../../policies/staff-scope.js';
import type { TicketRecord, TimelineEntry } from '../../models/ticket.js';
import { recordAudit } from '../../services/audit.js';
import { recordDeliveries } from '../notifications/record-deliveries.js';
import { findTicket, outboxEntry, staffActor, versionedUpdate } from './common.js';

/**
 * 督办: a leader (viewer) or the dispatch centre puts an open ticket under supervision with a note and a
 * deadline. The state does not change; the ticket carries `supervision` (the handler's queue shows it first
 * with a red tag), the timeline gets a 'supervised' entry (counted in 督办数; closed by the deadline →
 * 督办按期办结), and the department is alerted. Checks: invisible → 404, role → 403, closed/final → 409,
 * stale version → 409 conflict, bad note/deadline → 400 validation_failed.
 */

const MAX_AHEAD_MS = 366 * 24 * 3600_000;

/** ISO date-time, or YYYY-MM-DD = the end of that Shanghai day. */
export function parseDeadline(s: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = day ? new Date(`${s}T23:59:59.999+08:00`) : new Date(s);
  if (Number.isNaN(d.getTime())) return null;
  if (day && d.toISOString().slice(0, 10) !== new Date(Date.parse(`${s}T12:00:00Z`)).toISOString().slice(0, 10)) return null;
  return d;
}

export async function superviseTicket(deps: AppDeps, p: StaffPrincipal, idOrNo: string, body: TransitionRequest, ip: string): Promise<TicketRecord> {
  const t = await findTicket(deps, idOrNo);
  assertCanReadTicket(p, t);
  const ticket = t as TicketRecord;
  if (!hasRole(p, 'admin', 'dispatcher', 'viewer')) throw fail('forbidden', [], '只有局领导或指挥中心可以督办');
  const req = parseOrThrow(SuperviseRequest, body, 'body');
  if (!maySupervise(p.roles, ticket.status as TicketState)) {
    throw fail('invalid_transition', [{ field: 'action', message: '只能督办未办结的工单' }], '工单已办结，不能督办');
  }
  if (req.version !== undefined && req.version !== ticket.version) {
    throw fail('conflict', [{ field: 'version', message: `当前版本 ${ticket.version}` }], '工单已被他人处理，请刷新后重试');
  }
  const now = deps.now();
  const deadline = parseDeadline(req.deadline);
  if (!deadline) throw fail('validation_failed', [{ field: 'deadline', message: '请填写日期（YYYY-MM-DD）或时间' }], '督办期限格式有误');
  if (deadline.getTime() <= now.getTime()) throw fail('validation_failed', [{ field: 'deadline', message: '请选择今后的日期' }], '督办期限须晚于当前时间');
  if (deadline.getTime() - now.getTime() > MAX_AHEAD_MS) throw fail('validation_failed', [{ field: 'deadline', message: '请选择一年以内的日期' }], '督办期限最长一年');

  const entry: TimelineEntry = { type: 'supervised', at: now, actor: staffActor(p, ticket), note: req.note, deadline };
  const supervision = { at: now, deadline, note: req.note, byId: p.userId, byName: p.displayName };
  const outbox = ticket.assignedDepartmentId
    ? [outboxEntry(deps, 'department', ticket.assignedDepartmentId, 'supervised', ticket.status, `工单 ${ticket.trackingNo} 被督办：${req.note}`)]
    : [outboxEntry(deps, 'district', ticket.routing.districtCode, 'supervised', ticket.status, `工单 ${ticket.trackingNo} 被督办：${req.note}`)];
  await recordDeliveries(deps, ticket._id, outbox); // before the write, as applyStateChange does
  const updated = await versionedUpdate(deps, ticket, { status: ticket.status }, {
    $set: { supervision, updatedAt: now },
    $push: { timeline: entry, outbox: { $each: outbox } },
  });
  if (!updated) throw fail('conflict', [{ field: 'version', message: '工单已变更' }], '工单已被他人处理，请刷新后重试');
  await recordAudit(deps, {
    actor: { kind: 'staff', id: p.userId, name: p.displayName },
    action: 'ticket.supervise',
    targetType: 'ticket',
    targetId: String(ticket._id),
    ip,
    details: { trackingNo: ticket.trackingNo, note: req.note, deadline: deadline.toISOString() },
  });
  return updated;
}
