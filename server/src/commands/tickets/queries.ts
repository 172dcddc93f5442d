import type { TicketListQuery } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { isOverdue } from '../../domain/tickets/sla.js';
import { ticketScopeFilter } from '../../policies/tickets.js';
import type { QueueRow } from './queue.js';

/**
 * Read models over the compact queue projection. Each list is ONE query (scope + filters the database
 * can apply) whose rows are then counted, filtered by tab, sorted and paged here: FerretDB would scan
 * the collection once per query anyway, so one scan beats find + count + tab counts (three scans).
 */

type Filter = Record<string, unknown>;

export async function listMine(deps: AppDeps, citizenId: string, page: number, pageSize: number) {
  const rows = (await deps.models.TicketQueue.find({ citizenId }).lean()) as QueueRow[];
  rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Comparator = (a: QueueRow, b: QueueRow) => number;
const byTime = (f: 'createdAt' | 'dueAt' | 'updatedAt', dir: 1 | -1): Comparator => (a, b) =>
  dir * (a[f].getTime() - b[f].getTime()) || dir * (String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0);
const SORTS: Record<TicketListQuery['sort'], Comparator> = {
  '-createdAt': byTime('createdAt', -1),
  createdAt: byTime('createdAt', 1),
  dueAt: byTime('dueAt', 1),
  '-dueAt': byTime('dueAt', -1),
  '-updatedAt': byTime('updatedAt', -1),
};

/** Filters shared by the list and its tab counts (everything except status and overdue, which the tabs are). */
function baseFilter(p: StaffPrincipal, q: TicketListQuery): Filter {
  const parts: Filter[] = [ticketScopeFilter(p)];
  if (q.districtCode) parts.push({ $or: [{ districtCode: q.districtCode }, { zoneCode: q.districtCode }] });
  if (q.categoryCode) parts.push({ categoryCode: q.categoryCode });
  if (q.departmentId) parts.push({ departmentId: q.departmentId });
  if (q.from || q.to) {
    const range: Filter = {};
    if (q.from) range.$gte = q.from;
    if (q.to) range.$lte = q.to;
    parts.push({ createdAt: range });
  }
  if (q.q) {
    const rx = { $regex: escapeRegex(q.q), $options: 'i' };
    parts.push({ $or: [{ trackingNo: q.q.toUpperCase() }, { description: rx }, { address: rx }] });
  }
  const nonEmpty = parts.filter((x) => Object.keys(x).length > 0);
  if (nonEmpty.length === 0) return {};
  return nonEmpty.length === 1 ? nonEmpty[0]! : { $and: nonEmpty };
}

export async function listStaffTickets(deps: AppDeps, p: StaffPrincipal, q: TicketListQuery) {
  const now = deps.now();
  const rows = (await deps.models.TicketQueue.find(baseFilter(p, q)).lean()) as QueueRow[];
  const counts = { submitted: 0, accepted: 0, dispatched: 0, resolved: 0, closed: 0, rejected: 0, overdue: 0 };
  const matching: QueueRow[] = [];
  for (const r of rows) {
    const overdue = isOverdue(r.status, r.dueAt, now);
    if (r.status in counts) counts[r.status as Exclude<keyof typeof counts, 'overdue'>]++;
    if (overdue) counts.overdue++;
    if (q.status && r.status !== q.status) continue;
    if (q.overdue !== undefined && overdue !== q.overdue) continue;
    matching.push(r);
  }
  matching.sort(SORTS[q.sort]);
  return { rows: matching.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: matching.length, counts };
}
