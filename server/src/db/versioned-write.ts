import type { Model, Types } from 'mongoose';
import { claimedAt, insertClaim, releaseClaim, type ClaimModels } from './claims.js';

/**
 * The one way a versioned document (ticket, 信访 complaint, idempotency record, …) changes.
 *
 * FerretDB does not make `findOneAndUpdate({_id, version: v})` a compare-and-set: several concurrent
 * writers all match and all write (measured: 8 writers, several winners, on SQLite and PostgreSQL). So a
 * writer first claims version v+1 by inserting `<kind>:<id>@<v+1>` into the claims collection (the
 * unique _id lets exactly one in), and only the winner runs the single-document update — still filtered
 * on the version, which is what makes it atomic on MongoDB too.
 *
 * After the update the claim is KEPT: a writer whose read was a moment stale must still find v+1 taken.
 * It is released only when nothing was written (a guard did not hold, or the update failed), so the next
 * writer need not wait. A claim whose writer crashed between claiming and writing would block the
 * version forever; once it is older than the lease, the next "generation" claim `<kind>:<id>~g<n>@<v+1>`
 * is tried instead — again exactly one concurrent caller gets it. The housekeeping job deletes claims
 * after the retention period.
 */

/** A claim older than this belongs to a crashed writer: requests finish in well under a second. */
export const VERSION_CLAIM_LEASE_MS = 30_000;
/** Claims matter only while writers race; a day later they are clutter (housekeeping deletes them). */
export const VERSION_CLAIM_RETENTION_MS = 24 * 3600_000;
/** How many crashed writers in a row one version survives before callers give up (409). */
const MAX_CLAIM_GENERATIONS = 5;

/** The claim that grants the move from `version` to `version + 1` (generation 0 unless a writer crashed). */
export function versionClaimId(kind: string, id: string, version: number, generation = 0): string {
  const target = generation === 0 ? `${kind}:${id}` : `${kind}:${id}~g${generation}`;
  return `${target}@${version + 1}`;
}

/**
 * What a versioned write may change. The kernel sets `version` itself; there is no `$inc` on purpose:
 * FerretDB loses concurrent increments, so a count is computed from the document read and `$set`.
 */
export interface VersionedUpdate {
  $set?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
  $push?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
}

export interface VersionedWrite {
  /** the claim namespace: 'ticket', 'complaint', … */
  kind: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model whose documents carry `version`
  model: Model<any>;
  id: string | Types.ObjectId;
  /** the version the caller read and decided on */
  version: number;
  /** further conditions the document must still meet, e.g. {status: 'submitted'} or {satisfaction: null} */
  guard?: Record<string, unknown>;
  update: VersionedUpdate;
  /** who writes, kept on the claim for diagnosis */
  by?: string;
}

/**
 * Claims `w.version + 1` and applies the update. Returns the document after the write, or null when
 * another writer holds or took the version, or when the guard did not hold. The caller tells 404 from
 * 409 by reading the document again.
 */
export async function versionedWrite<T>(models: ClaimModels, w: VersionedWrite): Promise<T | null> {
  const claim = await claimVersion(models, w);
  if (!claim) return null;
  let updated: T | null;
  try {
    updated = (await w.model
      .findOneAndUpdate(
        { ...w.guard, _id: w.id, version: w.version },
        { ...w.update, $set: { ...w.update.$set, version: w.version + 1 } },
        // timestamps off: callers set updatedAt from their injectable clock (deps.now())
        { returnDocument: 'after', timestamps: false },
      )
      .lean()) as T | null;
  } catch (err) {
    // nothing written: free the version for the next writer instead of making it wait out the lease
    await releaseClaim(models, claim).catch(() => undefined);
    throw err;
  }
  if (!updated && (await w.model.exists({ _id: w.id, version: w.version }))) {
    // a guard did not hold and the version did not move: the next writer may have it at once
    await releaseClaim(models, claim);
  }
  return updated;
}

/** Wins the claim for `w.version + 1`, taking over from a crashed writer after the lease; null = taken. */
async function claimVersion(models: ClaimModels, w: VersionedWrite): Promise<string | null> {
  const id = String(w.id);
  const expiresAt = new Date(Date.now() + VERSION_CLAIM_RETENTION_MS);
  let generation = 0;
  // a released claim is retried at the same generation, so bound the attempts as well as the generations
  for (let attempt = 0; attempt < 2 * MAX_CLAIM_GENERATIONS && generation < MAX_CLAIM_GENERATIONS; attempt++) {
    const claim = versionClaimId(w.kind, id, w.version, generation);
    if (await insertClaim(models, claim, { by: w.by, expiresAt })) return claim;
    const at = await claimedAt(models, claim);
    // held and fresh: a live concurrent writer has this version
    if (at && Date.now() - at.getTime() < VERSION_CLAIM_LEASE_MS) return null;
    // released (its writer wrote nothing) or stale (its writer crashed): go on only while the document
    // is still at the version — if it moved, the holder did write and the caller's read is stale
    if (!(await w.model.exists({ _id: w.id, version: w.version }))) return null;
    if (at) generation++;
  }
  return null;
}
