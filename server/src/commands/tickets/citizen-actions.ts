import { ratingOutcome, type Satisfaction } from '@cgt/shared/ticket/rating';
import { RESIDENT_NOTICES } from '@cgt/shared/ticket/resident-labels';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { computeDueAt } from '../../domain/tickets/sla.js';
import type { TicketRecord, TimelineEntry } from '../../models/ticket.js';
import { applyStateChange, citizenActor, findTicket, invalidTransition, outboxEntry, type StateChange } from './common.js';

/** The resident's own actions on a report: rating (possibly 重办) and withdrawal. */

/** The caller's own ticket; anyone else's is "not found" (its existence is not revealed). */
export async function loadOwnTicket(deps: AppDeps, citizenId: string, id: string): Promise<TicketRecord> {
  const t = await findTicket(deps, id);
  if (!t || t.reporter.citizenId !== citizenId) throw fail('not_found', [], '上报记录不存在');
  return t;
}

export async function rateReport(
  deps: AppDeps,
  citizenId: string,
  id: string,
  input: { satisfaction: Satisfaction; comment?: string },
): Promise<TicketRecord> {
  const t = await loadOwnTicket(deps, citizenId, id);
  const now = deps.now();
  if (t.satisfaction) throw invalidTransition('已评价过，不能重复评价', 'satisfaction');
  const change = ratingChange(deps, t, citizenId, input, now);
  if (!change) throw invalidTransition('处置完成后才能评价', 'satisfaction');
  return applyStateChange(deps, t, change);
}

/**
 * The pure part of a rating: what it records and whether it reopens (重办); null when the ticket is not
 * ratable yet. Exported for bulk writers that build a ticket's history (the scale benchmark's seeding).
 */
export function ratingChange(
  deps: Pick<AppDeps, 'now'>,
  t: TicketRecord,
  citizenId: string,
  input: { satisfaction: Satisfaction; comment?: string },
  now: Date,
): StateChange | null {
  const outcome = ratingOutcome({ status: t.status, satisfaction: input.satisfaction, closedAt: t.closedAt, now });
  if (outcome === 'not_ratable') return null;
  const actor = citizenActor(citizenId);
  const rated: TimelineEntry = { type: 'rated', at: now, actor, satisfaction: input.satisfaction, note: input.comment };
  const satisfaction = { value: input.satisfaction, comment: input.comment, at: now };
  if (outcome === 'record') return { to: t.status, set: { satisfaction }, timeline: [rated], guard: { satisfaction: null } };
  // 重办: back to the department that handled it, counted as rework, with a fresh SLA deadline. The
  // rating goes into the timeline and the slot is freed so the re-handled result can be rated again.
  const reopened: TimelineEntry = {
    type: 'reopened',
    at: now,
    actor,
    fromStatus: t.status,
    toStatus: 'dispatched',
    reason: input.comment ?? '市民评价不满意，申请重办',
    departmentId: t.assignedDepartmentId ?? undefined,
  };
  return {
    to: 'dispatched',
    set: { closedAt: null, resolvedAt: null, dueAt: computeDueAt(now, t.slaHours, t.slaClock) },
    inc: { reworkCount: 1 },
    timeline: [rated, reopened],
    guard: { satisfaction: null },
    outbox: t.assignedDepartmentId
      ? [outboxEntry(deps as AppDeps, 'department', t.assignedDepartmentId, 'reopened', 'dispatched', `工单 ${t.trackingNo} 市民不满意，重办`)]
      : [],
  };
}

export async function withdrawReport(deps: AppDeps, citizenId: string, id: string, reason?: string): Promise<TicketRecord> {
  const t = await loadOwnTicket(deps, citizenId, id);
  if (t.status !== 'submitted') throw invalidTransition('已受理的上报不能撤回');
  const now = deps.now();
  return applyStateChange(deps, t, {
    to: 'withdrawn',
    timeline: [{ type: 'withdrawn', at: now, actor: citizenActor(citizenId), fromStatus: t.status, toStatus: 'withdrawn', reason }],
    outbox: [outboxEntry(deps, 'citizen', citizenId, 'withdrawn', 'withdrawn', RESIDENT_NOTICES.withdrawn)],
  });
}
