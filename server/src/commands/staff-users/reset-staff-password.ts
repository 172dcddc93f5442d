import type { AppDeps } from '../../deps.js';
import { freshStamp } from '../../db/snapshot.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { accountLocks } from '../../services/keyed-mutex.js';
import { generatePassword, hashWithHistory, passwordPolicyOf } from '../../services/password-policy.js';
import { clearAccountFailures } from '../auth/login-throttle.js';
import { revokeAllForUser } from '../auth/refresh-tokens.js';
import { auditStaffUser, findStaffUser } from './common.js';

/**
 * 重置密码 (admins): a generated password (returned once, never audited), mustChangePassword, a fresh
 * token stamp and every session ended; the lock and the failure records are cleared.
 */
export async function resetStaffPassword(deps: AppDeps, by: StaffPrincipal, id: string, ip: string): Promise<{ password: string }> {
  const user = await findStaffUser(deps, id);
  const policy = passwordPolicyOf(deps.config);
  const password = generatePassword(policy, user.username);
  const hashed = await hashWithHistory(policy, password, user.passwordHistory);
  await accountLocks.run(String(user._id), () =>
    deps.models.StaffUser.updateOne(
      { _id: user._id },
      { $set: { ...hashed, mustChangePassword: true, tokenVersion: freshStamp(), passwordChangedAt: deps.now() }, $unset: { lockedUntil: 1 } },
    ),
  );
  await clearAccountFailures(deps, user.username);
  await revokeAllForUser(deps, String(user._id), 'reset');
  await auditStaffUser(deps, by, ip, 'user.reset_password', String(user._id));
  return { password };
}
