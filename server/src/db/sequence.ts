import { formatCaseNo, caseYear } from '@cgt/shared/complaint/case-no';
import { formatTrackingNo, trackingDayKey } from '@cgt/shared/format/tracking-no';
import type { Model, Types } from 'mongoose';
import type { Models } from '../models/index.js';
import { ignoreDuplicateKey, insertClaim, isDuplicateKey } from './claims.js';

/**
 * Never-duplicated, gap-free-in-practice sequences (tracking numbers per day, 信访 case numbers per year).
 *
 * The unique insert of the claim `seq:<key>#<n>` decides who has number n; nothing else does. `$inc` is
 * not used at all: FerretDB loses concurrent increments. Two things only make the search short:
 * - in this process, concurrent callers take distinct candidates from a local counter, so they do not
 *   collide with each other (50 concurrent draws = 50 inserts);
 * - a hint document (`seq:<key>` in kernel_stamps) holds the highest number known to be taken; it is read
 *   at first use and after a collision with another instance, and raised after every draw.
 * A number is skipped only when its claim insert fails for another reason than a duplicate.
 */

type SequenceModels = Pick<Models, 'Claim' | 'KernelStamp'>;

/** Keys whose local counter this process remembers (one per day/year in use, plus short-lived ones). */
const MAX_LOCAL_KEYS = 256;
const MAX_ATTEMPTS = 1000;

/** Per models object (one per database connection): key → the next number to try here. */
const localNext = new WeakMap<object, Map<string, number>>();

function localCounters(models: SequenceModels): Map<string, number> {
  let m = localNext.get(models);
  if (!m) {
    m = new Map();
    localNext.set(models, m);
  }
  return m;
}

function takeCandidate(counters: Map<string, number>, key: string, atLeast: number): number {
  const n = Math.max(counters.get(key) ?? 1, atLeast);
  counters.delete(key); // re-insert: the Map's order is then least recently used first
  counters.set(key, n + 1);
  if (counters.size > MAX_LOCAL_KEYS) counters.delete(counters.keys().next().value!);
  return n;
}

/**
 * The next number of sequence `key` (1, 2, …). `expiresAt` says when the sequence is over — nobody draws
 * from it any more, so the housekeeping job may then delete its claims and hint; without it they are kept
 * for good.
 */
export async function nextSequence(models: SequenceModels, key: string, opts: { expiresAt?: Date } = {}): Promise<number> {
  const counters = localCounters(models);
  let floor = counters.has(key) ? 0 : (await highestTaken(models, key)) + 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const n = takeCandidate(counters, key, floor);
    if (await insertClaim(models, `seq:${key}#${n}`, { expiresAt: opts.expiresAt })) {
      await raiseHint(models, key, n, opts.expiresAt);
      return n;
    }
    // another instance (or a restart of this one) took n: catch up with what it published
    floor = (await highestTaken(models, key)) + 1;
  }
  throw new Error(`sequence ${key}: no free number after ${MAX_ATTEMPTS} attempts`);
}

/** What the hint says, or for a sequence begun before this module, where the old counters stood. */
async function highestTaken(models: SequenceModels, key: string): Promise<number> {
  const hint = await models.KernelStamp.findById(`seq:${key}`, { value: 1 }).lean();
  return hint ? hint.value : legacyHighest(models, key);
}

/**
 * Data compatibility: before the kernel, tracking numbers came from `$inc` on `counters` {_id: key, seq}
 * and case numbers had their hint in `seed_stamps` {_id: 'seq:'+key, count}. Read once per key, when
 * the new hint does not exist yet, so an upgraded database goes on where it stood instead of walking
 * through every number already used today.
 */
async function legacyHighest(models: SequenceModels, key: string): Promise<number> {
  const db = models.KernelStamp.db;
  const [counter, stamp] = await Promise.all([
    db.collection<{ _id: string; seq?: number }>('counters').findOne({ _id: key }),
    db.collection<{ _id: string; count?: number }>('seed_stamps').findOne({ _id: `seq:${key}` }),
  ]);
  return Math.max(counter?.seq ?? 0, stamp?.count ?? 0);
}

/** Moves the hint up to n (never down). Racing raises may leave it a little low: it is only a hint. */
async function raiseHint(models: SequenceModels, key: string, n: number, expiresAt?: Date): Promise<void> {
  const _id = `seq:${key}`;
  const set = { value: n, at: new Date(), ...(expiresAt ? { expiresAt } : {}) };
  const res = await models.KernelStamp.updateOne({ _id, value: { $lt: n } }, { $set: set });
  if (res.matchedCount === 0) await models.KernelStamp.create({ _id, ...set }).catch(ignoreDuplicateKey);
}

/**
 * A day's tracking numbers are drawn only on that day (reports are numbered when filed), so its claims
 * can go a couple of days later and cas_claims does not grow by one document per ticket forever. The
 * tickets' unique index on trackingNo still guards the numbers themselves.
 */
const TRACKING_SEQUENCE_KEPT_MS = 3 * 24 * 3600_000;

/** 受理编号 of a report filed at `at` (now): YYyyyymmdd-nnnnnn, numbered per Shanghai calendar day. */
export async function nextTrackingNo(models: SequenceModels, at: Date): Promise<string> {
  const expiresAt = new Date(at.getTime() + TRACKING_SEQUENCE_KEPT_MS);
  return formatTrackingNo(at, await nextSequence(models, `ticket:${trackingDayKey(at)}`, { expiresAt }));
}

/**
 * 信访 case number of a case registered at `at`: YYXFyyyy-nnnnnn, numbered per year. Kept for good: a
 * letter received in December may be registered (and numbered in its year) weeks later.
 */
export async function nextCaseNo(models: SequenceModels, at: Date): Promise<string> {
  return formatCaseNo(at, await nextSequence(models, `complaint:${caseYear(at)}`));
}

/**
 * Inserts `doc` (its _id fixed by the caller, e.g. by an idempotency claim) numbered in `field` by
 * `draw`, exactly once: the unique _id stops a second copy when two completions of the same request
 * race, and should a number already be in use (a document written outside the sequence, e.g. by an
 * import), the unique index on `field` refuses it and a fresh number is drawn.
 * Returns the stored document and whether this call inserted it: the document as saved (not read back),
 * or the one a concurrent twin inserted, read.
 */
export async function insertNumbered<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model with a unique numbered field
  model: Model<any>,
  doc: { _id: Types.ObjectId },
  field: string,
  draw: () => Promise<string>,
): Promise<{ doc: T | null; inserted: boolean }> {
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const created = new model({ ...doc, [field]: await draw() });
      // timestamps off: createdAt comes from the caller's clock (deps.now(), the SLA clock)
      await created.save({ timestamps: false });
      return { doc: created.toObject({ flattenMaps: true, depopulate: true }) as T, inserted: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      if (await model.exists({ _id: doc._id })) break; // a concurrent completion of the same request won
    }
  }
  return { doc: (await model.findById(doc._id).lean()) as T | null, inserted: false };
}
