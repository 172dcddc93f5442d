import { isOpen, type TicketState } from '../ticket/machine';

/**
 * How our tickets map to Open311 GeoReport v2 fields (pure rules; the server's presenter applies them).
 * - status: open while the bureau still owes the case something (submitted, accepted, dispatched,
 *   resolved awaiting 核查); closed = closed, rejected (incl. merged as duplicate), withdrawn.
 * - dates: ISO 8601 with the explicit +08:00 offset of Asia/Shanghai (China has no daylight saving).
 */

export const OPEN311_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export type Open311Status = 'open' | 'closed';

export function open311Status(state: TicketState): Open311Status {
  return isOpen(state) ? 'open' : 'closed';
}

/** The ticket states an Open311 status filter selects. */
export function statesOf(status: Open311Status): TicketState[] {
  const all: TicketState[] = ['submitted', 'accepted', 'dispatched', 'resolved', 'closed', 'rejected', 'withdrawn'];
  return all.filter((s) => open311Status(s) === status);
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** `2026-11-27T09:30:00+08:00` (whole seconds). */
export function open311Date(d: Date): string {
  const local = new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/**
 * Parses an Open311 date: ISO 8601 with a zone (`Z` or `±hh:mm` / `±hhmm`), date and time required.
 * A date without a zone is ambiguous and refused (null).
 */
export function parseOpen311Date(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [, y, mo, da, h, mi, se = '00', frac = '0', zone] = m;
  const month = Number(mo);
  const day = Number(da);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return null;
  let offsetMin = 0;
  if (zone !== 'Z') {
    const z = zone!.replace(':', '');
    const oh = Number(z.slice(1, 3));
    const om = Number(z.slice(3, 5));
    if (oh > 14 || om > 59) return null;
    offsetMin = (z[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(se), ms) - offsetMin * 60_000;
  const check = new Date(Date.UTC(Number(y), month - 1, day));
  if (check.getUTCDate() !== day) return null; // 2026-02-30
  return new Date(utc);
}

/** The longest window GET /requests answers, and its default (the last 90 days). */
export const MAX_WINDOW_DAYS = 90;
/** At most this many requests per list answer. */
export const MAX_REQUESTS = 1000;
/** At most this many ids in one service_request_id list. */
export const MAX_REQUEST_IDS = 100;
export const MAX_OPEN311_DESCRIPTION = 4000;

/** Our one jurisdiction (the bureau's domain); another jurisdiction_id is not served here (404). */
export const JURISDICTION_ID = 'cgj.yueyang.gov.cn';
