import { Types } from 'mongoose';
import { normalizeIdNumber } from '@cgt/shared/complaint/id-number';
import type { ComplaintListQuery } from '@cgt/shared/schemas/complaints';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { hashIdNumber } from '../../services/pii-keys.js';
import type { RepeatCandidate } from '../../domain/complaints/repeat.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import type { ComplaintRow } from '../../models/complaint-row.js';
import { monthCounts } from './counts.js';
import { daysOfMonth, shanghaiDay } from './keys.js';
import { countDim, districtTest, listSpec, OPEN_STATES, openEligible, rowFilter, rowSort, type ListSpec } from './list-plan.js';
import { openSelection } from './open-set.js';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';

/**
 * Read side: the resident's list, the office's registry with filters, the 积案 list, repeat links.
 * Lists read complaint_rows (models/complaint-row.ts) and pass filter, sort and page to the database;
 * list-plan.ts says which equality each query starts from.
 */

/** Row fields the list presenters do not need. */
const ROW_LIST_PROJECTION = { matterText: 0, nameTokens: 0, idNumberHash: 0 } as const;

export interface ListResult {
  rows: ComplaintRow[];
  total: number;
}

export async function listMyComplaints(deps: AppDeps, citizenId: string, page: number, pageSize: number): Promise<ListResult> {
  const { ComplaintRow } = deps.models;
  const filter = { citizenId };
  const [rows, total] = await Promise.all([
    ComplaintRow.find(filter, ROW_LIST_PROJECTION).sort(rowSort('desc')).skip((page - 1) * pageSize).limit(pageSize).lean(),
    ComplaintRow.countDocuments(filter),
  ]);
  return { rows: rows as unknown as ComplaintRow[], total };
}

/** A run of results whose size is known before it is read: one month, the open set, one stream. */
interface Segment {
  count: number;
  fetch(skip: number, limit: number): Promise<ComplaintRow[]>;
}

/** The page at `offset` across segments in order, reading only the segments the page falls in. */
async function readPage(segments: Segment[], offset: number, limit: number): Promise<ComplaintRow[]> {
  const out: ComplaintRow[] = [];
  for (const s of segments) {
    if (limit <= 0) break;
    if (offset >= s.count) {
      offset -= s.count;
      continue;
    }
    const got = await s.fetch(offset, limit);
    out.push(...got);
    limit -= got.length;
    offset = 0;
  }
  return out;
}

const total = (segments: Segment[]) => segments.reduce((n, s) => n + s.count, 0);

/** A run that is counted and read by the same filter, so both can go at once. */
interface Stream {
  count(): Promise<number>;
  fetch(skip: number, limit: number): Promise<ComplaintRow[]>;
}

/** One equality-filtered query (and its count) over the few cases a selective key, or `open: true` and a filter, select. */
function rowStream(deps: AppDeps, spec: ListSpec, extraEq: Record<string, unknown> = {}): Stream {
  const filter = rowFilter(spec, extraEq);
  // a case number names one case: nothing to sort
  const sort = 'caseNo' in spec.eq ? {} : rowSort(spec.sort);
  return {
    count: () => deps.models.ComplaintRow.countDocuments(filter),
    fetch: async (skip, limit) =>
      (await deps.models.ComplaintRow.find(filter, ROW_LIST_PROJECTION).sort(sort).skip(skip).limit(limit).lean()) as unknown as ComplaintRow[],
  };
}

/** The open set (open-set.ts): a page of ids there, then the rows by _id. */
function openStream(deps: AppDeps, spec: ListSpec): Stream {
  const sel = openSelection(deps, spec);
  return {
    count: sel.count,
    fetch: async (skip, limit) => {
      const ids = await sel.ids(skip, limit);
      const rows = await Promise.all(ids.map((id) => deps.models.ComplaintRow.findById(id, ROW_LIST_PROJECTION).lean()));
      return rows.filter((r): r is NonNullable<typeof r> => !!r) as unknown as ComplaintRow[];
    },
  };
}

const segmentOf = async (s: Stream): Promise<Segment> => ({ count: await s.count(), fetch: s.fetch });

/** How many months are counted at once when no stored bucket stands for the filter. */
const MONTH_COUNT_CONCURRENCY = 4;

/**
 * The month walk: one segment per registration month (newest first, or oldest first), sized by the
 * stored bucket counts when one dimension stands for the filter; otherwise each month is counted with
 * the full filter (each count one month's equality-selected rows: bounded, but the cost grows with
 * the months of history — the price of combining filters without a selective key).
 */
async function monthSegments(deps: AppDeps, spec: ListSpec, order: 'asc' | 'desc', extraEq: Record<string, unknown> = {}): Promise<Segment[]> {
  const visible = districtTest(spec);
  const dim = countDim(spec, extraEq);
  let counts = await monthCounts(deps, dim ?? '*', visible);
  if (!dim) {
    const months = [...counts.keys()];
    const exact = new Map<string, number>();
    for (let i = 0; i < months.length; i += MONTH_COUNT_CONCURRENCY) {
      const batch = months.slice(i, i + MONTH_COUNT_CONCURRENCY);
      const ns = await Promise.all(batch.map((month) => deps.models.ComplaintRow.countDocuments(rowFilter(spec, { ...extraEq, month }))));
      batch.forEach((m, j) => exact.set(m, ns[j]!));
    }
    counts = exact;
  }
  const byKey = (entries: Iterable<[string, number]>) =>
    [...entries].filter(([, n]) => n > 0).sort(([a], [b]) => (order === 'asc' ? a.localeCompare(b) : b.localeCompare(a)));
  const sort = rowSort(order);
  const read = (key: Record<string, string>) => async (skip: number, limit: number) =>
    (await deps.models.ComplaintRow.find(rowFilter(spec, { ...extraEq, ...key }), ROW_LIST_PROJECTION).sort(sort).skip(skip).limit(limit).lean()) as unknown as ComplaintRow[];
  return byKey(counts).map(([month, count]) => ({
    count,
    // the unfiltered view goes one step finer: the page is read from its day or two (a day is a few
    // dozen rows), not from the whole month
    fetch:
      dim === '*'
        ? (skip, limit) =>
            walkDays(month, count, order, spec.now, skip, limit, (day) => deps.models.ComplaintRow.countDocuments(rowFilter(spec, { ...extraEq, day })), (day, s, l) => read({ day })(s, l))
        : read({ month }),
  }));
}

/** Days counted at once while the page start is ahead (a count of a day is a few dozen small decodes). */
const COUNT_BATCH = 7;
/** Days read at once once the page has started (each read decodes its day: keep the waste small). */
const READ_BATCH = 2;

/**
 * One month's page, day by day in list order (see monthSegments); counts are taken only while the page
 * start lies ahead. Days after tomorrow hold nothing (a registration is never dated in the future), so
 * they are not probed one by one — unless the month's count says cases are missing (a clock moved
 * back, as tests do): then they are read too, after the others.
 */
async function walkDays(
  month: string,
  monthCount: number,
  order: 'asc' | 'desc',
  now: Date,
  skip: number,
  limit: number,
  count: (day: string) => Promise<number>,
  read: (day: string, skip: number, limit: number) => Promise<ComplaintRow[]>,
): Promise<ComplaintRow[]> {
  const tomorrow = shanghaiDay(new Date(now.getTime() + 24 * 3600_000));
  const all = daysOfMonth(month);
  const past = all.filter((d) => d <= tomorrow);
  const later = all.filter((d) => d > tomorrow);
  const out: ComplaintRow[] = [];
  /** rows of the days walked so far (exact whenever the walk goes on past a day) */
  let walked = 0;
  const walk = async (days: string[]) => {
    for (let i = 0; i < days.length && limit > 0; ) {
      const batch = days.slice(i, i + (skip > 0 ? COUNT_BATCH : READ_BATCH));
      i += batch.length;
      const ns = skip > 0 ? await Promise.all(batch.map(count)) : null;
      const got = ns ? null : await Promise.all(batch.map((day) => read(day, 0, limit)));
      for (const [j, day] of batch.entries()) {
        if (limit <= 0) return;
        let rows: ComplaintRow[];
        if (got) rows = got[j]!;
        else if (skip >= ns![j]!) {
          skip -= ns![j]!;
          walked += ns![j]!;
          continue;
        } else {
          rows = await read(day, skip, limit);
          walked += skip;
          skip = 0;
        }
        const take = rows.slice(0, limit);
        out.push(...take);
        walked += take.length;
        limit -= take.length;
      }
    }
  };
  await walk(order === 'desc' ? [...past].reverse() : past);
  if (limit > 0 && walked < monthCount && later.length) await walk(order === 'desc' ? [...later].reverse() : later);
  return out;
}

/** Sorted by the office's deadline: the open set by due date, then the cases without one, oldest first. */
async function dueOrderSegments(deps: AppDeps, spec: ListSpec): Promise<Segment[]> {
  const status = spec.eq.status as string | undefined;
  const owes = status === undefined || OPEN_STATES.includes(status);
  const open = !owes ? [] : [await segmentOf(openEligible(spec) ? openStream(deps, spec) : rowStream(deps, spec, { open: true }))];
  const closed = status === undefined ? await monthSegments(deps, spec, 'asc', { open: false }) : owes ? [] : await monthSegments(deps, spec, 'asc');
  return [...open, ...closed];
}

export async function listStaffComplaints(deps: AppDeps, p: StaffPrincipal, q: ComplaintListQuery, extra: { idNumber?: string } = {}): Promise<ListResult> {
  const idNumberHash = extra.idNumber ? await hashIdNumber(deps, normalizeIdNumber(extra.idNumber)) : undefined;
  const spec = listSpec(p, q, deps.now(), { idNumberHash });
  if (!spec) return { rows: [], total: 0 };
  const offset = (q.page - 1) * q.pageSize;
  if (spec.selective || spec.due) {
    const s = spec.selective || !openEligible(spec) ? rowStream(deps, spec) : openStream(deps, spec);
    const [rows, n] = await Promise.all([s.fetch(offset, q.pageSize), s.count()]);
    return { rows, total: n };
  }
  const segments = spec.sort === 'due' ? await dueOrderSegments(deps, spec) : await monthSegments(deps, spec, spec.sort);
  return { rows: await readPage(segments, offset, q.pageSize), total: total(segments) };
}

export interface CaseRefRow {
  id: string;
  caseNo: string;
  status: string;
  registeredAt: Date;
}

/** How many later repeats a case file lists. */
const MAX_REPEATED_BY = 100;

/** Earlier cases this one repeats (each by _id), and later cases that repeat it (one equality on the rows). */
export async function repeatLinks(deps: AppDeps, c: ComplaintRecord): Promise<{ repeatOf: CaseRefRow[]; repeatedBy: CaseRefRow[] }> {
  const proj = { caseNo: 1, status: 1, registeredAt: 1 };
  const ids = c.repeatOfIds.filter((id) => OBJECT_ID_RE.test(id)).map((id) => new Types.ObjectId(id));
  const [earlier, later] = await Promise.all([
    Promise.all(ids.map((id) => deps.models.Complaint.findById(id, proj).lean())),
    deps.models.ComplaintRow.find({ repeatOfIds: String(c._id) }, proj).sort({ registeredAt: 1, _id: 1 }).limit(MAX_REPEATED_BY).lean(),
  ]);
  const ref = (r: { _id: unknown; caseNo: string; status: string; registeredAt: Date }): CaseRefRow => ({
    id: String(r._id),
    caseNo: r.caseNo,
    status: r.status,
    registeredAt: r.registeredAt,
  });
  const found = earlier.filter((r): r is NonNullable<typeof r> => !!r).sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
  return { repeatOf: found.map(ref), repeatedBy: later.map(ref) };
}

/** How many earlier cases of one petitioner repeat detection compares (newest first). */
const MAX_REPEAT_CANDIDATES = 200;

/**
 * Earlier cases of the same petitioner: by the ID number's keyed hash and by the resident account,
 * two equalities on the rows (each a handful of cases), merged. Matter similarity is decided by the caller.
 */
export async function repeatCandidates(deps: AppDeps, idNumberHash: string, citizenId: string | null): Promise<(RepeatCandidate & { name: string })[]> {
  const proj = { caseNo: 1, citizenId: 1, idNumberHash: 1, matterText: 1, registeredAt: 1, 'petitioner.name': 1 };
  const by = (filter: Record<string, unknown>) =>
    deps.models.ComplaintRow.find(filter, proj).sort({ registeredAt: -1, _id: -1 }).limit(MAX_REPEAT_CANDIDATES).lean() as unknown as Promise<ComplaintRow[]>;
  const [byId, byAccount] = await Promise.all([by({ idNumberHash }), citizenId ? by({ citizenId }) : Promise.resolve([])]);
  const out = new Map<string, RepeatCandidate & { name: string }>();
  for (const r of [...byId, ...byAccount]) {
    out.set(String(r._id), {
      id: String(r._id),
      caseNo: r.caseNo,
      name: r.petitioner?.name ?? '',
      citizenId: r.citizenId ?? null,
      idNumberHash: r.idNumberHash,
      matterText: r.matterText ?? '',
      registeredAt: r.registeredAt,
    });
  }
  // oldest first, ties by _id (creation order): the order repeat links are listed in
  return [...out.values()].sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Current status of linked tickets (one _id lookup each). */
export async function linkedTicketStatuses(deps: AppDeps, c: ComplaintRecord): Promise<Map<string, string>> {
  const ids = c.linkedTicketIds.filter((id) => OBJECT_ID_RE.test(id));
  const rows = await Promise.all(ids.map((id) => deps.models.Ticket.findById(id, { status: 1 }).lean()));
  return new Map(rows.filter((r): r is NonNullable<typeof r> => !!r).map((r) => [String(r._id), r.status]));
}
