import type { AppDeps } from '../../deps.js';
import { cellFilter, parseBucketId } from '../../domain/tickets/queue-cells.js';
import { deleteMarkers, insertMarkers } from '../../db/dirty-markers.js';
import { recountUnderLease } from '../../db/recount-lease.js';

/**
 * Exact bucket counts without $inc (which loses increments on FerretDB), and without making writers wait
 * (the marker protocol of db/dirty-markers.ts):
 *
 * - A writer changes its rows, then inserts a dirty marker per bucket it touched (markBucketsChanged).
 * - Whoever needs a bucket's count — a reader of the cell (readBuckets) or the drain job — recounts it
 *   under the bucket's lease (a unique insert): it reads the bucket's markers, counts the rows, stores the
 *   number, and only then removes exactly the markers it read. A marker is inserted after its row change,
 *   so every change whose marker was read is in the count; a marker inserted meanwhile stays, and the
 *   bucket stays dirty for the next one.
 * - A reader therefore sees, for every write that finished before it started, either the marker (and
 *   recounts) or a stored count that includes the write. Counts are exact at read time; a burst of
 *   writers to one bucket costs one recount per reader instead of one per writer.
 * Recounts of one bucket are serialised by the lease, so an older count never overwrites a newer one; a
 * lease left by a crashed process expires, and markers it left are drained by the job (drainQueueCounts).
 */

const LEASE_MS = 5_000;
const MAX_WAIT_MS = 20_000;
/** markers read per recount: a bucket with more pending changes is simply recounted again */
const MARKERS_PER_RECOUNT = 5_000;

/** Records that the buckets' counts may be behind after the change `changeId` (e.g. ticket id + version). */
export async function markBucketsChanged(deps: AppDeps, buckets: Iterable<string>, changeId: string): Promise<void> {
  await insertMarkers(deps.models.QueueCountDirty, buckets, changeId, (bucket) => ({ cell: parseBucketId(bucket).cell }));
}

/** Counts one bucket's rows and stores the number (or removes an empty bucket); then clears the markers read. */
async function recountNow(deps: AppDeps, bucket: string): Promise<void> {
  const { QueueCountDirty, QueueCount, TicketQueue } = deps.models;
  const markers = await QueueCountDirty.find({ bucket }, { _id: 1 }).limit(MARKERS_PER_RECOUNT).lean<{ _id: string }[]>();
  const { cell, status, dueDay } = parseBucketId(bucket);
  const filter: Record<string, unknown> = { ...cellFilter(cell), status, dueDay };
  const n = await TicketQueue.countDocuments(filter);
  if (n === 0) await QueueCount.deleteOne({ _id: bucket });
  else await QueueCount.replaceOne({ _id: bucket }, { cell, status, dueDay, n, countedAt: new Date() }, { upsert: true });
  await deleteMarkers(QueueCountDirty, markers.map((m) => m._id), { bucket });
}

/**
 * Makes the stored count include every change made before this call (db/recount-lease.ts: one recount of
 * a bucket at a time; a recount that started after this call is only waited for).
 */
export async function recountBucket(deps: AppDeps, bucket: string): Promise<void> {
  await recountUnderLease(deps.models.QueueCountLease, `count:${bucket}`, () => recountNow(deps, bucket), { leaseMs: LEASE_MS, maxWaitMs: MAX_WAIT_MS });
}

/** Recounts several buckets, a few at a time (each is a small equality count). */
export async function recountBuckets(deps: AppDeps, buckets: Iterable<string>, parallel = 6): Promise<void> {
  const list = [...new Set(buckets)];
  let next = 0;
  const worker = async () => {
    while (next < list.length) await recountBucket(deps, list[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, list.length) }, worker));
}

/**
 * Recounts the buckets that have markers, up to `max` markers per round, until none are left (or `rounds`
 * ran out). The job's safety net for buckets nobody read since they changed, and the end of a bulk load.
 * Returns the number of buckets recounted.
 */
export async function drainQueueCounts(deps: AppDeps, opts: { max?: number; rounds?: number } = {}): Promise<number> {
  let recounted = 0;
  for (let round = 0; round < (opts.rounds ?? 1_000); round++) {
    const markers = await deps.models.QueueCountDirty.find({}, { bucket: 1 }).limit(opts.max ?? 2_000).lean<{ bucket: string }[]>();
    if (markers.length === 0) break;
    const buckets = new Set(markers.map((m) => m.bucket));
    await recountBuckets(deps, buckets);
    recounted += buckets.size;
  }
  return recounted;
}

export interface BucketCount {
  cell: string;
  status: string;
  dueDay: string;
  n: number;
  /** when the count was taken: changes with every recount (today-rows.ts keys its cache on it) */
  countedAt: Date;
}

function readDirectory(deps: AppDeps, cells: readonly string[]): Promise<BucketCount[]> {
  return Promise.all(
    cells.map((cell) => deps.models.QueueCount.find({ cell }, { _id: 0, cell: 1, status: 1, dueDay: 1, n: 1, countedAt: 1 }).lean<BucketCount[]>()),
  ).then((parts) => parts.flat());
}

/**
 * The exact directory entries of some cells (one equality query per cell; a cell has ≲ statuses × days
 * entries): buckets with pending markers are recounted first, then the entries are read.
 */
export async function readBuckets(deps: AppDeps, cells: readonly string[]): Promise<BucketCount[]> {
  const dirty = await Promise.all(
    cells.map((cell) => deps.models.QueueCountDirty.find({ cell }, { _id: 0, bucket: 1 }).limit(MARKERS_PER_RECOUNT).lean<{ bucket: string }[]>()),
  );
  const buckets = new Set(dirty.flat().map((m) => m.bucket));
  if (buckets.size) await recountBuckets(deps, buckets);
  return readDirectory(deps, cells);
}
