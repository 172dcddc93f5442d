import type { AppDeps } from '../../deps.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { keyringOf, noteKidInUse, piiIndexKey } from '../../services/pii-keys.js';
import { kidOf } from '../../domain/complaints/pii.js';
import { registeredMonth } from '../complaints/keys.js';
import { RESEAL_PROJECTION, resealComplaint, type ResealInput } from './reseal.js';

/**
 * One-time migration of the ID numbers stored before PII_KEY was separate from JWT_SECRET (their key was
 * derived from JWT_SECRET, or from an earlier optional PII_KEY, and their blind index from the same secret):
 * each is re-encrypted under PII_KEY, re-indexed with the index key and given `piiKid`, so later rotations
 * page by that one equality. Walks complaint_rows by month (the declared {month, registeredAt, _id} index,
 * keyset pages), newest first, back until 24 months in a row hold no case — the open311 backfill's walk.
 * Boot awaits it before serving (search by ID number must not miss a case meanwhile); a stamp marks it
 * done, an interrupted run starts again (every step is conditional and idempotent).
 */

const STAMP = 'pii_keys';
const STAMP_VERSION = '1';
const PAGE = 200;
const EMPTY_MONTHS_TO_STOP = 24;

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function migrateLegacyPii(deps: AppDeps, log: (m: string) => void = () => undefined): Promise<{ resealed: number; unfinished: number; skipped: boolean }> {
  const { SeedStamp, ComplaintRow, Complaint } = deps.models;
  const stamp = await SeedStamp.findById(STAMP).lean();
  if (stamp?.version === STAMP_VERSION) return { resealed: 0, unfinished: 0, skipped: true };
  const ring = keyringOf(deps);
  const indexKey = await piiIndexKey(deps);
  const seenKids = new Set<string>([ring.current.kid]);
  let resealed = 0;
  let unfinished = 0;
  let empty = 0;
  for (let month = registeredMonth(deps.now()); empty < EMPTY_MONTHS_TO_STOP; month = previousMonth(month)) {
    let any = false;
    let before: Date | null = null;
    let atBoundary = new Set<string>();
    for (;;) {
      const page: { _id: unknown; registeredAt: Date }[] = await ComplaintRow.find({ month, ...(before ? { registeredAt: { $lte: before } } : {}) }, { _id: 1, registeredAt: 1 })
        .sort({ registeredAt: -1, _id: -1 })
        .limit(PAGE)
        .lean();
      const rows = page.filter((r) => !atBoundary.has(String(r._id)));
      if (!rows.length) break;
      any = true;
      for (const r of rows) {
        for (let attempt = 0; attempt < 5; attempt++) {
          const c = (await Complaint.findById(r._id, RESEAL_PROJECTION).lean()) as ResealInput | null;
          if (!c) break;
          const kid = kidOf(c.petitioner.idNumberEnc);
          // registered before anything is rewritten: an interrupted run leaves no value under an unregistered key
          if (kid && !seenKids.has(kid)) {
            await noteKidInUse(deps, kid);
            seenKids.add(kid);
          }
          const outcome = await resealComplaint(deps, c as ComplaintRecord, ring, indexKey);
          if (outcome === 'resealed') resealed++;
          if (outcome !== 'raced') break;
          // a writer holds the case's next version: it is done within a request, try again shortly
          if (attempt === 4) unfinished++;
          else await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        }
      }
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!.registeredAt.getTime();
      if (!before || before.getTime() !== last) atBoundary = new Set();
      for (const r of page) if (r.registeredAt.getTime() === last) atBoundary.add(String(r._id));
      before = new Date(last);
    }
    empty = any ? 0 : empty + 1;
  }
  // a case another writer kept busy is done by the next start (or `npm run pii:rotate`): no stamp yet
  if (!unfinished) await SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: STAMP_VERSION, count: resealed }, { upsert: true });
  if (resealed || unfinished) log(`[pii] ${resealed} 个身份证号已迁移到 PII_KEY (re-encrypted under PII_KEY, re-indexed)${unfinished ? `; ${unfinished} 个稍后重试` : ''}`);
  return { resealed, unfinished, skipped: false };
}
