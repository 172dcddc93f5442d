import type { AppDeps } from '../../deps.js';
import type { ComplaintCountDoc, ComplaintRow } from '../../models/complaint-row.js';

/**
 * Exact counts of the 信访 registry, per bucket = (month, district, dimension). The registry's total and
 * its page position come from these instead of counting history (on FerretDB a count decodes every
 * matching document). A bucket is small (one month of one district), so it is recounted from the rows
 * after every write that moves a row in or out of it; `$inc` is never used (FerretDB loses concurrent
 * increments).
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

/** Every bucket a row belongs to. */
export function bucketsOf(r: Pick<ComplaintRow, 'month' | 'district' | CountField>): string[] {
  const dims = ['*'];
  for (const f of COUNT_FIELDS) {
    const v = r[f];
    if (v !== undefined && v !== null && v !== '') dims.push(dimKey(f, v as string | boolean));
  }
  return dims.map((d) => bucketId(r.month, r.district, d));
}

function parseBucket(id: string): { month: string; district: string; dim: string; filter: Record<string, unknown> } {
  const [month = '', district = '', dim = '*'] = id.split('|');
  const filter: Record<string, unknown> = { month, district };
  if (dim !== '*') {
    const eq = dim.indexOf('=');
    const field = dim.slice(0, eq);
    const raw = dim.slice(eq + 1);
    filter[field] = field === 'isRepeat' || field === 'open' ? raw === 'true' : raw;
  }
  return { month, district, dim, filter };
}

const MAX_ROUNDS = 4;

/** Recounts one bucket from the rows (top-level equality only) until two counts agree. */
export async function recountBucket(deps: AppDeps, id: string): Promise<number> {
  const { ComplaintRow, ComplaintCount } = deps.models;
  const b = parseBucket(id);
  let n = await ComplaintRow.countDocuments(b.filter);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    try {
      await ComplaintCount.replaceOne({ _id: id }, { _id: id, month: b.month, district: b.district, dim: b.dim, n, at: deps.now() }, { upsert: true });
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

/** Recounts several buckets, a few at a time (each is a small count, but the box has two cores). */
export async function recountBuckets(deps: AppDeps, ids: Iterable<string>, concurrency = 4): Promise<void> {
  const queue = [...new Set(ids)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) await recountBucket(deps, id);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

/**
 * Counts per month for one dimension, summed over the districts `visible` admits. Reads every bucket
 * document of that dimension: one per (month × district) that ever had a case, so bounded by the
 * calendar (≈120 a year), not by the number of cases.
 */
export async function monthCounts(deps: AppDeps, dim: string, visible: (district: string) => boolean): Promise<Map<string, number>> {
  const docs = (await deps.models.ComplaintCount.find({ dim }, { month: 1, district: 1, n: 1 }).lean()) as Pick<ComplaintCountDoc, 'month' | 'district' | 'n'>[];
  const out = new Map<string, number>();
  for (const d of docs) {
    if (d.n > 0 && visible(d.district)) out.set(d.month, (out.get(d.month) ?? 0) + d.n);
  }
  return out;
}

/**
 * Recounts every bucket of one month from one read of that month's rows (the bulk path and repairs):
 * a month is one equality, so this reads one month of keys, never the history. Buckets that no longer
 * have a row are set to 0.
 */
export async function recountMonth(deps: AppDeps, month: string): Promise<void> {
  const { ComplaintRow, ComplaintCount } = deps.models;
  const proj = Object.fromEntries(['district', 'month', ...COUNT_FIELDS].map((f) => [f, 1]));
  const [rows, existing] = await Promise.all([
    ComplaintRow.find({ month }, proj).lean() as unknown as Promise<Pick<ComplaintRow, 'month' | 'district' | CountField>[]>,
    ComplaintCount.find({ month }, { _id: 1 }).lean() as unknown as Promise<{ _id: string }[]>,
  ]);
  const n = new Map<string, number>(existing.map((d) => [d._id, 0]));
  for (const r of rows) for (const b of bucketsOf(r)) n.set(b, (n.get(b) ?? 0) + 1);
  const at = deps.now();
  const ops = [...n].map(([id, count]) => {
    const b = parseBucket(id);
    return { replaceOne: { filter: { _id: id }, replacement: { _id: id, month: b.month, district: b.district, dim: b.dim, n: count, at }, upsert: true } };
  });
  // throwOnValidationError: mongoose would otherwise skip an invalid replacement without a word
  for (let i = 0; i < ops.length; i += 500) await ComplaintCount.bulkWrite(ops.slice(i, i + 500), { ordered: false, throwOnValidationError: true });
}
