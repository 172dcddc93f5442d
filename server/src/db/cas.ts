import type { Models } from '../models/index.js';

const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === DUPLICATE_KEY;
}

/**
 * Claims the right to move `key` (e.g. "ticket:<id>") from `version` to `version + 1`. Exactly one caller gets
 * true, on MongoDB and on FerretDB alike, because it rests on the atomic unique-_id insert rather than on
 * a conditional update (not atomic on FerretDB/SQLite). The winner then performs its single-document update
 * (still filtered on the version, which makes it atomic on MongoDB too); losers answer 409 conflict.
 */
export async function claimVersion(models: Pick<Models, 'CasClaim'>, key: string, version: number, by: string, now: Date): Promise<boolean> {
  try {
    await models.CasClaim.create({ _id: `${key}@${version + 1}`, at: now, by });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * A gap-free-enough, never-duplicated sequence per key (tracking numbers). The $inc counter is only a hint —
 * it can lose increments on FerretDB under concurrency — and the unique insert of `<key>#<n>` decides.
 */
export async function nextSequence(models: Pick<Models, 'CasClaim' | 'SeedStamp'>, key: string, now: Date): Promise<number> {
  const inc = () =>
    models.SeedStamp.findOneAndUpdate({ _id: `seq:${key}` }, { $inc: { count: 1 } }, { returnDocument: 'after' }).lean();
  let hint = await inc();
  if (!hint) {
    // concurrent upserts of the same _id collide on FerretDB: create once (ignoring a twin), then increment
    await models.SeedStamp.create({ _id: `seq:${key}`, version: 'sequence', count: 0 }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
    hint = await inc();
  }
  let n = hint?.count ?? 1;
  for (let attempt = 0; attempt < 1000; attempt++, n++) {
    try {
      await models.CasClaim.create({ _id: `seq:${key}#${n}`, at: now });
      if (attempt > 0) {
        // move the hint past what we took so the next caller does not walk the same numbers again
        await models.SeedStamp.updateOne({ _id: `seq:${key}`, count: { $lt: n } }, { $set: { count: n } });
      }
      return n;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error(`sequence ${key}: no free number after 1000 attempts`);
}
