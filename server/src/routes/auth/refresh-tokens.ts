import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import { unauthorized } from '../../http/errors.js';
import { accountLocks } from './keyed-mutex.js';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

type Deps = Pick<AppDeps, 'models' | 'now'>;

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates and stores (hashed) a new refresh token; a new family unless continuing a rotation. */
export async function issueRefreshToken(deps: Deps, userId: string, tokenVersion: number, familyId: string = randomUUID()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await deps.models.RefreshToken.create({
    _id: hashRefreshToken(token),
    userId,
    familyId,
    tokenVersion,
    expiresAt: new Date(deps.now().getTime() + REFRESH_TOKEN_TTL_MS),
    used: false,
    revoked: false,
  });
  return token;
}

const invalid = () => unauthorized('登录已失效，请重新登录', 'invalid_refresh_token');

export type RotateResult =
  | { ok: true; userId: string; tokenVersion: number; refreshToken: string }
  | { ok: false; reason: 'reused' | 'account_changed'; userId: string; familyId: string };

/**
 * Rotates a refresh token. Everything happens under the family's lock (FerretDB does not isolate
 * concurrent updates: see keyed-mutex.ts), so of two racing refreshes exactly one wins and a successor
 * is never issued into a family that is being revoked.
 *  - a usable token is marked used and a successor (same family) is issued, provided `currentTokenVersion`
 *    says the account still exists, is enabled and still has the token's tokenVersion;
 *  - a token that was already used means it was stolen or replayed: the whole family is revoked.
 */
export async function rotateRefreshToken(
  deps: Deps,
  token: string,
  currentTokenVersion: (userId: string) => Promise<number | null>,
): Promise<RotateResult> {
  const id = hashRefreshToken(token);
  const found = await deps.models.RefreshToken.findById(id, { familyId: 1 }).lean();
  if (!found) throw invalid();
  return accountLocks.run(`family:${found.familyId}`, async (): Promise<RotateResult> => {
    const { RefreshToken } = deps.models;
    const now = deps.now();
    const claimed = await RefreshToken.findOneAndUpdate(
      { _id: id, used: false, revoked: false, expiresAt: { $gt: now } },
      { $set: { used: true, usedAt: now } },
      { returnDocument: 'after' },
    ).lean();
    if (!claimed) {
      const existing = await RefreshToken.findById(id).lean();
      if (!existing?.used) throw invalid(); // revoked or expired
      await RefreshToken.updateMany({ familyId: existing.familyId }, { $set: { revoked: true } });
      return { ok: false, reason: 'reused', userId: existing.userId, familyId: existing.familyId };
    }
    const tv = await currentTokenVersion(claimed.userId);
    if (tv === null || tv !== (claimed.tokenVersion ?? 0)) {
      await RefreshToken.updateMany({ familyId: claimed.familyId }, { $set: { revoked: true } });
      return { ok: false, reason: 'account_changed', userId: claimed.userId, familyId: claimed.familyId };
    }
    const refreshToken = await issueRefreshToken(deps, claimed.userId, tv, claimed.familyId);
    return { ok: true, userId: claimed.userId, tokenVersion: tv, refreshToken };
  });
}

export async function revokeFamily(deps: Deps, familyId: string): Promise<void> {
  await accountLocks.run(`family:${familyId}`, async () => {
    await deps.models.RefreshToken.updateMany({ familyId }, { $set: { revoked: true } });
  });
}

/** After a password change, reset or disable: no refresh token of the user may mint access tokens again. */
export async function revokeAllForUser(deps: Deps, userId: string): Promise<void> {
  await deps.models.RefreshToken.updateMany({ userId, revoked: false }, { $set: { revoked: true } });
}

/** Logout: revokes the session (the token's family). Unknown tokens are ignored, so logout is idempotent. */
export async function revokeByToken(deps: Deps, token: string): Promise<{ userId: string } | null> {
  const existing = await deps.models.RefreshToken.findById(hashRefreshToken(token)).lean();
  if (!existing) return null;
  await revokeFamily(deps, existing.familyId);
  return { userId: existing.userId };
}

/** For a periodic job: drops tokens past expiry (FerretDB has no TTL indexes). Returns how many went. */
export async function purgeExpiredRefreshTokens(deps: Deps): Promise<number> {
  const res = await deps.models.RefreshToken.deleteMany({ expiresAt: { $lte: deps.now() } });
  return res.deletedCount ?? 0;
}
