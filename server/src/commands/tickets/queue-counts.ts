import type { AppDeps } from '../../deps.js';
import { cellFilter, parseBucketId } from '../../domain/tickets/queue-cells.js';
import { isDuplicateKey } from '../../db/claims.js';

/**
 * Exact bucket counts without $inc (which loses increments on FerretDB): after changing rows, a writer
 * recounts each bucket it touched while holding that bucket's lease (a unique insert). Recounts of one
 * bucket are thus serialised, and each starts after the writer's own row change, so the last count
 * written always includes every change made before it — the directory converges to the truth.
 * A writer that finds the lease held waits for it; a lease left by a crashed process expires.
 */

const LEASE_MS = 5_000;
const WAIT_STEP_MS = 10;
const MAX_WAIT_MS = 20_000;


/** 'mine': we hold the lease; otherwise the start time of the holder's recount (null: none seen). */
async function takeLease(deps: AppDeps, id: string): Promise<'mine' | Date | null> {
  const { QueueCountLease } = deps.models;
  try {
    await QueueCountLease.create({ _id: id, at: new Date() });
    return 'mine';
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const held = await QueueCountLease.findById(id).lean();
    if (held && Date.now() - held.at.getTime() > LEASE_MS) {
      // its holder crashed: remove exactly that stale lease; the next attempt competes by insert again
      await QueueCountLease.deleteOne({ _id: id, at: held.at });
      return null;
    }
    return held?.at ?? null;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms + Math.random() * ms));

/** Counts one bucket's rows and stores the number (or removes an empty bucket). */
async function recountNow(deps: AppDeps, bucket: string): Promise<void> {
  const { cell, status, dueDay } = parseBucketId(bucket);
  const filter: Record<string, unknown> = { ...cellFilter(cell), status, dueDay };
  const n = await deps.models.TicketQueue.countDocuments(filter);
  if (n === 0) await deps.models.QueueCount.deleteOne({ _id: bucket });
  else await deps.models.QueueCount.replaceOne({ _id: bucket }, { cell, status, dueDay, n, countedAt: new Date() }, { upsert: true });
}

/**
 * Recounts after the caller's row change. When another recount holds the lease and STARTED after this
 * call (so after our change), its count includes our change: we only wait for it to finish instead of
 * queueing a recount of our own — under a burst of writers to one bucket, a handful of recounts serve all.
 */
export async function recountBucket(deps: AppDeps, bucket: string): Promise<void> {
  const lease = `count:${bucket}`;
  const calledAt = Date.now();
  const deadline = calledAt + MAX_WAIT_MS;
  for (let step = WAIT_STEP_MS; ; step = Math.min(step * 1.5, 100)) {
    const got = await takeLease(deps, lease);
    if (got === 'mine') break;
    if (got && got.getTime() >= calledAt) {
      while (Date.now() < deadline && (await deps.models.QueueCountLease.exists({ _id: lease, at: got }))) await pause(WAIT_STEP_MS);
      return;
    }
    if (Date.now() > deadline) throw new Error(`queue count ${bucket}: lease not obtained`);
    await pause(step);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await recountNow(deps, bucket);
        return;
      } catch (err) {
        // first upserts of one bucket can still collide on FerretDB (query and insert are not one step)
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  } finally {
    await deps.models.QueueCountLease.deleteOne({ _id: lease }).catch(() => undefined);
  }
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

export interface BucketCount {
  cell: string;
  status: string;
  dueDay: string;
  n: number;
}

/** The directory entries of some cells (one equality query per cell; a cell has ≲ statuses × days entries). */
export async function readBuckets(deps: AppDeps, cells: readonly string[], statuses?: readonly string[]): Promise<BucketCount[]> {
  const queries = statuses
    ? cells.flatMap((cell) => statuses.map((status) => ({ cell, status })))
    : cells.map((cell) => ({ cell }));
  const parts = await Promise.all(
    queries.map((f) => deps.models.QueueCount.find(f, { _id: 0, cell: 1, status: 1, dueDay: 1, n: 1 }).lean<BucketCount[]>()),
  );
  return parts.flat();
}
