import { hash, verify } from '@node-rs/argon2';
import type { StaffMe } from '@cgt/shared/schemas/auth';
import type { AppDeps } from '../../deps.js';
import { signAccessToken } from '../../http/auth.js';
import { AppError, unauthorized } from '../../http/errors.js';
import { ARGON2_OPTIONS } from '../../seed/initial-admin.js';
import { recordAudit, type AuditActor } from '../../services/audit.js';
import { presentStaffMe } from './presenters.js';
import { accountLocks } from './keyed-mutex.js';
import { issueRefreshToken } from './refresh-tokens.js';

export const MAX_FAILED_LOGINS = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

let dummyHash: Promise<string> | undefined;
/** Verifying against a throwaway hash for unknown usernames keeps response times alike (no user enumeration). */
async function dummyVerify(password: string): Promise<void> {
  dummyHash ??= hash('not-a-real-password-0000', ARGON2_OPTIONS);
  await verify(await dummyHash, password).catch(() => false);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // malformed stored hash: treat as a wrong password, never a 500 that reveals the account
  }
}

const invalidCredentials = () => unauthorized('用户名或密码错误', 'invalid_credentials');
const locked = (until: Date) =>
  new AppError(423, 'account_locked', '登录失败次数过多，账号已临时锁定，请 15 分钟后再试', [
    { message: `账号锁定至 ${until.toISOString()}`, lockedUntil: until.toISOString() },
  ]);

/**
 * Records one failed attempt with single-document atomic updates (no transactions, no retry loop), under
 * the per-account lock (FerretDB does not isolate concurrent updates, see keyed-mutex.ts):
 *  1. open a fresh window if none is open (the filter only matches an absent or expired window, so of
 *     two racing failures only one resets it);
 *  2. $inc the counter and read the result;
 *  3. at 5 or more, lock — conditional on the counter, so concurrent lockers set it once.
 * Reports the lock end when the account is now locked.
 */
async function registerFailure(deps: Pick<AppDeps, 'models'>, userId: unknown, now: Date): Promise<FailureOutcome> {
  return accountLocks.run(String(userId), () => registerFailureLocked(deps, userId, now));
}

interface FailureOutcome {
  /** set when the account is locked now */
  lockedUntil: Date | null;
  /** true only for the attempt that set the lock (it gets the audit entry) */
  justLocked: boolean;
}

async function registerFailureLocked(deps: Pick<AppDeps, 'models'>, userId: unknown, now: Date): Promise<FailureOutcome> {
  const { StaffUser } = deps.models;
  // an attempt that raced past the lock check while another one locked the account: same answer, no count
  const current = await StaffUser.findById(userId, { lockedUntil: 1 }).lean();
  if (current?.lockedUntil && current.lockedUntil.getTime() > now.getTime()) return { lockedUntil: current.lockedUntil, justLocked: false };
  const windowFloor = new Date(now.getTime() - FAILURE_WINDOW_MS);
  await StaffUser.updateOne(
    { _id: userId, $or: [{ failedWindowStart: { $exists: false } }, { failedWindowStart: null }, { failedWindowStart: { $lte: windowFloor } }] },
    { $set: { failedCount: 0, failedWindowStart: now } },
  );
  const counted = await StaffUser.findOneAndUpdate({ _id: userId }, { $inc: { failedCount: 1 } }, { returnDocument: 'after' }).lean();
  if (!counted || (counted.failedCount ?? 0) < MAX_FAILED_LOGINS) return { lockedUntil: null, justLocked: false };
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  const locked = await StaffUser.findOneAndUpdate(
    { _id: userId, failedCount: { $gte: MAX_FAILED_LOGINS } },
    { $set: { lockedUntil, failedCount: 0, failedWindowStart: null } },
    { returnDocument: 'after' },
  ).lean();
  return { lockedUntil: locked?.lockedUntil ?? lockedUntil, justLocked: true };
}

export interface LoginResult {
  token: string;
  refreshToken: string;
  user: StaffMe;
}

/** Staff username/password login with lockout, timing-safe unknown users and audit entries for every outcome. */
export async function staffLogin(deps: AppDeps, input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  const now = deps.now();
  const user = await deps.models.StaffUser.findOne({ username: input.username }).lean();
  const anon: AuditActor = { kind: 'anonymous', id: '', name: input.username };
  if (!user) {
    await dummyVerify(input.password);
    await recordAudit(deps, { actor: anon, action: 'auth.login_failed', targetType: 'staff_user', targetId: '', ip: input.ip, details: { username: input.username, reason: 'unknown_user' } });
    throw invalidCredentials();
  }
  const userId = String(user._id);
  const actor: AuditActor = { kind: 'staff', id: userId, name: user.displayName };
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await recordAudit(deps, { actor, action: 'auth.login_locked', targetType: 'staff_user', targetId: userId, ip: input.ip, details: { lockedUntil: user.lockedUntil.toISOString() } });
    throw locked(user.lockedUntil);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const { lockedUntil, justLocked } = await registerFailure(deps, user._id, now);
    await recordAudit(deps, { actor, action: 'auth.login_failed', targetType: 'staff_user', targetId: userId, ip: input.ip, details: { reason: 'bad_password' } });
    if (lockedUntil) {
      if (justLocked) await recordAudit(deps, { actor, action: 'auth.account_locked', targetType: 'staff_user', targetId: userId, ip: input.ip, details: { lockedUntil: lockedUntil.toISOString() } });
      throw locked(lockedUntil); // the locking attempt already says so, with the unlock time
    }
    throw invalidCredentials();
  }
  // checked only after the password: a guesser cannot learn that an account exists but is disabled
  if (user.disabled) {
    await recordAudit(deps, { actor, action: 'auth.login_failed', targetType: 'staff_user', targetId: userId, ip: input.ip, details: { reason: 'disabled' } });
    throw new AppError(403, 'account_disabled', '账号已停用，请联系管理员');
  }
  await accountLocks.run(userId, () =>
    deps.models.StaffUser.updateOne(
      { _id: user._id },
      { $set: { failedCount: 0, failedWindowStart: null, lastLoginAt: now }, $unset: { lockedUntil: 1 } },
    ),
  );
  const tv = user.tokenVersion ?? 0;
  const token = signAccessToken(deps.config.JWT_SECRET, 'staff', userId, { tv });
  const refreshToken = await issueRefreshToken(deps, userId, tv);
  await recordAudit(deps, { actor, action: 'auth.login', targetType: 'staff_user', targetId: userId, ip: input.ip });
  return { token, refreshToken, user: presentStaffMe(user) };
}
