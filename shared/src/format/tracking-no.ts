/**
 * Tracking numbers (受理编号) shown to residents: 'YY20261127-000123'.
 * - 'YY' = 岳阳 (Yueyang), so a number read out on the phone is recognisably ours;
 * - the Shanghai calendar date of submission, so staff can find the case and numbers sort by time;
 * - a 6-digit per-day sequence (from an atomic daily counter on the server, unique index on the field).
 * Digits only after the prefix: nothing to confuse (O/0, I/1) when dictated. The sequence reveals at
 * most one day's volume, which the bureau publishes anyway.
 */

export const TRACKING_PREFIX = 'YY';
export const TRACKING_SEQ_DIGITS = 6;
export const TRACKING_NO_PATTERN = /^YY(\d{4})(\d{2})(\d{2})-(\d{6})$/;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** 'YYYYMMDD' of the Shanghai calendar date: the key of the server's daily counter. */
export function trackingDayKey(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

export function formatTrackingNo(date: Date, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq >= 10 ** TRACKING_SEQ_DIGITS) {
    throw new RangeError(`tracking sequence out of range: ${seq}`);
  }
  return `${TRACKING_PREFIX}${trackingDayKey(date)}-${String(seq).padStart(TRACKING_SEQ_DIGITS, '0')}`;
}

/** Parse a tracking number (case-insensitive, surrounding spaces ignored); null when malformed. */
export function parseTrackingNo(input: string): { day: string; seq: number } | null {
  const m = TRACKING_NO_PATTERN.exec(input.trim().toUpperCase());
  if (!m) return null;
  const [, y, mo, d, s] = m;
  const day = `${y}-${mo}-${d}`;
  // Reject impossible dates such as 20261332.
  const probe = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== day) return null;
  const seq = Number(s);
  return seq >= 1 ? { day, seq } : null;
}
