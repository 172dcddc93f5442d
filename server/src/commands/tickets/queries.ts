import type { TicketListQuery } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { RUNNING_STATES } from '../../domain/tickets/sla.js';
import { ticketScopeFilter } from '../../policies/tickets.js';
import type { TicketRecord } from '../../models/ticket.js';
import { HEAVY_FIELDS } from './common.js';

/** Read models: the resident's "my reports" and the staff queue with its tab counts. */

type Filter = Record<string, unknown>;

export async function listMine(deps: AppDeps, citizenId: string, page: number, pageSize: number) {
  const filter = { 'reporter.citizenId': citizenId };
  const [rows, total] = await Promise.all([
    deps.models.Ticket.find(filter, HEAVY_FIELDS)
      .sort({ createdAt: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean(),
    deps.models.Ticket.countDocuments(filter),
  ]);
  return { rows: rows as unknown as TicketRecord[], total };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SORTS: Record<TicketListQuery['sort'], Record<string, 1 | -1>> = {
  '-createdAt': { createdAt: -1, _id: -1 },
  createdAt: { createdAt: 1, _id: 1 },
  dueAt: { dueAt: 1, _id: 1 },
  '-dueAt': { dueAt: -1, _id: -1 },
  '-updatedAt': { updatedAt: -1, _id: -1 },
};

function and(parts: Filter[]): Filter {
  const nonEmpty = parts.filter((p) => Object.keys(p).length > 0);
  if (nonEmpty.length === 0) return {};
  return nonEmpty.length === 1 ? nonEmpty[0]! : { $and: nonEmpty };
}

/** Filters that apply to the tabs too (everything except status and overdue, which the tabs are). */
function baseFilters(q: TicketListQuery): Filter[] {
  const parts: Filter[] = [];
  if (q.districtCode) parts.push({ $or: [{ 'routing.districtCode': q.districtCode }, { 'routing.zoneCode': q.districtCode }] });
  if (q.categoryCode) parts.push({ categoryCode: q.categoryCode });
  if (q.departmentId) parts.push({ 'routing.departmentId': q.departmentId });
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
  return parts;
}

export async function listStaffTickets(deps: AppDeps, p: StaffPrincipal, q: TicketListQuery) {
  const now = deps.now();
  const scope = ticketScopeFilter(p);
  const base = baseFilters(q);
  const own: Filter[] = [];
  if (q.status) own.push({ status: q.status });
  if (q.overdue === true) own.push({ status: { $in: RUNNING_STATES }, dueAt: { $lt: now } });
  if (q.overdue === false) own.push({ $or: [{ status: { $nin: RUNNING_STATES } }, { dueAt: { $gte: now } }] });
  const filter = and([scope, ...base, ...own]);
  const { Ticket } = deps.models;
  const [rows, total, tabRows] = await Promise.all([
    Ticket.find(filter, HEAVY_FIELDS)
      .sort(SORTS[q.sort])
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean(),
    Ticket.countDocuments(filter),
    // One projected scan for all tab counts (no $facet on FerretDB; 7 countDocuments would be 7 scans).
    Ticket.find(and([scope, ...base]), { status: 1, dueAt: 1, _id: 0 }).lean(),
  ]);
  const counts = { submitted: 0, accepted: 0, dispatched: 0, resolved: 0, closed: 0, rejected: 0, overdue: 0 };
  for (const r of tabRows) {
    const s = r.status as keyof typeof counts;
    if (s in counts && s !== 'overdue') counts[s]++;
    if ((RUNNING_STATES as readonly string[]).includes(r.status) && r.dueAt && r.dueAt.getTime() < now.getTime()) counts.overdue++;
  }
  return { rows: rows as unknown as TicketRecord[], total, counts };
}
