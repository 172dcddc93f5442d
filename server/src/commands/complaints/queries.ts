import { Types } from 'mongoose';
import { addCalendarDays } from '@cgt/shared/calendar/working-time';
import { parseCaseNo } from '@cgt/shared/complaint/case-no';
import { DUE_SOON_DAYS } from '@cgt/shared/complaint/deadlines';
import { normalizeIdNumber } from '@cgt/shared/complaint/id-number';
import type { ComplaintListQuery } from '@cgt/shared/schemas/complaints';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { piiIndex, piiKeysFor } from '../../domain/complaints/pii.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { LIST_PROJECTION } from './common.js';

/** Read side: the resident's list, the office's registry with filters, the 积案 list, repeat links. */

/** States in which the office owes an answer (officeDueAt is non-null exactly in these). */
const OPEN_STATES = ['registered', 'accepted', 'handling', 'review_requested', 'recheck_requested'];

export async function listMyComplaints(deps: AppDeps, citizenId: string, page: number, pageSize: number) {
  const { Complaint } = deps.models;
  const filter = { citizenId };
  const [rows, total] = await Promise.all([
    Complaint.find(filter, LIST_PROJECTION).sort({ registeredAt: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean(),
    Complaint.countDocuments(filter),
  ]);
  return { rows: rows as unknown as ComplaintRecord[], total };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The filter for the registry; `backlog` and `overdue` both mean "open and past the office deadline" (积案). */
export function buildListFilter(deps: AppDeps, p: StaffPrincipal, q: ComplaintListQuery, extra: { idNumber?: string } = {}): Record<string, unknown> {
  const now = deps.now();
  const and: Record<string, unknown>[] = [];
  if (p.districtCodes.length) {
    and.push({ $or: [{ districtCode: { $in: p.districtCodes } }, { districtCode: { $exists: false } }, { districtCode: null }] });
  }
  if (q.status) and.push({ status: q.status });
  if (q.channel) and.push({ channel: q.channel });
  if (q.type) and.push({ type: q.type });
  if (q.repeat !== undefined) and.push({ isRepeat: q.repeat });
  if (q.districtCode) and.push({ districtCode: q.districtCode });
  if (q.departmentId) and.push({ departmentId: q.departmentId });
  if (q.ticketId) and.push({ linkedTicketIds: q.ticketId });
  if (q.overdue === true || q.backlog === true) and.push({ status: { $in: OPEN_STATES }, officeDueAt: { $lt: now } });
  if (q.overdue === false || q.backlog === false) and.push({ $or: [{ officeDueAt: null }, { officeDueAt: { $gte: now } }] });
  if (q.dueSoon === true) and.push({ status: { $in: OPEN_STATES }, officeDueAt: { $gte: now, $lte: addCalendarDays(now, DUE_SOON_DAYS) } });
  if (q.q) {
    and.push(parseCaseNo(q.q) ? { caseNo: q.q.trim().toUpperCase() } : { 'petitioner.name': { $regex: escapeRegex(q.q) } });
  }
  if (extra.idNumber) and.push({ 'petitioner.idNumberHash': piiIndex(piiKeysFor(deps.config), normalizeIdNumber(extra.idNumber)) });
  return and.length ? { $and: and } : {};
}

export async function listStaffComplaints(deps: AppDeps, p: StaffPrincipal, q: ComplaintListQuery, extra: { idNumber?: string } = {}) {
  const { Complaint } = deps.models;
  const filter = buildListFilter(deps, p, q, extra);
  const sort: Record<string, 1 | -1> =
    q.sort === 'due' ? { officeDueAt: 1, registeredAt: 1 } : q.sort === 'registeredAt' ? { registeredAt: 1 } : { registeredAt: -1 };
  const [rows, total] = await Promise.all([
    Complaint.find(filter, LIST_PROJECTION).sort(sort).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean(),
    Complaint.countDocuments(filter),
  ]);
  return { rows: rows as unknown as ComplaintRecord[], total };
}

export interface CaseRefRow {
  id: string;
  caseNo: string;
  status: string;
  registeredAt: Date;
}

/** Earlier cases this one repeats, and later cases that repeat it. */
export async function repeatLinks(deps: AppDeps, c: ComplaintRecord): Promise<{ repeatOf: CaseRefRow[]; repeatedBy: CaseRefRow[] }> {
  const { Complaint } = deps.models;
  const proj = { caseNo: 1, status: 1, registeredAt: 1 };
  const ids = c.repeatOfIds.filter((id) => /^[0-9a-f]{24}$/i.test(id)).map((id) => new Types.ObjectId(id));
  const [earlier, later] = await Promise.all([
    ids.length ? Complaint.find({ _id: { $in: ids } }, proj).sort({ registeredAt: 1 }).lean() : Promise.resolve([]),
    Complaint.find({ repeatOfIds: String(c._id) }, proj).sort({ registeredAt: 1 }).limit(100).lean(),
  ]);
  const ref = (r: { _id: unknown; caseNo: string; status: string; registeredAt: Date }): CaseRefRow => ({
    id: String(r._id),
    caseNo: r.caseNo,
    status: r.status,
    registeredAt: r.registeredAt,
  });
  return { repeatOf: earlier.map(ref), repeatedBy: later.map(ref) };
}

/** Current status of linked tickets (one _id lookup each). */
export async function linkedTicketStatuses(deps: AppDeps, c: ComplaintRecord): Promise<Map<string, string>> {
  const ids = c.linkedTicketIds.filter((id) => /^[0-9a-f]{24}$/i.test(id));
  const rows = await Promise.all(ids.map((id) => deps.models.Ticket.findById(id, { status: 1 }).lean()));
  return new Map(rows.filter((r): r is NonNullable<typeof r> => !!r).map((r) => [String(r._id), r.status]));
}
