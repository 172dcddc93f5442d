import { shanghaiDateString } from '@cgt/shared/calendar/working-time';
import type { AppDeps } from '../../deps.js';
import { deleteMarkers, insertMarkers } from '../../db/dirty-markers.js';
import type { ComplaintCountDoc, ComplaintRow } from '../../models/complaint-row.js';

/**
 * Exact counts of the 信访 registry, per bucket = (month, district, dimension). The registry's total and
 * its page position come from these instead of counting history (on FerretDB a count decodes every
 * matching document). A bucket is small (one month of one district); a write that moves a row in or out
 * of it marks it (markComplaintBuckets), and the next reader of its dimension recounts it from the rows
 * before reading (settleComplaintCounts); `$inc` is never used (FerretDB loses concurrent increments).
 *
 * Convergence without a lock: a writer recounts, stores, then counts again and stores again until the
 * two agree. The last store of a bucket is therefore always followed by its writer's own count, taken
 * after every row write that preceded that store, so the stored value ends at the true count.
 */

/** Row fields a single-dimension filter may use and the counts carry. */
export const COUNT_FIELDS = ['status', 'channel', 'type', 'isRepeat', 'open', 'departmentId'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** '*' (every case) or `${field}=${value}`. */
export function dimKey(field?: CountField, value?: string | boolean): string {
  return field === undefined ? '*' : `${field}=${String(value)}`;
}

export function bucketId(month: string, district: string, dim: string): string {
  return `${month}|${district}|${dim}`;
}

/** Every bucket a row belongs to: the month's total and one per dimension. */
export function bucketsOf(r: Pick<ComplaintRow, 'month' | 'district' | CountField>): string[] {
  const dims = ['*'];
  for (const f of COUNT_FIELDS) {
    const v = r[f];
    if (v !== undefined && v !== null && v !== '') dims.push(dimKey(f, v as string | boolean));
  }
  return dims.map((d) => bucketId(r.month, r.district, d));
}

function parseBucket(id: string): { month: string; district: string; dim: string; field: string; filter: Record<string, unknown> } {
  const [month = '', district = '', dim = '*'] = id.split('|');
  const filter: Record<string, unknown> = { month, district };
  let field = '*';
  if (dim !== '*') {
    const eq = dim.indexOf('=');
    field = dim.slice(0, eq);
    const raw = dim.slice(eq + 1);
    filter[field] = field === 'isRepeat' || field === 'open' ? raw === 'true' : raw;
  }
  return { month, district, dim, field, filter };
}

/** The stored document of a bucket. */
function countDoc(id: string, n: number, at: Date): ComplaintCountDoc {
  const b = parseBucket(id);
  return { _id: id, month: b.month, district: b.district, dim: b.dim, field: b.field, n, at };
}

const MAX_ROUNDS = 4;

/** Recounts one bucket from the rows (top-level equality only) until two counts agree. */
export async function recountBucket(deps: AppDeps, id: string): Promise<number> {
  const { ComplaintRow, ComplaintCount } = deps.models;
  const b = parseBucket(id);
  let n = await ComplaintRow.countDocuments(b.filter);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    try {
      await ComplaintCount.replaceOne({ _id: id }, countDoc(id, n, deps.now()), { upsert: true });
    } catch (err) {
      // two first upserts of one bucket race on the _id: the next round replaces the winner's document
      if ((err as { code?: unknown }).code !== 11000) throw err;
    }
    const again = await ComplaintRow.countDocuments(b.filter);
    if (again === n) return n;
    n = again;
  }
  return n;
}

/** Recounts several buckets at once (a registration touches 7; each recount is three small queries in a row). */
export async function recountBuckets(deps: AppDeps, ids: Iterable<string>, concurrency = 8): Promise<void> {
  const queue = [...new Set(ids)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) await recountBucket(deps, id);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

/**
 * Marks buckets changed by the case change `changeId` (case id + version). The writer does not recount:
 * the next reader of a dimension recounts that dimension's marked buckets (monthCounts), the hourly repair
 * catches the rest. A repeated mark of the same change inserts nothing.
 */
export async function markComplaintBuckets(deps: AppDeps, ids: Iterable<string>, changeId: string): Promise<void> {
  await insertMarkers(deps.models.ComplaintCountDirty, ids, changeId, (bucket) => ({ dim: parseBucket(bucket).dim }));
}

/** Markers read per dimension at a time (a busier dimension is simply recounted again next read). */
const MARKERS_PER_READ = 2_000;

/**
 * Recounts the marked buckets of one dimension (or of every dimension), then removes exactly the markers
 * read: a marker inserted meanwhile stays for the next reader. Returns the buckets recounted.
 */
export async function settleComplaintCounts(deps: AppDeps, dim?: string): Promise<number> {
  const { ComplaintCountDirty } = deps.models;
  const markers = await ComplaintCountDirty.find(dim ? { dim } : {}, { _id: 1, bucket: 1 }).limit(MARKERS_PER_READ).lean<{ _id: string; bucket: string }[]>();
  if (markers.length === 0) return 0;
  const buckets = new Set(markers.map((m) => m.bucket));
  await recountBuckets(deps, buckets);
  await deleteMarkers(ComplaintCountDirty, markers.map((m) => m._id), dim ? { dim } : {});
  return buckets.size;
}

/**
 * Counts per month for one dimension, summed over the districts `visible` admits. Reads every bucket
 * document of that dimension: one per (month × district) that ever had a case, so bounded by the
 * calendar (≈120 a year), not by the number of cases.
 */
export async function monthCounts(deps: AppDeps, dim: string, visible: (district: string) => boolean): Promise<Map<string, number>> {
  await settleComplaintCounts(deps, dim);
  const docs = (await deps.models.ComplaintCount.find({ dim }, { month: 1, district: 1, n: 1 }).lean()) as Pick<ComplaintCountDoc, 'month' | 'district' | 'n'>[];
  const out = new Map<string, number>();
  for (const d of docs) {
    if (d.n > 0 && visible(d.district)) out.set(d.month, (out.get(d.month) ?? 0) + d.n);
  }
  return out;
}

/** Each bucket of one month: its number of rows (0 for a stored bucket no row is in any more) and the stored count. */
async function monthMembership(deps: AppDeps, month: string): Promise<Map<string, { rows: number; stored: number | null }>> {
  const { ComplaintRow, ComplaintCount } = deps.models;
  const proj = Object.fromEntries(['district', 'month', ...COUNT_FIELDS].map((f) => [f, 1]));
  const [rows, existing] = await Promise.all([
    ComplaintRow.find({ month }, proj).lean() as unknown as Promise<Pick<ComplaintRow, 'month' | 'district' | CountField>[]>,
    ComplaintCount.find({ month }, { _id: 1, n: 1 }).lean() as unknown as Promise<{ _id: string; n: number }[]>,
  ]);
  const out = new Map(existing.map((d) => [d._id, { rows: 0, stored: d.n as number | null }]));
  for (const r of rows) {
    for (const b of bucketsOf(r)) {
      const e = out.get(b) ?? { rows: 0, stored: null };
      e.rows++;
      out.set(b, e);
    }
  }
  return out;
}

/**
 * Recounts every bucket of one month from one read of that month's rows (the bulk path): a month is one
 * equality, so this reads one month of keys, never the history. The month's count documents are then
 * replaced wholesale (one delete by the month, one insert), because FerretDB v1.24.2 hangs on a bulk
 * write of a few dozen replace-upserts of existing documents (measured: 10 fine, 50 never return, and
 * the connection is stuck after). Not for use beside live writers: a reader may see the month's counts
 * missing for a moment, and a row changed between the read and the store stays miscounted until its
 * bucket's next recount (repairComplaintCounts is the live-safe repair).
 */
export async function recountMonth(deps: AppDeps, month: string): Promise<void> {
  const at = deps.now();
  const docs = [...(await monthMembership(deps, month))].map(([id, { rows: n }]) => countDoc(id, n, at));
  await deps.models.ComplaintCount.deleteMany({ month });
  if (docs.length) await deps.models.ComplaintCount.collection.insertMany(docs as never[], { ordered: false });
}

/**
 * Repair for a writer that stopped between its row write and its recount (the housekeeping job): one
 * read of each month's keys and counts; a bucket whose stored count disagrees with the rows is recounted
 * with the same converging loop as a writer's, so the repair is safe beside live writers (a row moving
 * during the read only causes a needless recount). Returns how many buckets were recounted.
 */
export async function repairComplaintCounts(deps: AppDeps, months: string[]): Promise<number> {
  let n = 0;
  for (const month of months) {
    const off = [...(await monthMembership(deps, month))].filter(([, e]) => e.rows !== e.stored).map(([id]) => id);
    await recountBuckets(deps, off);
    n += off.length;
  }
  return n;
}

/** This month and the one before ('YYYY-MM', Asia/Shanghai): where live writes land, so where repairs matter. */
export function recentMonths(now: Date): string[] {
  const [y, m] = shanghaiDateString(now).slice(0, 7).split('-').map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return [`${y}-${String(m).padStart(2, '0')}`, prev];
}
