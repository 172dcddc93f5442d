import { OPEN_STATES, type TicketState } from '@cgt/shared/ticket/machine';
import type { TicketMapQuery, TicketMapResponse } from '@cgt/shared/schemas/map';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { isOverdue } from '../../domain/tickets/sla.js';
import { cellFilter, shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { readBuckets, type BucketCount } from './queue-counts.js';
import { scopeCells } from './queries.js';

/** Markers one map answer carries at most: enough to see where work piles up, small enough to draw and send. */
export const MAP_MARKER_CAP = 2000;
/** bucket reads in flight at once */
const PARALLEL = 6;

interface MarkerRow {
  _id: unknown;
  trackingNo: string;
  lat: number;
  lng: number;
  status: TicketState;
  dueAt: Date;
  categoryName: string;
}

const PROJECTION = { _id: 1, trackingNo: 1, lat: 1, lng: 1, status: 1, dueAt: 1, categoryName: 1 } as const;

/**
 * The open tickets of the principal's scope for the map. Read like the queue (commands/tickets/queries.ts):
 * the bucket directory (cell × status × due day, exact counts) says which buckets exist and how many rows
 * each holds; buckets are read in due order — overdue first — one equality query each (indexed
 * cell fields + status + dueDay, only the marker fields projected, limit = what is left of the cap) until
 * the cap is reached. Nothing reads the whole scope. The total comes from the directory when the filter
 * is one the directory counts (state, district, overdue); with a category filter it is "at least".
 */
export async function ticketMapMarkers(deps: AppDeps, p: StaffPrincipal, q: TicketMapQuery, cap = MAP_MARKER_CAP): Promise<TicketMapResponse> {
  const now = deps.now();
  const today = shanghaiDay(now);
  const { cells, disjoint } = scopeCells(p, q);
  const statuses = new Set<string>(q.status ? [q.status] : OPEN_STATES);
  const all = cells.length ? await readBuckets(deps, cells) : [];
  const wanted = all
    .filter((b) => statuses.has(b.status))
    .filter((b) => (q.overdue === true ? b.dueDay <= today : q.overdue === false ? b.dueDay >= today : true))
    .sort((a, b) => (a.dueDay < b.dueDay ? -1 : a.dueDay > b.dueDay ? 1 : a.cell < b.cell ? -1 : 1));

  // rows of a bucket that pass the overdue filter: all of them, except in today's bucket (split at now)
  const passes = (r: MarkerRow) => q.overdue === undefined || isOverdue(r.status, r.dueAt, now) === q.overdue;
  const whole = (b: BucketCount) => q.overdue === undefined || b.dueDay !== today;

  const seen = new Set<string>();
  const markers: TicketMapResponse['markers'] = [];
  let next = 0;
  let partialRowsCounted = 0;
  const readOne = async (b: BucketCount) => {
    const filter: Record<string, unknown> = { ...cellFilter(b.cell), status: b.status, dueDay: b.dueDay };
    if (q.categoryCode) filter.categoryCode = q.categoryCode;
    const rows = await deps.models.TicketQueue.find(filter, PROJECTION)
      .sort({ dueAt: 1, _id: 1 })
      .limit(whole(b) ? Math.max(1, cap - markers.length) : b.n)
      .lean<MarkerRow[]>();
    for (const r of rows) {
      if (!passes(r)) continue;
      if (!whole(b)) partialRowsCounted++;
      const id = String(r._id);
      if (!disjoint && seen.has(id)) continue;
      seen.add(id);
      if (markers.length >= cap) continue;
      markers.push({
        id,
        trackingNo: r.trackingNo,
        lat: r.lat,
        lng: r.lng,
        status: r.status,
        dueAt: r.dueAt.toISOString(),
        overdue: isOverdue(r.status, r.dueAt, now),
        categoryName: r.categoryName,
      });
    }
  };
  const worker = async () => {
    while (next < wanted.length && markers.length < cap) await readOne(wanted[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, wanted.length) }, worker));
  markers.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));

  // exact when the directory counts the filter, the cells do not overlap, and every split bucket was read
  const splitBuckets = wanted.filter((b) => !whole(b));
  const allSplitRead = splitBuckets.every((b) => wanted.indexOf(b) < next);
  const totalExact = !q.categoryCode && disjoint && allSplitRead;
  const counted = wanted.filter(whole).reduce((s, b) => s + b.n, 0) + partialRowsCounted;
  const total = totalExact ? counted : markers.length;
  return { markers, total: Math.max(total, markers.length), totalExact, cap };
}
