import { TICKET_STATES, type TicketState } from '@cgt/shared/ticket/machine';
import { parseTrackingNo } from '@cgt/shared/format/tracking-no';
import type { TicketListQuery } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { isOverdue, RUNNING_STATES } from '../../domain/tickets/sla.js';
import { cellFilter, cellsForPrincipal, shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { canReadTicket, isDepartmentOnly } from '../../policies/tickets.js';
import { readBuckets, type BucketCount } from './queue-counts.js';
import { todayRunningRows, type DueRow } from './today-rows.js';
import type { QueueRow } from './queue.js';

/**
 * Read models over the ticket rows. Every query is equality on indexed top-level fields selecting a small
 * set (a cell × status × due-day bucket of the hot queue, a resident, a tracking number), with sort and
 * page passed to the driver; counts come from the bucket directory (queue-counts.ts). Nothing reads a
 * whole scope into Node. See domain/tickets/queue-cells.ts for cells and buckets.
 */

type Filter = Record<string, unknown>;
type Counts = Record<'submitted' | 'accepted' | 'dispatched' | 'resolved' | 'closed' | 'rejected' | 'overdue', number>;
const COUNTED: readonly TicketState[] = ['submitted', 'accepted', 'dispatched', 'resolved', 'closed', 'rejected'];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type SortSpec = { field: 'dueAt'; dir: 1 | -1 };
const SORTS: Record<TicketListQuery['sort'], SortSpec> = {
  dueAt: { field: 'dueAt', dir: 1 },
  '-dueAt': { field: 'dueAt', dir: -1 },
};

function compareRows(s: SortSpec) {
  return (a: QueueRow, b: QueueRow) => {
    const d = s.dir * (a[s.field].getTime() - b[s.field].getTime());
    if (d) return d;
    const x = String(a._id), y = String(b._id);
    return s.dir * (x < y ? -1 : x > y ? 1 : 0);
  };
}

/** The principal's cells, narrowed by the districtCode filter (a county or zone code). */
export function scopeCells(p: StaffPrincipal, q: Pick<TicketListQuery, 'districtCode'>): { cells: string[]; disjoint: boolean } {
  const departmentOnly = isDepartmentOnly(p);
  const departmentIds = departmentOnly && p.roles.includes('handler') ? p.departmentIds : [];
  let districtCodes = p.districtCodes;
  if (q.districtCode) {
    if (districtCodes.length > 0 && !districtCodes.includes(q.districtCode)) return { cells: [], disjoint: true };
    districtCodes = [q.districtCode];
  }
  return cellsForPrincipal({ districtCodes, departmentIds, departmentOnly });
}

/** Does a row pass the tab (status / overdue) of the query? */
function inTab(q: TicketListQuery, now: Date) {
  return (r: QueueRow) =>
    (!q.status || r.status === q.status) && (q.overdue === undefined || isOverdue(r.status, r.dueAt, now) === q.overdue);
}

function tabStatuses(q: TicketListQuery): TicketState[] {
  const base = q.status ? [q.status] : [...TICKET_STATES];
  return q.overdue === true ? base.filter((s) => RUNNING_STATES.includes(s)) : base;
}

export async function listStaffTickets(deps: AppDeps, p: StaffPrincipal, q: TicketListQuery) {
  const now = deps.now();
  if (q.q && parseTrackingNo(q.q)) return byTrackingNo(deps, p, q, now);
  const { cells, disjoint } = scopeCells(p, q);
  const filtered = !!(q.categoryCode || q.departmentId || q.from || q.to || q.q) || !disjoint;
  const res = filtered ? await listFiltered(deps, q, cells, now) : await listFromBuckets(deps, q, cells, now);
  return q.page === 1 ? pinSupervised(deps, q, cells, res, now) : res;
}

/**
 * 督办 first: on the first page, the open supervised tickets of the cells that pass the tab and filters
 * come before the rest (a handful per cell, read by the supervised equality). The total is unchanged: they
 * are rows of the list, moved to the top.
 */
async function pinSupervised<R extends { rows: QueueRow[] }>(deps: AppDeps, q: TicketListQuery, cells: string[], res: R, now: Date): Promise<R> {
  const parts = await Promise.all(cells.map((cell) => deps.models.TicketQueue.find({ supervised: true, ...cellFilter(cell) }).limit(50).lean<QueueRow[]>()));
  const pass = (r: QueueRow) =>
    inTab(q, now)(r) &&
    (!q.categoryCode || r.categoryCode === q.categoryCode) &&
    (!q.departmentId || r.departmentId === q.departmentId) &&
    (!q.from || r.createdAt >= q.from) &&
    (!q.to || r.createdAt <= q.to) &&
    (!q.q || `${r.description} ${r.address ?? ''}`.toLowerCase().includes(q.q.toLowerCase()));
  const pinned = new Map<string, QueueRow>();
  for (const r of parts.flat()) if (pass(r)) pinned.set(String(r._id), r);
  if (pinned.size === 0) return res;
  const top = [...pinned.values()].sort((a, b) => a.supervision!.deadline.getTime() - b.supervision!.deadline.getTime());
  return { ...res, rows: [...top, ...res.rows.filter((r) => !pinned.has(String(r._id)))] };
}

/** A tracking number names one ticket of any age: an equality on the unique number. */
async function byTrackingNo(deps: AppDeps, p: StaffPrincipal, q: TicketListQuery, now: Date) {
  const row = await deps.models.TicketRow.findOne({ trackingNo: q.q!.trim().toUpperCase() }).lean<QueueRow>();
  const visible = row && canReadTicket(p, { status: row.status, routing: row, assignedDepartmentId: row.assignedDepartmentId }) ? [row] : [];
  const counts = emptyCounts();
  for (const r of visible) addToCounts(counts, r, now);
  const rows = visible.filter(inTab(q, now)).filter((r) => !q.districtCode || r.districtCode === q.districtCode || r.zoneCode === q.districtCode);
  return { rows: q.page === 1 ? rows : [], total: rows.length, counts };
}

function emptyCounts(): Counts {
  return { submitted: 0, accepted: 0, dispatched: 0, resolved: 0, closed: 0, rejected: 0, overdue: 0 };
}

function addToCounts(c: Counts, r: Pick<QueueRow, 'status' | 'dueAt'>, now: Date): void {
  if ((COUNTED as readonly string[]).includes(r.status)) c[r.status as keyof Counts]++;
  if (isOverdue(r.status, r.dueAt, now)) c.overdue++;
}

/**
 * Rows of one cell due on one day with one of `statuses`, in due order. The directory says how many rows
 * each status has that day: when the wanted ones are most of the day, one query reads the whole day
 * (one round trip instead of one per status); when they are few beside many others (a day of closed
 * tickets and three dispatched ones), one query per wanted status bucket reads only those.
 */
async function dayRows(deps: AppDeps, buckets: readonly BucketCount[], cell: string, dueDay: string, statuses: ReadonlySet<string>, dir: 1 | -1) {
  const ofDay = buckets.filter((b) => b.cell === cell && b.dueDay === dueDay);
  const wanted = ofDay.filter((b) => statuses.has(b.status));
  const all = ofDay.reduce((s, b) => s + b.n, 0);
  const some = wanted.reduce((s, b) => s + b.n, 0);
  const read = (filter: Filter) => deps.models.TicketQueue.find(filter).sort({ dueAt: dir, _id: dir }).lean<QueueRow[]>();
  if (some * 2 >= all) return (await read({ ...cellFilter(cell), dueDay })).filter((r) => statuses.has(r.status));
  const parts = await Promise.all(wanted.map((b) => read({ ...cellFilter(cell), status: b.status, dueDay })));
  return parts.flat();
}

/**
 * The unfiltered queue: counts from the directory; the page is located by walking the directory's days,
 * so only the days that hold the page are read (dayRows). Today's rows of running
 * tickets are read (slim) because "overdue" splits them at this instant.
 */
async function listFromBuckets(deps: AppDeps, q: TicketListQuery, cells: string[], now: Date) {
  const today = shanghaiDay(now);
  const buckets = cells.length ? await readBuckets(deps, cells) : [];
  const counts = emptyCounts();
  const isRunning = (status: string) => RUNNING_STATES.includes(status as TicketState);
  const cellsDueToday = [...new Set(buckets.filter((b) => b.dueDay === today && isRunning(b.status)).map((b) => b.cell))];
  const todayRows = new Map<string, DueRow[]>();
  await Promise.all(cellsDueToday.map(async (cell) => todayRows.set(cell, await todayRunningRows(deps, buckets, cell, today))));
  for (const b of buckets) {
    if ((COUNTED as readonly string[]).includes(b.status)) counts[b.status as keyof Counts] += b.n;
    if (isRunning(b.status) && b.dueDay < today) counts.overdue += b.n;
  }
  for (const rows of todayRows.values()) counts.overdue += rows.filter((r) => isOverdue(r.status, r.dueAt, now)).length;

  const statuses = new Set<string>(tabStatuses(q));
  /** rows of the tab in a bucket: all of them, none, or (today, running, overdue filter) some */
  const tabCount = (b: BucketCount): number => {
    if (!statuses.has(b.status)) return 0;
    if (q.overdue === undefined || !isRunning(b.status)) return q.overdue === true ? 0 : b.n;
    if (b.dueDay < today) return q.overdue ? b.n : 0;
    if (b.dueDay > today) return q.overdue ? 0 : b.n;
    const rows = todayRows.get(b.cell) ?? [];
    return rows.filter((r) => r.status === b.status && (r.dueAt < now) === q.overdue).length;
  };
  const inTabBuckets = buckets.filter((b) => tabCount(b) > 0);
  const total = inTabBuckets.reduce((s, b) => s + tabCount(b), 0);
  const sort = SORTS[q.sort];
  const skip = (q.page - 1) * q.pageSize;
  if (skip >= total) return { rows: [], total, counts };

  // due order: find the days that hold rows skip … skip+pageSize, read only those days of those cells
  const byDay = new Map<string, BucketCount[]>();
  for (const b of inTabBuckets) byDay.set(b.dueDay, [...(byDay.get(b.dueDay) ?? []), b]);
  const days = [...byDay.keys()].sort();
  if (sort.dir === -1) days.reverse();
  let before = 0;
  const needed = new Map<string, { cell: string; day: string }>();
  let offset = 0;
  for (const day of days) {
    const n = byDay.get(day)!.reduce((s, b) => s + tabCount(b), 0);
    if (before + n > skip) {
      if (needed.size === 0) offset = skip - before;
      for (const b of byDay.get(day)!) needed.set(`${b.cell}|${day}`, { cell: b.cell, day });
    }
    before += n;
    if (before >= skip + q.pageSize) break;
  }
  const parts = await Promise.all([...needed.values()].map((x) => dayRows(deps, buckets, x.cell, x.day, statuses, sort.dir)));
  const rows = parts.flat().filter(inTab(q, now)).sort(compareRows(sort));
  return { rows: rows.slice(offset, offset + q.pageSize), total, counts };
}

/**
 * Filtered views (category, routed department, dates, text) and principals whose cells overlap: one
 * equality query per cell × status, narrowed further in the database; counted the same way. Bounded by
 * the principal's hot queue, fast when the equality part is selective (a category, a department).
 */
async function listFiltered(deps: AppDeps, q: TicketListQuery, cells: string[], now: Date) {
  const eq: Filter = {};
  if (q.categoryCode) eq.categoryCode = q.categoryCode;
  if (q.departmentId) eq.departmentId = q.departmentId;
  const rest: Filter = {};
  if (q.from || q.to) rest.createdAt = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
  if (q.q) {
    const rx = { $regex: escapeRegex(q.q), $options: 'i' };
    rest.$or = [{ description: rx }, { address: rx }];
  }
  const sort = SORTS[q.sort];
  const skip = (q.page - 1) * q.pageSize;
  // one pass per cell × status over the small projection needed to count and order; then whole rows of the page
  const keyFields = { status: 1, dueAt: 1 } as const;
  const parts = await Promise.all(
    cells.flatMap((cell) =>
      TICKET_STATES.map((status) => deps.models.TicketQueue.find({ ...cellFilter(cell), status, ...eq, ...rest }, keyFields).lean<QueueRow[]>()),
    ),
  );
  const seen = new Map<string, QueueRow>();
  for (const r of parts.flat()) seen.set(String(r._id), r);
  const all = [...seen.values()];
  const counts = emptyCounts();
  for (const r of all) addToCounts(counts, r, now);
  const matching = all.filter(inTab(q, now)).sort(compareRows(sort));
  const pageIds = matching.slice(skip, skip + q.pageSize).map((r) => r._id);
  const rows = await Promise.all(pageIds.map((id) => deps.models.TicketQueue.findById(id).lean<QueueRow>()));
  return { rows: rows.filter((r): r is QueueRow => !!r), total: matching.length, counts };
}
