import dayjs, { type Dayjs } from 'dayjs';
import { previousPeriod as previousRange } from '@cgt/shared/stats/period';

/**
 * The assessment period the pages ask for: a calendar month (the default), quarter or year, or a custom range.
 * The API takes inclusive calendar days `from`/`to` (YYYY-MM-DD, Asia/Shanghai); this file turns what the picker
 * shows into those days and names the period in Chinese (the day arithmetic of the API is shared/stats/period.ts).
 */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** Inclusive first and last day, YYYY-MM-DD. */
  from: string;
  to: string;
}

const DAY = 'YYYY-MM-DD';

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度', custom: '自定义' };

function quarterStart(d: Dayjs): Dayjs {
  return d.startOf('month').month(Math.floor(d.month() / 3) * 3);
}

/** The month, quarter or year that contains `anchor`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, anchor: Dayjs | string): Period {
  const d = dayjs(anchor);
  const start = kind === 'month' ? d.startOf('month') : kind === 'quarter' ? quarterStart(d) : d.startOf('year');
  const end = kind === 'month' ? start.endOf('month') : kind === 'quarter' ? start.add(2, 'month').endOf('month') : start.endOf('year');
  return { kind, from: start.format(DAY), to: end.format(DAY) };
}

export function customPeriod(from: Dayjs | string, to: Dayjs | string): Period {
  const a = dayjs(from);
  const b = dayjs(to);
  const [lo, hi] = a.isAfter(b) ? [b, a] : [a, b];
  return { kind: 'custom', from: lo.format(DAY), to: hi.format(DAY) };
}

/** The period just before (环比), by the shared rule the server's `compare` uses; the picker's kind is kept. */
export function previousPeriod(p: Period): Period {
  return { kind: p.kind, ...previousRange(p.from, p.to) };
}

/** The twelve months ending with the month that contains `to` (trend lines), oldest first. */
export function trailingMonths(to: string, count = 12): Period[] {
  const last = dayjs(to).startOf('month');
  return Array.from({ length: count }, (_, i) => periodContaining('month', last.subtract(count - 1 - i, 'month')));
}

/** "2026年11月", "2026年第4季度", "2026年度", "2026-11-03 至 2026-11-20". */
export function periodLabel(p: Period): string {
  const d = dayjs(p.from);
  if (p.kind === 'month') return `${d.year()}年${d.month() + 1}月`;
  if (p.kind === 'quarter') return `${d.year()}年第${Math.floor(d.month() / 3) + 1}季度`;
  if (p.kind === 'year') return `${d.year()}年度`;
  return `${p.from} 至 ${p.to}`;
}

/** Reads a period from URL parameters (`period=month&from=…&to=…`), falling back to the month containing `today`. */
export function periodFromParams(params: URLSearchParams, today: Dayjs | string = dayjs()): Period {
  const kind = params.get('period');
  const from = params.get('from');
  const to = params.get('to');
  const valid = (s: string | null): s is string => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid());
  if ((kind === 'month' || kind === 'quarter' || kind === 'year') && valid(from)) return periodContaining(kind, from);
  if (kind === 'custom' && valid(from) && valid(to)) return customPeriod(from, to);
  return periodContaining('month', today);
}

export function periodToParams(p: Period): Record<string, string> {
  return { period: p.kind, from: p.from, to: p.to };
}
