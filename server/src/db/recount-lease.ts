import type { Model } from 'mongoose';
import { isDuplicateKey } from './claims.js';

/**
 * "Recount under a lease": the reader side of the dirty-marker protocol (db/dirty-markers.ts). One recount
 * of a bucket at a time, by a unique insert of the lease (the only atomic step FerretDB offers), so an older
 * count never overwrites a newer one. A caller that finds a recount which STARTED after it was called only
 * waits for that one to finish (it includes every change the caller must see). A lease left by a crashed
 * process expires after `leaseMs`. Used by the staff queue counts (commands/tickets/queue-counts.ts) and the
 * statistics rows (commands/stats/recount.ts).
 */

export interface LeaseOptions {
  leaseMs?: number;
  maxWaitMs?: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms + Math.random() * ms));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any lease collection {_id, at}
type LeaseModel = Model<any>;

/** 'mine': we hold the lease; otherwise the start time of the holder's recount (null: none seen). */
async function takeLease(model: LeaseModel, id: string, leaseMs: number): Promise<'mine' | Date | null> {
  try {
    await model.create({ _id: id, at: new Date() });
    return 'mine';
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const held = (await model.findById(id).lean()) as { at: Date } | null;
    if (held && Date.now() - held.at.getTime() > leaseMs) {
      // its holder crashed: remove exactly that stale lease; the next attempt competes by insert again
      await model.deleteOne({ _id: id, at: held.at });
      return null;
    }
    return held?.at ?? null;
  }
}

/** Runs `recount` under the lease `id` (retried on a duplicate-key race of first upserts). */
export async function recountUnderLease(model: LeaseModel, id: string, recount: () => Promise<void>, opts: LeaseOptions = {}): Promise<void> {
  const leaseMs = opts.leaseMs ?? 5_000;
  const calledAt = Date.now();
  const deadline = calledAt + (opts.maxWaitMs ?? 20_000);
  for (let step = 10; ; step = Math.min(step * 1.5, 100)) {
    const got = await takeLease(model, id, leaseMs);
    if (got === 'mine') break;
    if (got && got.getTime() >= calledAt) {
      while (Date.now() < deadline && (await model.exists({ _id: id, at: got }))) await pause(10);
      return;
    }
    if (Date.now() > deadline) throw new Error(`recount ${id}: lease not obtained`);
    await pause(step);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await recount();
        return;
      } catch (err) {
        // first upserts of one row can still collide on FerretDB (query and insert are not one step)
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  } finally {
    await model.deleteOne({ _id: id }).catch(() => undefined);
  }
}

/** Runs `fn` over the items a few at a time. */
export async function eachLimited<T>(items: readonly T[], parallel: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}
