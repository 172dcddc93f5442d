import { OPEN_DEADLINE_COUNTERS, addCounters, emptyCounters, type StatCounters } from '@cgt/shared/stats/counters';
import { lastDayOfMonth, monthOfDay, shanghaiDayOf, splitRange } from '@cgt/shared/stats/period';
import type { AppDeps } from '../../deps.js';
import { SUMS_PROJECTION, unpackRow, type StatCell, type StatPeriodRowDoc, type StoredPeriodRow } from '../../models/stat.js';
import { settleMonths } from './recount.js';

/**
 * The counters of a period, per district, from the pre-aggregated rows only (never the tickets):
 * whole past months from month rows (one equality read per month for all districts), the current month
 * and loose days from day rows. "Still open" counters (超期未结, 超期待处置, 积案) are dated at the
 * deadline's day and count only once that day is past, so they are dropped from today's and later rows.
 */

export interface DistrictSums {
  district: string;
  total: StatCounters;
  byZone: Map<string, StatCounters>;
  byDept: Map<string, StatCounters>;
  byCat: Map<string, { name: string; c: StatCounters }>;
}

type Row = Pick<StatPeriodRowDoc, 'period' | 'district' | 'total' | 'byZone' | 'byDept' | 'byCat'>;
const PROJECTION = { _id: 0, period: 1, district: 1, ...SUMS_PROJECTION } as const;
const rowsOf = (stored: StoredPeriodRow[]): Row[] => stored.map(unpackRow);

function withoutOpen(c: Record<string, number>): Record<string, number> {
  const out = { ...c };
  for (const k of OPEN_DEADLINE_COUNTERS) delete out[k];
  return out;
}

function addRow(sums: Map<string, DistrictSums>, row: Row, dropOpen: boolean): void {
  let s = sums.get(row.district);
  if (!s) sums.set(row.district, (s = { district: row.district, total: emptyCounters(), byZone: new Map(), byDept: new Map(), byCat: new Map() }));
  const f = (c: Record<string, number> | undefined) => (dropOpen ? withoutOpen(c ?? {}) : (c ?? {}));
  addCounters(s.total, f(row.total));
  const cells = (into: Map<string, StatCounters>, list: StatCell[] | undefined) => {
    for (const cell of list ?? []) {
      let c = into.get(cell.k);
      if (!c) into.set(cell.k, (c = emptyCounters()));
      addCounters(c, f(cell.c));
    }
  };
  cells(s.byZone, row.byZone);
  cells(s.byDept, row.byDept);
  for (const cell of row.byCat ?? []) {
    let c = s.byCat.get(cell.k);
    if (!c) s.byCat.set(cell.k, (c = { name: cell.name ?? cell.k, c: emptyCounters() }));
    addCounters(c.c, cell.c);
  }
}

/** Sums of [from, to] (Shanghai days, inclusive) per district, as of `now`. */
export async function readPeriod(deps: AppDeps, from: string, to: string): Promise<Map<string, DistrictSums>> {
  const { StatDay, StatMonth } = deps.models;
  const today = shanghaiDayOf(deps.now());
  const thisMonth = monthOfDay(today);
  const end = to < today ? to : today; // nothing happened after today; open counters of later days are not due yet
  const sums = new Map<string, DistrictSums>();
  if (from > end) return sums;
  const { months, days } = splitRange(from, end);
  const pastMonths = months.filter((m) => m < thisMonth);
  // the current month is read by its day rows (its open counters depend on which days are past)
  const looseDays = [...days, ...months.filter((m) => m >= thisMonth).flatMap((m) => daysOf(m, end))];
  const touchedMonths = new Set([...pastMonths, ...looseDays.map(monthOfDay)]);
  await settleMonths(deps, touchedMonths, { monthRows: pastMonths.length > 0 });

  const monthRows = await Promise.all(pastMonths.map(async (m) => rowsOf(await StatMonth.find({ period: m }, PROJECTION).lean<StoredPeriodRow[]>())));
  for (const rows of monthRows) for (const r of rows) addRow(sums, r, false);

  // loose days of one month are read with one query by month when there are many of them
  const byMonth = new Map<string, Set<string>>();
  for (const d of looseDays) {
    const m = monthOfDay(d);
    if (!byMonth.has(m)) byMonth.set(m, new Set());
    byMonth.get(m)!.add(d);
  }
  const dayRows = await Promise.all(
    [...byMonth.entries()].map(async ([m, set]) => {
      if (set.size > 8) return rowsOf(await StatDay.find({ month: m }, PROJECTION).lean<StoredPeriodRow[]>()).filter((r) => set.has(r.period));
      return (await Promise.all([...set].map(async (d) => rowsOf(await StatDay.find({ period: d }, PROJECTION).lean<StoredPeriodRow[]>())))).flat();
    }),
  );
  for (const rows of dayRows) for (const r of rows) addRow(sums, r, r.period >= today);
  return sums;
}

function daysOf(month: string, end: string): string[] {
  const out: string[] = [];
  const last = lastDayOfMonth(month);
  for (let d = 1; d <= 31; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    if (day > last || day > end) break;
    out.push(day);
  }
  return out;
}
