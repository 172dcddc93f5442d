/**
 * Periods of the statistics, as Asia/Shanghai calendar days 'YYYY-MM-DD' (inclusive on both ends).
 * Pure string arithmetic on UTC dates so that it gives the same answer in every time zone.
 */

const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^\d{4}-\d{2}$/;

export function isDayString(s: string): boolean {
  if (!DAY_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isMonthString(s: string): boolean {
  return MONTH_RE.test(s) && isDayString(`${s}-01`);
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDayOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Number of days from `from` to `to`, both included (0 when to < from). */
export function daysInRange(from: string, to: string): number {
  const n = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  return Math.max(0, n);
}

export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Splits [from, to] into whole months and loose days: whole months are read from month rows, the rest
 * from day rows, so a year is 12 reads per unit kind instead of 365.
 */
export function splitRange(from: string, to: string): { months: string[]; days: string[] } {
  const months: string[] = [];
  const days: string[] = [];
  let day = from;
  while (day <= to) {
    const month = monthOfDay(day);
    const last = lastDayOfMonth(month);
    if (day === firstDayOfMonth(month) && last <= to) {
      months.push(month);
      day = addDays(last, 1);
    } else {
      days.push(day);
      day = addDays(day, 1);
    }
  }
  return { months, days };
}

/** The period of the same length right before [from, to] (month-on-month arrows): a whole month → the previous month. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const month = monthOfDay(from);
  if (from === firstDayOfMonth(month) && to === lastDayOfMonth(monthOfDay(to))) {
    const span = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    const pf = addMonths(month, -span);
    return { from: firstDayOfMonth(pf), to: lastDayOfMonth(addMonths(pf, span - 1)) };
  }
  const n = daysInRange(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}
