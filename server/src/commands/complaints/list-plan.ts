import { addCalendarDays } from '@cgt/shared/calendar/working-time';
import { parseCaseNo } from '@cgt/shared/complaint/case-no';
import { DUE_SOON_DAYS } from '@cgt/shared/complaint/deadlines';
import type { ComplaintListQuery } from '@cgt/shared/schemas/complaints';
import type { StaffPrincipal } from '../../http/auth.js';
import { NO_DISTRICT } from '../../models/complaint-row.js';
import { COUNT_FIELDS, dimKey, type CountField } from './counts.js';
import { nameTokens } from './keys.js';

/**
 * How a registry query becomes FerretDB-friendly filters on the read side (models/complaint-row.ts).
 * Every filter is split into top-level equalities (pushed down to PostgreSQL and intersected there)
 * and residual conditions (ranges, `$in`, `$or`, regex), which FerretDB then evaluates in memory over
 * the documents the equalities selected. So a plan always names an equality that selects a small set:
 * a selective key (case number, ID number hash, ticket, name token), the open set, or one month.
 */

/** States in which the office owes an answer (officeDueAt is non-null exactly in these). */
export const OPEN_STATES: readonly string[] = ['registered', 'accepted', 'handling', 'review_requested', 'recheck_requested'];

export type SortOrder = 'desc' | 'asc' | 'due';

export interface ListSpec {
  /** top-level equalities on complaint_rows */
  eq: Record<string, unknown>;
  /** conditions FerretDB cannot push down, evaluated over what `eq` selected */
  residual: Record<string, unknown>[];
  /** an equality in `eq` that alone selects a small set: one stream, no month walk */
  selective: boolean;
  /** the office's deadline window of the overdue / due-soon flags (selects the open set) */
  due: { lt?: Date; gte?: Date; lte?: Date } | null;
  /** overdue=false: no running deadline, or one not yet passed */
  notOverdue: boolean;
  /** the districts the officer may see; null = all */
  scope: string[] | null;
  sort: SortOrder;
  now: Date;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The plan of a registry query, or null when it cannot match anything (e.g. overdue=true&overdue=false). */
export function listSpec(p: StaffPrincipal, q: ComplaintListQuery, now: Date, extra: { idNumberHash?: string } = {}): ListSpec | null {
  const eq: Record<string, unknown> = {};
  const residual: Record<string, unknown>[] = [];
  let selective = false;

  let scope: string[] | null = p.districtCodes.length ? [...p.districtCodes, NO_DISTRICT] : null;
  if (q.districtCode) {
    if (q.districtCode === NO_DISTRICT || (scope && !scope.includes(q.districtCode))) return null;
    eq.district = q.districtCode;
    scope = null;
  } else if (scope) {
    residual.push({ district: { $in: scope } });
  }
  if (q.status) eq.status = q.status;
  if (q.channel) eq.channel = q.channel;
  if (q.type) eq.type = q.type;
  if (q.repeat !== undefined) eq.isRepeat = q.repeat;
  if (q.departmentId) eq.departmentId = q.departmentId;

  if (q.ticketId) {
    eq.linkedTicketIds = q.ticketId;
    selective = true;
  }
  if (extra.idNumberHash) {
    eq.idNumberHash = extra.idNumberHash;
    selective = true;
  }
  if (q.q) {
    const text = q.q.trim();
    if (parseCaseNo(text)) {
      eq.caseNo = text.toUpperCase();
    } else {
      // one token is pushed down; the exact "name contains q" is checked over the cases it selected
      const tokens = nameTokens(text);
      eq.nameTokens = Array.from(text).length >= 2 ? tokens.find((t) => Array.from(t).length === 2)! : tokens[0]!;
      residual.push({ 'petitioner.name': { $regex: escapeRegex(text) } });
    }
    selective = true;
  }

  const overdue = q.overdue === true || q.backlog === true;
  const notOverdue = q.overdue === false || q.backlog === false;
  if (overdue && (notOverdue || q.dueSoon === true)) return null;
  let due: ListSpec['due'] = null;
  if (overdue) due = { lt: now };
  if (q.dueSoon === true) due = { gte: now, lte: addCalendarDays(now, DUE_SOON_DAYS) };
  if (due) {
    eq.open = true;
    residual.push({ officeDueAt: { ...(due.lt ? { $lt: due.lt } : {}), ...(due.gte ? { $gte: due.gte } : {}), ...(due.lte ? { $lte: due.lte } : {}) } });
  } else if (notOverdue) {
    residual.push({ $or: [{ officeDueAt: null }, { officeDueAt: { $gte: now } }] });
  }
  const sort: SortOrder = q.sort === 'due' ? 'due' : q.sort === 'registeredAt' ? 'asc' : 'desc';
  return { eq, residual, selective, due, notOverdue: notOverdue && !due, scope, sort, now };
}

/** The filter on complaint_rows: equalities at the top level (so FerretDB pushes them down), residuals in `$and`. */
export function rowFilter(spec: ListSpec, extraEq: Record<string, unknown> = {}): Record<string, unknown> {
  const f: Record<string, unknown> = { ...spec.eq, ...extraEq };
  if (spec.residual.length) f.$and = spec.residual;
  return f;
}

export function rowSort(order: SortOrder): Record<string, 1 | -1> {
  if (order === 'due') return { open: -1, officeDueAt: 1, registeredAt: 1, _id: 1 };
  return order === 'asc' ? { registeredAt: 1, _id: 1 } : { registeredAt: -1, _id: -1 };
}

/**
 * Whether complaint_open can answer the query by itself: it carries status, district and the deadline
 * only (five fields, to stay cheap to scan); other filters read the rows with `open: true`.
 */
export function openEligible(spec: ListSpec): boolean {
  return Object.keys(spec.eq).every((k) => k === 'status' || k === 'district' || k === 'open');
}

/** The same query on complaint_open (for an openEligible spec). */
export function openFilter(spec: ListSpec): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  for (const k of ['status', 'district']) if (k in spec.eq) f[k] = spec.eq[k];
  const and: Record<string, unknown>[] = [];
  if (spec.scope) and.push({ district: { $in: spec.scope } });
  const d = spec.due;
  if (d) and.push({ dueAt: { ...(d.lt ? { $lt: d.lt } : {}), ...(d.gte ? { $gte: d.gte } : {}), ...(d.lte ? { $lte: d.lte } : {}) } });
  else if (spec.notOverdue) and.push({ $or: [{ dueAt: null }, { dueAt: { $gte: spec.now } }] });
  if (and.length) f.$and = and;
  return f;
}

export function openSort(order: SortOrder): Record<string, 1 | -1> {
  if (order === 'due') return { dueAt: 1, registeredAt: 1, _id: 1 };
  return order === 'asc' ? { registeredAt: 1, _id: 1 } : { registeredAt: -1, _id: -1 };
}

/**
 * The one count dimension that stands for the whole filter, when there is one: the stored bucket counts
 * then give the total and each month's share exactly. Null when the filter has residuals other than the
 * district scope, or equalities on two dimensions (those months are counted one by one instead).
 */
export function countDim(spec: ListSpec, extraEq: Record<string, unknown> = {}): string | null {
  if (spec.residual.some((r) => !('district' in r))) return null;
  const eq = { ...spec.eq, ...extraEq };
  const fields = Object.keys(eq).filter((k) => k !== 'district');
  if (fields.some((k) => !(COUNT_FIELDS as readonly string[]).includes(k))) return null;
  if (fields.length > 1) {
    // a status decides `open`: {status, open} is the status's bucket
    if (fields.length === 2 && 'status' in eq && 'open' in eq && eq.open === OPEN_STATES.includes(eq.status as string)) return dimKey('status', eq.status as string);
    return null;
  }
  return fields.length ? dimKey(fields[0] as CountField, eq[fields[0]!] as string | boolean) : dimKey();
}

/** Which districts a count bucket must be in to belong to the query. */
export function districtTest(spec: ListSpec): (district: string) => boolean {
  if (typeof spec.eq.district === 'string') return (d) => d === spec.eq.district;
  if (spec.scope) {
    const s = new Set(spec.scope);
    return (d) => s.has(d);
  }
  return () => true;
}
