import type { AppDeps } from '../../deps.js';
import { decryptWithRing, encryptPii } from '../../domain/complaints/pii.js';
import type { PiiKeyEntry } from '../../models/pii-key.js';
import { checkPiiKeys, keyringOf, kidEntryId, piiIndexKey } from '../../services/pii-keys.js';
import { migrateLegacyPii } from './migrate-legacy.js';
import { RESEAL_PROJECTION, resealComplaint, type ResealInput } from './reseal.js';

export interface RotationResult {
  /** values re-encrypted under the current key */
  resealed: number;
  /** key ids no value is under any more (their registry entries are gone; the keys may leave PII_KEYS_OLD) */
  retired: string[];
  /** the index key was re-wrapped under the current key */
  indexRewrapped: boolean;
}

/** How often a page may make no progress (every case busy with another writer) before rotation gives up. */
const MAX_STALLS = 20;

/**
 * `npm run pii:rotate`: re-encrypts every stored ID number under the current PII_KEY, a page at a time by
 * the one equality `{piiKid: old}` (the declared index; each page re-encrypted leaves the match, so the
 * next page is the same query — no range, no unbounded read), then retires the old key ids and re-wraps the
 * index key. The blind index does not change, so search by ID number works throughout. Safe to run on a
 * live system and more than once; stopped half-way, it simply goes on next time.
 */
export async function rotatePii(deps: AppDeps, opts: { pageSize?: number; log?: (m: string) => void } = {}): Promise<RotationResult> {
  const log = opts.log ?? (() => undefined);
  const pageSize = opts.pageSize ?? 200;
  const { pending } = await checkPiiKeys(deps);
  // values of before `piiKid` existed are found by the month walk, not by the equality
  const legacy = await migrateLegacyPii(deps, log);
  const ring = keyringOf(deps);
  const indexKey = await piiIndexKey(deps);
  const { Complaint, PiiKey } = deps.models;
  let resealed = legacy.resealed;
  const retired: string[] = [];
  for (const kid of pending) {
    let stalls = 0;
    for (;;) {
      const page = (await Complaint.find({ piiKid: kid }, RESEAL_PROJECTION).limit(pageSize).lean()) as unknown as ResealInput[];
      if (!page.length) break;
      let progress = 0;
      for (const c of page) {
        const outcome = await resealComplaint(deps, c, ring, indexKey);
        if (outcome === 'resealed') progress++;
      }
      resealed += progress;
      log(`[pii] ${kid}: ${resealed} re-encrypted so far`);
      if (progress === 0) {
        if (++stalls > MAX_STALLS) throw new Error(`PII rotation stalled on key ${kid}: cases stay busy, run it again later`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await PiiKey.deleteOne({ _id: kidEntryId(kid) });
    retired.push(kid);
  }
  const index = (await PiiKey.findById('index').lean()) as PiiKeyEntry | null;
  let indexRewrapped = false;
  if (index?.wrapped && index.kid !== ring.current.kid) {
    const raw = decryptWithRing(ring, index.wrapped);
    const r = await PiiKey.updateOne({ _id: 'index', wrapped: index.wrapped }, { $set: { wrapped: encryptPii(ring.current, raw), kid: ring.current.kid } });
    indexRewrapped = r.modifiedCount === 1;
  }
  return { resealed, retired, indexRewrapped };
}
