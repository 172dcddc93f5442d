import { hash, verify } from '@node-rs/argon2';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { ARGON2_OPTIONS } from '../../seed/initial-admin.js';
import { recordAudit, type AuditActor } from '../../services/audit.js';
import { accountLocks } from '../../services/keyed-mutex.js';
import { checkDistributedFailures, clearPairFailures, pairLockedUntil, recordLoginFailure, accountKey } from './login-throttle.js';
import { openStaffSession } from './refresh-tokens.js';

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

const invalidCredentials = () => fail('invalid_credentials');
const locked = (until: Date, minutes: number) =>
  fail('account_locked', [
    { message: `锁定至 ${until.toISOString()}`, lockedUntil: until.toISOString() },
  ], `登录失败次数过多，已临时锁定，请 ${minutes} 分钟后再试`);

type StaffUserRecord = NonNullable<Awaited<ReturnType<typeof findByUsername>>>;

function findByUsername(deps: AppDeps, username: string) {
  return deps.models.StaffUser.findOne({ username }).lean();
}

export interface LoginResult {
  token: string;
  refreshToken: string;
  user: StaffUserRecord;
}

/**
 * Staff username/password login. Unknown names and real ones go through the same steps — the (account,
 * IP) lock check, one argon2 verification (a dummy hash for unknown names), a failure record — so status,
 * code, message and timing do not tell them apart (login-throttle.ts). Attempts of one pair run one at a
 * time in this process, so "the 5th failure locks" is exact here; across processes the failure documents
 * are shared, and two processes may both report the lock (it is audited by each).
 */
export async function staffLogin(deps: AppDeps, input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  return accountLocks.run(`login:${accountKey(input.username)}|${input.ip}`, () => staffLoginLocked(deps, input));
}

async function staffLoginLocked(deps: AppDeps, input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  const minutes = deps.config.LOGIN_LOCK_MINUTES;
  const user = await findByUsername(deps, input.username);
  const userId = user ? String(user._id) : '';
  const actor: AuditActor = user ? { kind: 'staff', id: userId, name: user.displayName } : { kind: 'anonymous', id: '', name: input.username };
  const audit = (action: string, details?: Record<string, unknown>) =>
    recordAudit(deps, { actor, action, targetType: 'staff_user', targetId: userId, ip: input.ip, ...(details ? { details } : {}) });

  const until = await pairLockedUntil(deps, input.username, input.ip);
  if (until) {
    await audit('auth.login_locked', { lockedUntil: until.toISOString(), ...(user ? {} : { username: input.username }) });
    throw locked(until, minutes);
  }
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await dummyVerify(input.password), false);
  if (!ok) {
    const lockedNow = await recordLoginFailure(deps, input.username, input.ip);
    await audit('auth.login_failed', user ? { reason: 'bad_password' } : { username: input.username, reason: 'unknown_user' });
    // shown to administrators (users list) so they can unlock; the lock itself is the pair's failures
    if (user && lockedNow) await deps.models.StaffUser.updateOne({ _id: user._id }, { $set: { lockedUntil: lockedNow } });
    await checkDistributedFailures(deps, input.username, user ? { id: userId, username: user.username, displayName: user.displayName } : null, input.ip);
    if (lockedNow) {
      await audit('auth.account_locked', { lockedUntil: lockedNow.toISOString(), ...(user ? {} : { username: input.username }) });
      throw locked(lockedNow, minutes); // the locking attempt already says so, with the unlock time
    }
    throw invalidCredentials();
  }
  // checked only after the password: a guesser cannot learn that an account exists but is disabled
  if (user!.disabled) {
    await audit('auth.login_failed', { reason: 'disabled' });
    throw fail('account_disabled', [], '账号已停用，请联系管理员');
  }
  const now = deps.now();
  await clearPairFailures(deps, input.username, input.ip);
  await accountLocks.run(userId, () => deps.models.StaffUser.updateOne({ _id: user!._id }, { $set: { lastLoginAt: now } }));
  const session = await openStaffSession(deps, userId, user!.tokenVersion ?? 0, input.ip);
  await audit('auth.login');
  return { token: session.token, refreshToken: session.refreshToken, user: user! };
}
