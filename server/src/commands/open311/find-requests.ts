import { parseTrackingNo } from '@cgt/shared/format/tracking-no';
import { MAX_REQUESTS, type Open311Status } from '@cgt/shared/open311/mapping';
import type { AppDeps } from '../../deps.js';
import { shanghaiDay } from '../../domain/tickets/queue-cells.js';
import type { TicketRecord } from '../../models/ticket.js';
import { toOpen311Row, unpackRow, type Open311Row, type StoredOpen311Row } from './open311-rows.js';

/**
 * The read side of GET /open311/v2/requests and /requests/{id}, by the data-layer rules (equality on indexed fields, sort and page in the driver):
 * - by window: open311_rows by Asia/Shanghai day of filing (equality on `day`, plus the Open311 status
 *   and a few service codes as further indexed equalities), sorted newest first and limited by the
 *   database; days are walked from the newest back, as many at a time as the rate seen so far says are still
 *   needed, until MAX_REQUESTS are in hand.
 *   At the 2021 rate a day holds ≈550 tickets, so FerretDB sorts a small set and the default answer
 *   (the newest 1,000) takes two or three days' queries;
 * - by id (at most MAX_REQUEST_IDS): ticket_rows by the indexed trackingNo, then the ticket by _id
 *   (any age, also tickets filed before open311_rows existed).
 */

export interface RequestFilter {
  start: Date;
  end: Date;
  serviceCodes: string[];
  status?: Open311Status;
}

/** Service codes up to this many are one equality query each; more are a narrowing $in. */
const CODES_AS_EQUALITIES = 5;
/** Days queried at once at most (a sparse filter walks the window in steps this wide). */
const MAX_DAYS_PER_STEP = 10;
const DAY_MS = 86_400_000;

/** Asia/Shanghai days touching [start, end], newest first. */
export function daysBetween(start: Date, end: Date): string[] {
  const out: string[] = [];
  const first = shanghaiDay(start);
  for (let t = end.getTime(); ; t -= DAY_MS) {
    const day = shanghaiDay(new Date(t));
    if (day < first) break;
    out.push(day);
    if (out.length > 400) break;
  }
  if (out[out.length - 1] !== first) out.push(first);
  return [...new Set(out)];
}

/** The UTC instant an Asia/Shanghai day begins. */
function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

const ROW_FIELDS = {
  version: 0, day: 0,
} as const;

async function ticketsByIds(deps: AppDeps, ids: unknown[]): Promise<TicketRecord[]> {
  const out: (TicketRecord | null)[] = new Array(ids.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      out[i] = (await deps.models.Ticket.findById(ids[i]).lean()) as TicketRecord | null;
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
  return out.filter((t): t is TicketRecord => !!t);
}

export async function findRequestsByTrackingNos(deps: AppDeps, trackingNos: string[]): Promise<Open311Row[]> {
  const valid = [...new Set(trackingNos.map((n) => n.trim().toUpperCase()))].filter((n) => parseTrackingNo(n));
  const rows = await Promise.all(valid.map((trackingNo) => deps.models.TicketRow.findOne({ trackingNo }, { _id: 1 }).lean<{ _id: unknown }>()));
  return (await ticketsByIds(deps, rows.filter((r): r is { _id: unknown } => !!r).map((r) => r._id))).map(toOpen311Row);
}

function queriesForDay(f: RequestFilter, day: string): Record<string, unknown>[] {
  const base: Record<string, unknown> = { day, ...(f.status ? { status: f.status } : {}) };
  // the window's ends cut into its first and last day only
  base.createdAt = { $gte: f.start, $lte: f.end };
  if (!f.serviceCodes.length) return [base];
  if (f.serviceCodes.length <= CODES_AS_EQUALITIES) return f.serviceCodes.map((categoryCode) => ({ ...base, categoryCode }));
  return [{ ...base, categoryCode: { $in: f.serviceCodes } }];
}

export async function findRequestsInWindow(deps: AppDeps, f: RequestFilter): Promise<Open311Row[]> {
  const { Open311Row } = deps.models;
  const days = daysBetween(f.start, f.end);
  const out: Open311Row[] = [];
  let seen = 0;
  let i = 0;
  // the newest day alone first (often a partial day), then as many days as the rate seen so far, per
  // hour of the window covered, says are still needed, but at most twice as many as the step before: a
  // quiet morning (or an empty today) must not make one step read ten full days of rows
  for (let step = 1; i < days.length && out.length < MAX_REQUESTS; i += step) {
    if (i > 0) {
      const coveredMs = Math.max(3600_000, f.end.getTime() - dayStart(days[i - 1]!));
      const perDay = (seen / coveredMs) * DAY_MS;
      const needed = Math.ceil((MAX_REQUESTS - out.length) / Math.max(1, perDay));
      step = Math.min(MAX_DAYS_PER_STEP, 2 * step, Math.max(1, needed));
    }
    const want = MAX_REQUESTS - out.length;
    const filters = days.slice(i, i + step).flatMap((day) => queriesForDay(f, day));
    const lists = await Promise.all(
      filters.map(async (filter) => (await Open311Row.find(filter, ROW_FIELDS).sort({ createdAt: -1 }).limit(want).lean<StoredOpen311Row[]>()).map(unpackRow)),
    );
    const merged = lists.flat().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.trackingNo < b.trackingNo ? 1 : -1));
    seen += merged.length;
    out.push(...merged.slice(0, want));
  }
  return out;
}
