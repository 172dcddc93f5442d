import type { AppDeps } from '../../deps.js';
import { recordAudit } from '../../services/audit.js';
import { revokeByToken } from './refresh-tokens.js';

/**
 * 退出登录: ends the session the refresh token belongs to (its access tokens die with it) and audits it
 * under the account's name. An unknown or already ended token changes nothing and is not an error.
 */
export async function logout(deps: AppDeps, refreshToken: string, ip: string): Promise<void> {
  const revoked = await revokeByToken(deps, refreshToken);
  if (!revoked) return;
  const user = await deps.models.StaffUser.findById(revoked.userId, { displayName: 1 }).lean();
  await recordAudit(deps, {
    actor: { kind: 'staff', id: revoked.userId, name: user?.displayName ?? '' },
    action: 'auth.logout',
    targetType: 'staff_user',
    targetId: revoked.userId,
    ip,
  });
}
