import { claimedAt, insertClaim, type ClaimModels } from './claims.js';

/**
 * "One process at a time does X" for work that is named by what it acts on (refresh the token fetched at
 * T, force a refresh in the 30-second window W): the first caller to insert the claim `<name>` does it,
 * everyone else does not. A holder that crashed leaves a claim older than `leaseMs`; then the next
 * generation `<name>~g<n>` is tried, which again exactly one concurrent caller gets (the same scheme as
 * versioned-write.ts). Claims carry `expiresAt`, so the housekeeping job deletes them later.
 */

const MAX_GENERATIONS = 5;
const RETENTION_MS = 24 * 3600_000;

export async function claimLease(models: ClaimModels, name: string, opts: { leaseMs: number; by?: string; now?: Date }): Promise<string | null> {
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + Math.max(RETENTION_MS, opts.leaseMs * 2));
  for (let generation = 0; generation < MAX_GENERATIONS; generation++) {
    const id = generation === 0 ? name : `${name}~g${generation}`;
    if (await insertClaim(models, id, { by: opts.by, expiresAt })) return id;
    const at = await claimedAt(models, id);
    // held and fresh: a live holder is at it. (Released in between: free again at the next call.)
    if (!at || Date.now() - at.getTime() < opts.leaseMs) return null;
  }
  return null;
}
