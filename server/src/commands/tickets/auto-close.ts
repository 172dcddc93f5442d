import { RESIDENT_NOTICES } from '@cgt/shared/ticket/resident-labels';
import type { AppDeps } from '../../deps.js';
import type { TicketActor, TicketRecord } from '../../models/ticket.js';
import { applyStateChange, outboxEntry } from './common.js';

/**
 * 12345 practice: a resolved ticket the resident has not rated within AUTO_CLOSE_DAYS is closed by the
 * system with the rating 默认满意, marked `bySystem` so statistics count it apart from real ratings.
 * The change goes through applyStateChange (the kernel's versioned write, guarded on status resolved and
 * satisfaction null), so two processes closing the same ticket — or the resident rating at the same
 * moment — leave exactly one outcome; the loser's 409 is simply skipped.
 * Reads the resolved set of the hot queue projection (equality on status, index status+dueDay+dueAt),
 * page by page; the queue row's updatedAt preselects, the ticket's resolvedAt decides.
 */

export const AUTO_CLOSE_DAYS = 7;
const PAGE = 200;
const MAX_PAGES = 50;

export const SYSTEM_ACTOR: TicketActor = { kind: 'system', id: 'system:auto-close', name: '系统', label: '系统自动结案' };

export async function autoCloseUnrated(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const cutoff = now.getTime() - AUTO_CLOSE_DAYS * 24 * 3600_000;
  let closed = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = await deps.models.TicketQueue.find({ status: 'resolved' }, { updatedAt: 1 })
      .sort({ dueAt: 1 })
      .skip(page * PAGE)
      .limit(PAGE)
      .lean();
    for (const row of rows) {
      if (row.updatedAt.getTime() > cutoff) continue;
      const t = (await deps.models.Ticket.findById(row._id).lean()) as TicketRecord | null;
      if (!t || t.status !== 'resolved' || t.satisfaction || !t.resolvedAt || t.resolvedAt.getTime() > cutoff) continue;
      try {
        await applyStateChange(deps, t, {
          to: 'closed',
          set: { closedAt: now, satisfaction: { value: 'satisfied', comment: '默认满意（市民 7 日内未评价）', at: now, bySystem: true } },
          guard: { satisfaction: null },
          timeline: [
            { type: 'rated', at: now, actor: SYSTEM_ACTOR, satisfaction: 'satisfied', reason: '默认满意（市民 7 日内未评价）' },
            { type: 'verified', at: now, actor: SYSTEM_ACTOR, fromStatus: 'resolved', toStatus: 'closed', note: '系统自动结案' },
          ],
          outbox: [outboxEntry(deps, 'citizen', t.reporter.citizenId, 'closed', 'closed', RESIDENT_NOTICES.autoClosed)],
        });
        closed++;
      } catch {
        // 409: the resident rated or another process closed it in between — nothing to do
      }
    }
    if (rows.length < PAGE) break;
  }
  return closed;
}
