import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import { packSums, type PeriodSums, SUMS_PROJECTION, unpackRow, type StatCell, type StatFactDoc, type StoredPeriodRow } from '../../models/stat.js';
import { deleteMarkers, insertMarkers } from '../../db/dirty-markers.js';
import { eachLimited, recountUnderLease } from '../../db/recount-lease.js';

/**
 * Day and month rows are sums, recounted under a lease when marked dirty (db/dirty-markers.ts):
 * a day row `<day>|<district>` from its facts; a month row `<month>|<district>` from the month's day rows.
 * A day recount marks its month row before clearing its own markers, so a change is always visible as
 * a marker somewhere until the month row includes it. Readers settle the months they read first
 * (settleMonths), the job drains the rest.
 */

const MARKERS_PER_RECOUNT = 5_000;

type Sparse = Record<string, number>;

function addInto(into: Sparse, from: Sparse | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) if (v) into[k] = Math.round(((into[k] ?? 0) + v) * 100) / 100;
}

class CellSum {
  private readonly cells = new Map<string, StatCell>();
  add(k: string | null | undefined, c: Sparse | undefined, name?: string): void {
    if (!k) return;
    let cell = this.cells.get(k);
    if (!cell) this.cells.set(k, (cell = { k, c: {}, ...(name ? { name } : {}) }));
    addInto(cell.c, c);
  }
  list(): StatCell[] {
    return [...this.cells.values()].sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  }
}

const CATEGORY_COUNTERS = ['reported', 'accepted', 'closed'] as const;

/** Sums facts (or rows) into one period row. */
export function sumRows(
  parts: { total?: Sparse; zone?: string | null; dept?: string | null; cat?: string; catName?: string; c?: Sparse; byZone?: StatCell[]; byDept?: StatCell[]; byCat?: StatCell[] }[],
): PeriodSums {
  const total: Sparse = {};
  const zones = new CellSum();
  const depts = new CellSum();
  const cats = new CellSum();
  for (const p of parts) {
    if (p.c) {
      // a fact
      addInto(total, p.c);
      zones.add(p.zone, p.c);
      depts.add(p.dept, p.c);
      const catC: Sparse = {};
      for (const k of CATEGORY_COUNTERS) if (p.c[k]) catC[k] = p.c[k]!;
      if (Object.keys(catC).length) cats.add(p.cat, catC, p.catName);
    } else {
      addInto(total, p.total);
      for (const z of p.byZone ?? []) zones.add(z.k, z.c);
      for (const d of p.byDept ?? []) depts.add(d.k, d.c);
      for (const c of p.byCat ?? []) cats.add(c.k, c.c, c.name);
    }
  }
  return { total, byZone: zones.list(), byDept: depts.list(), byCat: cats.list() };
}

async function recountDayNow(deps: AppDeps, bucket: string): Promise<void> {
  const { StatDirty, StatFact, StatDay } = deps.models;
  const markerBucket = `d:${bucket}`;
  const markers = await StatDirty.find({ bucket: markerBucket }, { _id: 1 }).limit(MARKERS_PER_RECOUNT).lean<{ _id: string }[]>();
  const [day, district] = bucket.split('|') as [string, string];
  const facts = (await StatFact.find({ bucket }, { _id: 0, zone: 1, dept: 1, cat: 1, catName: 1, c: 1 }).lean()) as unknown as StatFactDoc[];
  const month = day.slice(0, 7);
  if (facts.length === 0) await StatDay.deleteOne({ _id: bucket });
  else {
    await StatDay.replaceOne(
      { _id: bucket },
      { period: day, month, monthKey: `${month}|${district}`, district, sums: packSums(sumRows(facts)), countedAt: new Date() },
      { upsert: true },
    );
  }
  // the month row is behind now: mark it before our markers go
  await insertMarkers(StatDirty, [`m:${month}|${district}`], randomUUID(), () => ({ month }));
  await deleteMarkers(StatDirty, markers.map((m) => m._id), { bucket: markerBucket });
}

async function recountMonthNow(deps: AppDeps, key: string): Promise<void> {
  const { StatDirty, StatDay, StatMonth } = deps.models;
  const markerBucket = `m:${key}`;
  const markers = await StatDirty.find({ bucket: markerBucket }, { _id: 1 }).limit(MARKERS_PER_RECOUNT).lean<{ _id: string }[]>();
  const [month, district] = key.split('|') as [string, string];
  const days = ((await StatDay.find({ monthKey: key }, { _id: 0, ...SUMS_PROJECTION }).lean()) as unknown as StoredPeriodRow[]).map(unpackRow);
  if (days.length === 0) await StatMonth.deleteOne({ _id: key });
  else {
    await StatMonth.replaceOne({ _id: key }, { period: month, month, monthKey: key, district, sums: packSums(sumRows(days)), countedAt: new Date() }, { upsert: true });
  }
  await deleteMarkers(StatDirty, markers.map((m) => m._id), { bucket: markerBucket });
}

export async function recountDay(deps: AppDeps, bucket: string): Promise<void> {
  await recountUnderLease(deps.models.StatLease, `d:${bucket}`, () => recountDayNow(deps, bucket));
}

export async function recountMonth(deps: AppDeps, key: string): Promise<void> {
  await recountUnderLease(deps.models.StatLease, `m:${key}`, () => recountMonthNow(deps, key));
}

/** Brings the day rows (and, with `months`, the month rows) of these months up to every change made before the call. */
export async function settleMonths(deps: AppDeps, months: Iterable<string>, opts: { monthRows?: boolean } = {}): Promise<void> {
  const list = [...new Set(months)];
  const markers = async () =>
    (await Promise.all(list.map((month) => deps.models.StatDirty.find({ month }, { _id: 0, bucket: 1 }).limit(MARKERS_PER_RECOUNT).lean<{ bucket: string }[]>()))).flat();
  const first = await markers();
  const dayBuckets = [...new Set(first.filter((m) => m.bucket.startsWith('d:')).map((m) => m.bucket.slice(2)))];
  await eachLimited(dayBuckets, 6, (b) => recountDay(deps, b));
  if (opts.monthRows === false) return;
  const second = dayBuckets.length ? await markers() : first;
  const monthKeys = [...new Set(second.filter((m) => m.bucket.startsWith('m:')).map((m) => m.bucket.slice(2)))];
  await eachLimited(monthKeys, 6, (k) => recountMonth(deps, k));
}

/** The job's safety net and the end of a rebuild: recounts every marked row. Returns the rows recounted. */
export async function drainStats(deps: AppDeps, opts: { rounds?: number } = {}): Promise<number> {
  let n = 0;
  for (let round = 0; round < (opts.rounds ?? 1_000); round++) {
    const markers = await deps.models.StatDirty.find({}, { _id: 0, bucket: 1, month: 1 }).limit(5_000).lean<{ bucket: string; month: string }[]>();
    if (markers.length === 0) break;
    const months = new Set(markers.map((m) => m.month));
    await settleMonths(deps, months);
    n += new Set(markers.map((m) => m.bucket)).size;
  }
  return n;
}
