import type { ChangePasswordRequest } from '@cgt/shared/schemas/auth';
import type { AppDeps } from '../../deps.js';
import { freshStamp } from '../../db/snapshot.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { recordAudit } from '../../services/audit.js';
import { accountLocks } from '../../services/keyed-mutex.js';
import { assertNotRecentlyUsed, assertPasswordAcceptable, hashWithHistory, passwordPolicyOf } from '../../services/password-policy.js';
import { openStaffSession, revokeAllForUser } from './refresh-tokens.js';
import { verifyPassword } from './staff-login.js';

/**
 * 修改本人密码: the old password must be right (422 wrong_password), the new one must pass the policy, differ
 * from the old and from the recent ones (400). Every session of the account ends (fresh token stamp) and a
 * new one is opened for the caller.
 */
export async function changePassword(
  deps: AppDeps,
  me: StaffPrincipal,
  body: ChangePasswordRequest,
  ip: string,
): Promise<{ token: string; refreshToken: string }> {
  const policy = passwordPolicyOf(deps.config);
  const user = await deps.models.StaffUser.findById(me.userId).lean();
  if (!user) throw fail('token_revoked');
  if (!(await verifyPassword(user.passwordHash, body.oldPassword))) {
    throw fail('wrong_password', [{ field: 'oldPassword', message: '原密码不正确' }]);
  }
  assertPasswordAcceptable(policy, body.newPassword, user.username, 'newPassword');
  if (body.newPassword === body.oldPassword) {
    throw fail('password_reused', [{ field: 'newPassword', message: '新密码不能与原密码相同' }], '新密码不能与原密码相同');
  }
  await assertNotRecentlyUsed(policy, user, body.newPassword, 'newPassword');
  const { passwordHash, passwordHistory } = await hashWithHistory(policy, body.newPassword, user.passwordHistory);
  const updated = await accountLocks.run(me.userId, () =>
    deps.models.StaffUser.findOneAndUpdate(
      { _id: user._id },
      { $set: { passwordHash, passwordHistory, mustChangePassword: false, tokenVersion: freshStamp(), passwordChangedAt: deps.now() } },
      { returnDocument: 'after' },
    ).lean(),
  );
  if (!updated) throw fail('token_revoked');
  await revokeAllForUser(deps, me.userId, 'password_change');
  await recordAudit(deps, { actor: { kind: 'staff', id: me.userId, name: me.displayName }, action: 'auth.password_change', targetType: 'staff_user', targetId: me.userId, ip });
  const session = await openStaffSession(deps, me.userId, updated.tokenVersion ?? 0, ip);
  return { token: session.token, refreshToken: session.refreshToken };
}
