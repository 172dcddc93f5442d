/**
 * 信访件编号: 'YYXF2026-000123' — 'YY' 岳阳 as in ticket tracking numbers, 'XF' 信访 so a case number is never
 * mistaken for a 随手拍 tracking number, the Shanghai calendar year of registration, and a 6-digit
 * per-year sequence (server: nextSequence, never duplicated; unique index on the field).
 */

export const CASE_NO_PREFIX = 'YYXF';
export const CASE_NO_PATTERN = /^YYXF(\d{4})-(\d{6})$/;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar year: the key of the per-year sequence. */
export function caseYear(date: Date): number {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

export function formatCaseNo(date: Date, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new RangeError(`case sequence out of range: ${seq}`);
  return `${CASE_NO_PREFIX}${caseYear(date)}-${String(seq).padStart(6, '0')}`;
}

/** Parse a case number (case-insensitive, spaces around ignored); null when malformed. */
export function parseCaseNo(input: string): { year: number; seq: number } | null {
  const m = CASE_NO_PATTERN.exec(input.trim().toUpperCase());
  if (!m) return null;
  const seq = Number(m[2]);
  return seq >= 1 ? { year: Number(m[1]), seq } : null;
}
