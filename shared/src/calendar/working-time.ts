/**
 * SLA clock on Chinese working time. All arithmetic is done on UTC milliseconds shifted by the fixed
 * Asia/Shanghai offset (UTC+8, no DST since 1991), so results do not depend on the machine's TZ.
 * Holidays and 调休 make-up working days come from chinese-days (data through its latest release;
 * dates beyond its data fall back to Mon–Fri).
 */
// Default import on purpose: chinese-days ships CommonJS as "main", and Node's ESM loader cannot
// see its named exports; the default object carries every function in both the CJS and ES builds.
import chineseDays from 'chinese-days';

export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3600_000;

/** Office hours in Shanghai local time, as [start, end) minutes after midnight. */
export const WORKING_PERIODS: readonly (readonly [number, number])[] = [
  [8 * 60 + 30, 12 * 60], // 08:30–12:00
  [14 * 60 + 30, 18 * 60], // 14:30–18:00
];
export const WORKING_HOURS_PER_DAY = WORKING_PERIODS.reduce((h, [s, e]) => h + (e - s) / 60, 0);

/** Days since 1970-01-01 on the Shanghai calendar. */
function shanghaiDayIndex(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** UTC ms of Shanghai midnight starting the given day index. */
function dayStartMs(dayIndex: number): number {
  return dayIndex * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** 'YYYY-MM-DD' of the date on the Shanghai calendar. */
export function shanghaiDateString(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const workdayCache = new Map<number, boolean>();

function isWorkingDayIndex(dayIndex: number): boolean {
  const cached = workdayCache.get(dayIndex);
  if (cached !== undefined) return cached;
  const d = new Date(dayIndex * DAY_MS); // UTC midnight of that calendar date
  // chinese-days reads local-time getters; a local-noon Date has the intended Y-M-D in every TZ.
  const localNoon = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
  const result = chineseDays.isWorkday(localNoon);
  workdayCache.set(dayIndex, result);
  return result;
}

/** Whether the Shanghai calendar date of `date` is a working day (incl. 调休 weekends). */
export function isWorkingDay(date: Date): boolean {
  assertValid(date);
  return isWorkingDayIndex(shanghaiDayIndex(date.getTime()));
}

/** Whether `date` falls inside office hours on a working day. */
export function isWorkingTime(date: Date): boolean {
  assertValid(date);
  const ms = date.getTime();
  const day = shanghaiDayIndex(ms);
  if (!isWorkingDayIndex(day)) return false;
  return periodsOf(day).some(([s, e]) => ms >= s && ms < e);
}

function periodsOf(dayIndex: number): [number, number][] {
  const base = dayStartMs(dayIndex);
  return WORKING_PERIODS.map(([s, e]) => [base + s * 60_000, base + e * 60_000]);
}

function assertValid(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError('invalid date');
}

// A working day occurs at least every few weeks; this bounds loops against broken holiday data.
const MAX_SCAN_DAYS = 3660;

/**
 * The moment `hours` working hours after `start`. A deadline that uses up a period exactly ends at
 * that period's close (e.g. 18:00), not at the next opening. `hours` = 0 returns `start` unchanged.
 */
export function addWorkingHours(start: Date, hours: number): Date {
  assertValid(start);
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a finite number ≥ 0');
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return new Date(start.getTime());
  const startMs = start.getTime();
  const firstDay = shanghaiDayIndex(startMs);
  for (let day = firstDay; day < firstDay + MAX_SCAN_DAYS; day++) {
    if (!isWorkingDayIndex(day)) continue;
    for (const [s, e] of periodsOf(day)) {
      if (startMs >= e) continue;
      const from = Math.max(startMs, s);
      const available = e - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
  }
  throw new RangeError('no working time found within range');
}

/**
 * Working hours between two moments (fractional). Negative when `b` is before `a`, so
 * `workingHoursBetween(now, dueAt)` reads as "working hours left" and goes negative once overdue.
 */
export function workingHoursBetween(a: Date, b: Date): number {
  assertValid(a);
  assertValid(b);
  const am = a.getTime();
  const bm = b.getTime();
  if (bm < am) return -workingHoursBetween(b, a);
  let total = 0;
  const lastDay = shanghaiDayIndex(bm);
  for (let day = shanghaiDayIndex(am); day <= lastDay; day++) {
    if (!isWorkingDayIndex(day)) continue;
    for (const [s, e] of periodsOf(day)) {
      const from = Math.max(s, am);
      const to = Math.min(e, bm);
      if (to > from) total += to - from;
    }
  }
  return total / HOUR_MS;
}

export interface CalendarDaysOptions {
  /**
   * When the last day is not a working day, move it to the next working day, as Chinese procedural
   * law does for periods ending on a holiday. Off by default: the 信访 regulation only says "日".
   */
  extendPastHolidays?: boolean;
}

/**
 * Statutory deadline of `days` calendar days from `start`: the period starts the next day (民法典 第201条)
 * and ends at 24:00 Shanghai of the last day, returned as 23:59:59.999 Shanghai.
 */
export function addCalendarDays(start: Date, days: number, options: CalendarDaysOptions = {}): Date {
  assertValid(start);
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be an integer ≥ 0');
  let last = shanghaiDayIndex(start.getTime()) + days;
  if (options.extendPastHolidays) {
    const limit = last + MAX_SCAN_DAYS;
    while (!isWorkingDayIndex(last) && last < limit) last++;
  }
  return new Date(dayStartMs(last + 1) - 1);
}

/** Parse a Shanghai wall-clock time 'YYYY-MM-DD HH:mm' (or 'YYYY-MM-DDTHH:mm[:ss]') to a Date. */
export function fromShanghai(wall: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall);
  if (!m) throw new RangeError(`not a Shanghai wall time: ${wall}`);
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

/** Format a Date as Shanghai wall time 'YYYY-MM-DD HH:mm'. */
export function toShanghaiString(date: Date): string {
  assertValid(date);
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The clock a category's 处置时限 runs on. Ordinary categories count working time (the clock stops at night,
 * at weekends and on holidays); urgent ones (燃气隐患, 井盖缺失, 路面塌陷 …) count natural hours, 7×24: a
 * "2 小时" gas leak reported at 17:30 is due at 19:30, not the next morning.
 */
export const SLA_CLOCKS = ['natural', 'working'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export const SLA_CLOCK_LABELS: Readonly<Record<SlaClock, string>> = { natural: '自然小时（7×24）', working: '工作小时' };
/** The unit after a number of hours: "2 小时" / "7 工作小时". */
export const SLA_CLOCK_UNITS: Readonly<Record<SlaClock, string>> = { natural: '小时', working: '工作小时' };

/** A category without an explicit clock (stored before clocks existed): urgent ones run 7×24. */
export function defaultSlaClock(urgent: boolean): SlaClock {
  return urgent ? 'natural' : 'working';
}

/** The deadline `hours` after `start` on the given clock (absent = working time). */
export function addSlaHours(start: Date, hours: number, clock: SlaClock = 'working'): Date {
  if (clock === 'working') return addWorkingHours(start, hours);
  assertValid(start);
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a finite number ≥ 0');
  return new Date(start.getTime() + Math.round(hours * HOUR_MS));
}

/** Hours from `a` to `b` on the given clock (negative when `b` is earlier): "hours left" on a deadline. */
export function slaHoursBetween(a: Date, b: Date, clock: SlaClock = 'working'): number {
  if (clock === 'working') return workingHoursBetween(a, b);
  assertValid(a);
  assertValid(b);
  return (b.getTime() - a.getTime()) / HOUR_MS;
}
