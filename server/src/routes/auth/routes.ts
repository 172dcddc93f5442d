import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { hash } from '@node-rs/argon2';
import {
  ChangePasswordRequest,
  CitizenLoginResponse,
  DemoLoginRequest,
  RefreshRequest,
  RefreshResponse,
  StaffLoginRequest,
  StaffLoginResponse,
  StaffMe,
  WechatLoginRequest,
} from '@cgt/shared/schemas/auth';
import type { AppDeps } from '../../deps.js';
import { signAccessToken, type StaffPrincipal } from '../../http/auth.js';
import { notFound, unauthorized, unprocessable } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { ARGON2_OPTIONS } from '../../seed/initial-admin.js';
import { actorOf, ipOf, recordAudit } from '../../services/audit.js';
import { code2Session, oauth2AccessToken } from '../../integrations/wechat/client.js';
import { citizenSession } from './citizen-login.js';
import { admitDemoLogin } from '../../services/abuse-limits.js';
import { freshStamp } from '../../db/snapshot.js';
import { accountLocks } from './keyed-mutex.js';
import { presentStaffMe } from './presenters.js';
import { WindowRateLimiter } from './rate-limit.js';
import { issueRefreshToken, revokeAllForUser, revokeByToken, rotateRefreshToken } from './refresh-tokens.js';
import { staffLogin, verifyPassword } from './staff-login.js';

const TAGS = ['认证'];
const LOGIN_WINDOW_MS = 10 * 60 * 1000;

export function registerAuthRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  const loginLimiter = new WindowRateLimiter(deps.config.LOGIN_RATE_LIMIT, LOGIN_WINDOW_MS, () => deps.now());

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/wechat',
    summary: '小程序登录（wx.login code → openid）',
    tags: TAGS,
    auth: 'none',
    body: WechatLoginRequest,
    responses: { 200: { description: '登录成功（市民令牌）', schema: CitizenLoginResponse } },
    handler: async (_ctx, { body, deps }) => citizenSession(deps, await code2Session(deps.config, body.code), 'weapp'),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/wechat-h5',
    summary: '微信内 H5 登录（网页授权 code → openid）',
    tags: TAGS,
    auth: 'none',
    body: WechatLoginRequest,
    responses: { 200: { description: '登录成功（市民令牌）', schema: CitizenLoginResponse } },
    handler: async (_ctx, { body, deps }) => citizenSession(deps, await oauth2AccessToken(deps.config, body.code), 'h5'),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/demo',
    summary: '演示登录（仅 DEMO_LOGIN=1 时可用）',
    tags: TAGS,
    auth: 'none',
    body: DemoLoginRequest,
    responses: { 200: { description: '登录成功（市民令牌）', schema: CitizenLoginResponse } },
    handler: async (ctx, { body, deps }) => {
      if (!deps.config.DEMO_LOGIN) throw notFound('接口不存在');
      await admitDemoLogin(deps, ipOf(ctx));
      return citizenSession(deps, { openid: `demo:${body.nickname}`, nickname: body.nickname }, 'demo');
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: '工作人员登录（5 次失败锁定 15 分钟）',
    tags: TAGS,
    auth: 'none',
    body: StaffLoginRequest,
    responses: {
      200: { description: '登录成功', schema: StaffLoginResponse },
      401: { description: 'invalid_credentials' },
      403: { description: 'account_disabled' },
      423: { description: 'account_locked，details[0].lockedUntil' },
      429: { description: 'rate_limited' },
    },
    handler: async (ctx, { body, deps }) => {
      const ip = ipOf(ctx);
      loginLimiter.consume(`${ip}|${body.username.toLowerCase()}`);
      return staffLogin(deps, { username: body.username, password: body.password, ip });
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: '刷新令牌（轮换；重复使用旧令牌将吊销整个会话）',
    tags: TAGS,
    auth: 'none',
    body: RefreshRequest,
    responses: { 200: { description: '新的访问令牌与刷新令牌', schema: RefreshResponse }, 401: { description: 'invalid_refresh_token / refresh_token_reused' } },
    handler: async (ctx, { body, deps }) => {
      const r = await rotateRefreshToken(deps, body.refreshToken, async (userId) => {
        const user = await deps.models.StaffUser.findById(userId, { disabled: 1, tokenVersion: 1 }).lean();
        return !user || user.disabled ? null : (user.tokenVersion ?? 0);
      });
      if (!r.ok && r.reason === 'reused') {
        await recordAudit(deps, { actor: { kind: 'anonymous', id: '', name: '' }, action: 'auth.refresh_reused', targetType: 'staff_user', targetId: r.userId, ip: ipOf(ctx), details: { familyId: r.familyId } });
        throw unauthorized('登录凭证已被重复使用，会话已失效，请重新登录', 'refresh_token_reused');
      }
      if (!r.ok) throw unauthorized('登录已失效，请重新登录', 'invalid_refresh_token');
      return { token: signAccessToken(deps.config.JWT_SECRET, 'staff', r.userId, { tv: r.tokenVersion }), refreshToken: r.refreshToken };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: '退出登录（吊销刷新令牌所在会话）',
    tags: TAGS,
    auth: 'none',
    body: RefreshRequest,
    responses: { 204: { description: '已退出' } },
    handler: async (ctx, { body, deps }) => {
      const revoked = await revokeByToken(deps, body.refreshToken);
      if (revoked) {
        const user = await deps.models.StaffUser.findById(revoked.userId).lean();
        await recordAudit(deps, { actor: { kind: 'staff', id: revoked.userId, name: user?.displayName ?? '' }, action: 'auth.logout', targetType: 'staff_user', targetId: revoked.userId, ip: ipOf(ctx) });
      }
      ctx.status = 204;
      return undefined;
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/auth/me',
    summary: '当前工作人员',
    tags: TAGS,
    auth: 'staff',
    responses: { 200: { description: '当前账号', schema: StaffMe } },
    handler: async (_ctx, { principal, deps }) => {
      const user = await deps.models.StaffUser.findById((principal as StaffPrincipal).userId).lean();
      if (!user) throw unauthorized('登录已失效，请重新登录', 'token_revoked');
      return presentStaffMe(user);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/password',
    summary: '修改本人密码（其他会话随即失效）',
    tags: TAGS,
    auth: 'staff',
    body: ChangePasswordRequest,
    responses: { 200: { description: '已修改，返回新的令牌', schema: RefreshResponse } },
    handler: async (ctx, { body, principal, deps }) => {
      const me = principal as StaffPrincipal;
      const user = await deps.models.StaffUser.findById(me.userId).lean();
      if (!user) throw unauthorized('登录已失效，请重新登录', 'token_revoked');
      if (!(await verifyPassword(user.passwordHash, body.oldPassword))) {
        throw unprocessable('wrong_password', '原密码不正确', [{ field: 'oldPassword', message: '原密码不正确' }]);
      }
      if (body.newPassword.toLowerCase() === user.username.toLowerCase()) {
        throw unprocessable('validation_failed', '新密码不能与用户名相同', [{ field: 'newPassword', message: '新密码不能与用户名相同' }]);
      }
      if (body.newPassword === body.oldPassword) {
        throw unprocessable('validation_failed', '新密码不能与原密码相同', [{ field: 'newPassword', message: '新密码不能与原密码相同' }]);
      }
      const passwordHash = await hash(body.newPassword, ARGON2_OPTIONS);
      const updated = await accountLocks.run(me.userId, () =>
        deps.models.StaffUser.findOneAndUpdate(
          { _id: user._id },
          { $set: { passwordHash, mustChangePassword: false, tokenVersion: freshStamp() } },
          { returnDocument: 'after' },
        ).lean(),
      );
      if (!updated) throw unauthorized('登录已失效，请重新登录', 'token_revoked');
      await revokeAllForUser(deps, me.userId);
      await recordAudit(deps, { actor: actorOf(me), action: 'auth.password_change', targetType: 'staff_user', targetId: me.userId, ip: ipOf(ctx) });
      const tv = updated.tokenVersion ?? 0;
      return { token: signAccessToken(deps.config.JWT_SECRET, 'staff', me.userId, { tv }), refreshToken: await issueRefreshToken(deps, me.userId, tv) };
    },
  });
}

/** Exported for the OpenAPI listing test of this module. */
export const AUTH_PATHS = [
  '/api/v1/auth/wechat',
  '/api/v1/auth/wechat-h5',
  '/api/v1/auth/demo',
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  '/api/v1/auth/me',
  '/api/v1/auth/password',
] as const;
