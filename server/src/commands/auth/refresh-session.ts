import type { AppDeps } from '../../deps.js';
import { signAccessToken } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { recordAudit } from '../../services/audit.js';
import { rotateRefreshToken } from './refresh-tokens.js';

/**
 * 刷新令牌: rotates the refresh token of a live session of an enabled account. A token used twice ends
 * the whole session (someone else holds a copy) and is audited; any other failure is 401
 * invalid_refresh_token.
 */
export async function refreshSession(deps: AppDeps, refreshToken: string, ip: string): Promise<{ token: string; refreshToken: string }> {
  const r = await rotateRefreshToken(deps, refreshToken, async (userId) => {
    const user = await deps.models.StaffUser.findById(userId, { disabled: 1, tokenVersion: 1 }).lean();
    return !user || user.disabled ? null : (user.tokenVersion ?? 0);
  });
  if (!r.ok && r.reason === 'reused') {
    await recordAudit(deps, {
      actor: { kind: 'anonymous', id: '', name: '' },
      action: 'auth.refresh_reused',
      targetType: 'staff_user',
      targetId: r.userId,
      ip,
      details: { familyId: r.familyId },
    });
    throw fail('refresh_token_reused', [], '登录凭证已被重复使用，会话已失效，请重新登录');
  }
  if (!r.ok) throw fail('invalid_refresh_token', [], '登录已失效，请重新登录');
  return { token: signAccessToken(deps.config.JWT_SECRET, 'staff', r.userId, { tv: r.tokenVersion, sid: r.sid }), refreshToken: r.refreshToken };
}
