import type { Models } from '../models/index.js';

/**
 * The one compare-and-set this server relies on: inserting a document whose _id is already taken fails,
 * atomically, on MongoDB and on FerretDB (SQLite and PostgreSQL) alike. Conditional updates are not
 * atomic on FerretDB and `$inc` loses increments there, so versioned writes (versioned-write.ts),
 * sequence numbers (sequence.ts) and idempotency keys (idempotency.ts) all decide by such an insert.
 */

const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY;
}

/** Swallows the duplicate-key error of an insert that a concurrent twin already made. */
export function ignoreDuplicateKey(err: unknown): void {
  if (!isDuplicateKey(err)) throw err;
}

export type ClaimModels = Pick<Models, 'Claim'>;

/** Inserts claim `id`; true for the one caller that got it, false for everyone after. */
export async function insertClaim(models: ClaimModels, id: string, opts: { by?: string; expiresAt?: Date } = {}): Promise<boolean> {
  try {
    await models.Claim.create({ _id: id, at: new Date(), ...opts });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** When claim `id` was made, or null when nobody holds it. */
export async function claimedAt(models: ClaimModels, id: string): Promise<Date | null> {
  const held = await models.Claim.findById(id, { at: 1 }).lean();
  return held ? held.at : null;
}

/** Gives claim `id` up so the next caller can win it (its holder wrote nothing). */
export async function releaseClaim(models: ClaimModels, id: string): Promise<void> {
  await models.Claim.deleteOne({ _id: id });
}
