import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { StaffMe } from '@cgt/shared/schemas/auth';
import type { AppDeps } from '../../deps.js';
import { signAccessToken } from '../../http/auth.js';
import { AppError, unauthorized } from '../../http/errors.js';
import { ARGON2_OPTIONS } from '../../seed/initial-admin.js';
import { recordAudit, type AuditActor } from '../../services/audit.js';
import { presentStaffMe } from './presenters.js';
import { accountLocks } from './keyed-mutex.js';
import { nextSequence } from '../../db/sequence.js';
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
 * Records one failed attempt, under the per-account lock (FerretDB does not isolate concurrent updates,
 * see keyed-mutex.ts):
 *  1. open a fresh window if none is open (the filter only matches an absent or expired window);
 *  2. number the failure within that window with the kernel's sequence (db/sequence.ts): the unique claim
 *     makes the count exact even across instances, where `$inc` would lose failures on FerretDB;
 *  3. the 5th failure locks; exactly one attempt is the 5th, so the lock is audited once.
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
    // a fresh key per window: two windows may open within one millisecond (a success resets the window)
    { $set: { failedCount: 0, failedWindowStart: now, failedWindowKey: randomUUID() } },
  );
  const window = await StaffUser.findById(userId, { failedWindowStart: 1, failedWindowKey: 1 }).lean();
  const windowStart = window?.failedWindowStart ?? now;
  const failure = await nextSequence(deps.models, `login-failures:${String(userId)}:${window?.failedWindowKey ?? windowStart.getTime()}`, {
    // the numbers matter only while the window and a lock that follows it last
    expiresAt: new Date(windowStart.getTime() + FAILURE_WINDOW_MS + LOCK_MS),
  });
  if (failure < MAX_FAILED_LOGINS) {
    // shown to nobody; kept so the account document tells how many failures its window holds
    await StaffUser.updateOne({ _id: userId, failedWindowStart: windowStart }, { $set: { failedCount: failure } });
    return { lockedUntil: null, justLocked: false };
  }
  if (failure > MAX_FAILED_LOGINS) {
    // the 5th failure locks (or is locking) the account: the same answer, no second lock
    const lock = (await StaffUser.findById(userId, { lockedUntil: 1 }).lean())?.lockedUntil;
    return { lockedUntil: lock && lock.getTime() > now.getTime() ? lock : new Date(now.getTime() + LOCK_MS), justLocked: false };
  }
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  await StaffUser.updateOne({ _id: userId }, { $set: { lockedUntil, failedCount: 0, failedWindowStart: null } });
  return { lockedUntil, justLocked: true };
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
