import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import { signAccessToken } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { createStaffSession, endAllStaffSessions, endStaffSession, staffSessionExists, touchStaffSession, type EndReason } from '../../services/staff-sessions.js';
import { accountLocks } from '../../services/keyed-mutex.js';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

type Deps = Pick<AppDeps, 'models' | 'now' | 'config'>;

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

const invalid = () => fail('invalid_refresh_token', [], '登录已失效，请重新登录');

/**
 * A new login session: the session record (its id is the refresh-token family and the tokens' `sid`),
 * an access token and the first refresh token of the family.
 */
export async function openStaffSession(deps: Deps, userId: string, tokenVersion: number, ip = ''): Promise<{ sid: string; token: string; refreshToken: string }> {
  const sid = await createStaffSession(deps, userId, { ip });
  const refreshToken = await issueRefreshToken(deps, userId, tokenVersion, sid);
  return { sid, token: signAccessToken(deps.config.JWT_SECRET, 'staff', userId, { tv: tokenVersion, sid }), refreshToken };
}

export type RotateResult =
  | { ok: true; userId: string; tokenVersion: number; refreshToken: string; sid: string }
  | { ok: false; reason: 'reused' | 'account_changed'; userId: string; familyId: string };

/**
 * Rotates a refresh token. Everything happens under the family's lock (FerretDB does not isolate
 * concurrent updates: see keyed-mutex.ts), so of two racing refreshes exactly one wins and a successor
 * is never issued into a family that is being revoked.
 *  - the family's session (sid = familyId) must be open and not idle, read from the database (no cache):
 *    an ended or idle session revokes the family and answers 401 session_ended / session_expired;
 *    a family from before sessions existed gets its session record now;
 *  - a usable token is marked used and a successor (same family) is issued, provided `currentTokenVersion`
 *    says the account still exists, is enabled and still has the token's tokenVersion;
 *  - a token that was already used means it was stolen or replayed: the whole family is revoked and its
 *    session ended, so the access tokens of the family stop working too.
 */
export async function rotateRefreshToken(
  deps: Deps,
  token: string,
  currentTokenVersion: (userId: string) => Promise<number | null>,
): Promise<RotateResult> {
  const id = hashRefreshToken(token);
  const found = await deps.models.RefreshToken.findById(id, { familyId: 1, userId: 1, used: 1, revoked: 1, expiresAt: 1 }).lean();
  if (!found || (!found.used && found.expiresAt.getTime() <= deps.now().getTime())) throw invalid();
  return accountLocks.run(`family:${found.familyId}`, async (): Promise<RotateResult> => {
    const { RefreshToken } = deps.models;
    const now = deps.now();
    const sid = found.familyId;
    if (!found.used && !found.revoked) {
      if (!(await staffSessionExists(deps, sid))) await createStaffSession(deps, found.userId, { sid }).catch(() => undefined);
      try {
        await touchStaffSession(deps, sid, found.userId, { fresh: true });
      } catch (err) {
        await RefreshToken.updateMany({ familyId: sid }, { $set: { revoked: true } });
        throw err;
      }
    }
    const claimed = await RefreshToken.findOneAndUpdate(
      { _id: id, used: false, revoked: false, expiresAt: { $gt: now } },
      { $set: { used: true, usedAt: now } },
      { returnDocument: 'after' },
    ).lean();
    if (!claimed) {
      const existing = await RefreshToken.findById(id).lean();
      if (!existing?.used) throw invalid(); // revoked or expired
      await RefreshToken.updateMany({ familyId: existing.familyId }, { $set: { revoked: true } });
      await endStaffSession(deps, existing.familyId, 'reuse');
      return { ok: false, reason: 'reused', userId: existing.userId, familyId: existing.familyId };
    }
    const tv = await currentTokenVersion(claimed.userId);
    if (tv === null || tv !== (claimed.tokenVersion ?? 0)) {
      await RefreshToken.updateMany({ familyId: claimed.familyId }, { $set: { revoked: true } });
      await endStaffSession(deps, claimed.familyId, 'account_changed');
      return { ok: false, reason: 'account_changed', userId: claimed.userId, familyId: claimed.familyId };
    }
    const refreshToken = await issueRefreshToken(deps, claimed.userId, tv, claimed.familyId);
    return { ok: true, userId: claimed.userId, tokenVersion: tv, refreshToken, sid: claimed.familyId };
  });
}

export async function revokeFamily(deps: Deps, familyId: string): Promise<void> {
  await accountLocks.run(`family:${familyId}`, async () => {
    await deps.models.RefreshToken.updateMany({ familyId }, { $set: { revoked: true } });
  });
}

/**
 * After a password change, reset or disable: no refresh token of the user may mint access tokens again,
 * and every session of the account ends (its access tokens stop working).
 */
export async function revokeAllForUser(deps: Deps, userId: string, reason: EndReason): Promise<void> {
  await deps.models.RefreshToken.updateMany({ userId, revoked: false }, { $set: { revoked: true } });
  await endAllStaffSessions(deps, userId, reason);
}

/** Logout: ends the session (the token's family). Unknown tokens are ignored, so logout is idempotent. */
export async function revokeByToken(deps: Deps, token: string): Promise<{ userId: string } | null> {
  const existing = await deps.models.RefreshToken.findById(hashRefreshToken(token)).lean();
  if (!existing) return null;
  await revokeFamily(deps, existing.familyId);
  await endStaffSession(deps, existing.familyId, 'logout');
  return { userId: existing.userId };
}

/** For a periodic job: drops tokens past expiry (FerretDB has no TTL indexes). Returns how many went. */
export async function purgeExpiredRefreshTokens(deps: Deps): Promise<number> {
  const res = await deps.models.RefreshToken.deleteMany({ expiresAt: { $lte: deps.now() } });
  return res.deletedCount ?? 0;
}
