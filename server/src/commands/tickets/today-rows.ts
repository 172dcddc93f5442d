import type { TicketState } from '@cgt/shared/ticket/machine';
import type { AppDeps } from '../../deps.js';
import { cellFilter } from '../../domain/tickets/queue-cells.js';
import { RUNNING_STATES } from '../../domain/tickets/sla.js';
import type { BucketCount } from './queue-counts.js';
import type { QueueRow } from './queue.js';

export type DueRow = Pick<QueueRow, '_id' | 'status' | 'dueAt'>;

/**
 * Today's running rows of a cell, slim, for the 超期 split of today's buckets. A day of the city is
 * hundreds of rows (≈0.2 ms each on FerretDB), read on every queue view; yet a bucket's rows change only
 * when its directory entry is recounted, and every recount stamps `countedAt`. So the rows of a bucket
 * are kept in this process while its entry (n, countedAt) stays the same: a reader has already recounted
 * every marked bucket (readBuckets), so an unchanged entry means unchanged rows. A read is kept only when
 * it agrees with the entry's count (a write between the two reads leaves it uncached).
 */
const cache = new WeakMap<object, Map<string, { sig: string; rows: DueRow[] }>>();
const MAX_ENTRIES = 5_000;

function cacheOf(deps: AppDeps): Map<string, { sig: string; rows: DueRow[] }> {
  let m = cache.get(deps.models);
  if (!m) cache.set(deps.models, (m = new Map()));
  return m;
}

export async function todayRunningRows(deps: AppDeps, buckets: readonly BucketCount[], cell: string, today: string): Promise<DueRow[]> {
  const m = cacheOf(deps);
  if (m.size > MAX_ENTRIES) m.clear(); // yesterday's entries go with the rest, refilled on the next views
  const wanted = buckets.filter((b) => b.cell === cell && b.dueDay === today && RUNNING_STATES.includes(b.status as TicketState));
  const parts = await Promise.all(
    wanted.map(async (b) => {
      const key = `${b.cell}|${b.status}|${b.dueDay}`;
      const sig = `${b.n}@${new Date(b.countedAt).getTime()}`;
      const hit = m.get(key);
      if (hit?.sig === sig) return hit.rows;
      const filter: Record<string, unknown> = { ...cellFilter(cell), status: b.status, dueDay: today };
      const rows = await deps.models.TicketQueue.find(filter, { dueAt: 1, status: 1 }).sort({ dueAt: 1, _id: 1 }).lean<DueRow[]>();
      if (rows.length === b.n) m.set(key, { sig, rows });
      else m.delete(key);
      return rows;
    }),
  );
  return parts.flat();
}
