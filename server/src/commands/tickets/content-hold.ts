import { CONTENT_HOLD_SOURCE_LABEL, HELD_ACTIONS, mayReleaseContent } from '@cgt/shared/ticket/content-hold';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { assertCanReadTicket } from '../../policies/tickets.js';
import type { TicketActor, TicketRecord } from '../../models/ticket.js';
import { recordAudit } from '../../services/audit.js';
import { findTicket, patchTicket, staffActor, versionedUpdate } from './common.js';

/**
 * 待审核: when WeChat's content check calls a new report's text or a photo `risky`, the ticket is held —
 * listed for dispatchers with the label, but not accepted, dispatched or transferred until a dispatcher
 * releases it; rejecting it (不予立案) stays possible. A check that could not run never holds anything
 * (fail open, content-checks.ts). Holding is a system write through the ticket kernel (patchTicket:
 * versioned, the queue row follows); releasing is a staff command with its audit entry.
 */

const CHECK_ACTOR: TicketActor = { kind: 'system', id: 'system:content-check', name: '系统', label: '内容安全检测' };
const HOLDABLE_STATES = new Set(['submitted', 'accepted']);

/** Holds the ticket after a `risky` verdict; a ticket already past dispatch, or already held/released, is left as it is. */
export async function holdForContent(deps: AppDeps, ticketId: string, source: 'text' | 'media', label: number | null): Promise<boolean> {
  const t = (await deps.models.Ticket.findById(ticketId, { status: 1, contentHold: 1 }).lean()) as Pick<TicketRecord, 'status' | 'contentHold'> | null;
  if (!t || t.contentHold || !HOLDABLE_STATES.has(t.status)) return false;
  const now = deps.now();
  const updated = await patchTicket(deps, ticketId, {
    $set: { contentHold: { state: 'held', source, label, at: now }, updatedAt: now },
    $push: { timeline: { type: 'noted', at: now, actor: CHECK_ACTOR, note: `内容安全检测提示${CONTENT_HOLD_SOURCE_LABEL[source]}存在风险，待人工审核` } },
  });
  return !!updated;
}

/** Refuses an action a hold stops (409 content_held, nothing changes). */
export function assertNotHeld(ticket: Pick<TicketRecord, 'contentHold'>, action: string): void {
  if (ticket.contentHold?.state === 'held' && (HELD_ACTIONS as readonly string[]).includes(action)) {
    throw fail('content_held', [{ field: 'action', message: '内容待审核' }], '该诉求内容待审核：请先审核放行，或不予立案');
  }
}

/** A dispatcher (or admin) of the ticket's district releases the hold after looking at the report. */
export async function releaseContentHold(deps: AppDeps, p: StaffPrincipal, idOrNo: string, req: { note?: string; version?: number }, ip: string): Promise<TicketRecord> {
  const t = await findTicket(deps, idOrNo);
  assertCanReadTicket(p, t);
  const ticket = t as TicketRecord;
  if (!mayReleaseContent(p.roles)) throw fail('forbidden', [], '只有调度员可以审核放行');
  if (ticket.contentHold?.state !== 'held') {
    throw fail('invalid_transition', [{ field: 'action', message: '无需放行' }], '该诉求没有待审核的内容');
  }
  if (req.version !== undefined && req.version !== ticket.version) {
    throw fail('conflict', [{ field: 'version', message: `当前版本 ${ticket.version}` }], '工单已被他人处理，请刷新后重试');
  }
  const now = deps.now();
  const updated = await versionedUpdate(deps, ticket, { status: ticket.status }, {
    $set: { contentHold: { ...ticket.contentHold, state: 'released', releasedAt: now, releasedById: p.userId, releasedByName: p.displayName }, updatedAt: now },
    $push: { timeline: { type: 'noted', at: now, actor: staffActor(p, ticket), note: req.note ? `内容审核通过，已放行：${req.note}` : '内容审核通过，已放行' } },
  });
  if (!updated) throw fail('conflict', [{ field: 'version', message: '工单已变更' }], '工单已被他人处理，请刷新后重试');
  await recordAudit(deps, {
    actor: { kind: 'staff', id: p.userId, name: p.displayName },
    action: 'ticket.content_release',
    targetType: 'ticket',
    targetId: String(ticket._id),
    ip,
    details: { trackingNo: ticket.trackingNo, source: ticket.contentHold.source, note: req.note },
  });
  return updated;
}
