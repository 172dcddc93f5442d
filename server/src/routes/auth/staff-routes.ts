import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { describePasswordPolicy } from '@cgt/shared/auth/password-policy';
import {
  ChangePasswordRequest,
  PasswordPolicyResponse,
  RefreshRequest,
  RefreshResponse,
  StaffLoginRequest,
  StaffLoginResponse,
  StaffMe,
} from '@cgt/shared/schemas/auth';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { passwordPolicyOf } from '../../services/password-policy.js';
import { presentStaffMe } from '../../presenters/staff-user.js';
import { staffLogin } from '../../commands/auth/staff-login.js';
import { refreshSession } from '../../commands/auth/refresh-session.js';
import { logout } from '../../commands/auth/logout.js';
import { changePassword } from '../../commands/auth/change-password.js';

const TAGS = ['认证'];

/** Staff sign-in, sessions and passwords (citizen logins are in routes.ts). */
export function registerStaffAuthRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: '工作人员登录（同一账号同一 IP 15 分钟内失败 5 次即锁定该 IP 15 分钟）',
    description: '不存在的用户名与错误密码的回答完全相同（包括锁定）。锁定只针对（账号, IP），他人从别处猜密码不会锁住本人；多个 IP 同时失败时提醒管理员。',
    tags: TAGS,
    auth: 'none',
    body: StaffLoginRequest,
    responses: {
      200: { description: '登录成功', schema: StaffLoginResponse },
      401: { description: 'invalid_credentials' },
      403: { description: 'account_disabled' },
      423: { description: 'account_locked，details[0].lockedUntil' },
    },
    handler: async (ctx, { body, deps }) => {
      const r = await staffLogin(deps, { username: body.username, password: body.password, ip: ipOf(ctx) });
      return { token: r.token, refreshToken: r.refreshToken, user: presentStaffMe(r.user) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: '刷新令牌（轮换；重复使用旧令牌将结束整个会话；空闲超时的会话不能刷新）',
    tags: TAGS,
    auth: 'none',
    body: RefreshRequest,
    responses: {
      200: { description: '新的访问令牌与刷新令牌', schema: RefreshResponse },
      401: { description: 'invalid_refresh_token / refresh_token_reused / session_ended / session_expired' },
    },
    handler: async (ctx, { body, deps }) => refreshSession(deps, body.refreshToken, ipOf(ctx)),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: '退出登录（结束刷新令牌所在会话，其访问令牌随即失效）',
    tags: TAGS,
    auth: 'none',
    body: RefreshRequest,
    responses: { 204: { description: '已退出' } },
    handler: async (ctx, { body, deps }) => {
      await logout(deps, body.refreshToken, ipOf(ctx));
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
    allowPendingPasswordChange: true,
    responses: { 200: { description: '当前账号', schema: StaffMe } },
    handler: async (_ctx, { principal, deps }) => {
      const user = await deps.models.StaffUser.findById((principal as StaffPrincipal).userId).lean();
      if (!user) throw fail('token_revoked');
      return presentStaffMe(user);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/auth/password-policy',
    summary: '密码规则（控制台表单据此提示并校验）',
    tags: TAGS,
    auth: 'none',
    responses: { 200: { description: '当前生效的密码规则', schema: PasswordPolicyResponse } },
    handler: async (_ctx, { deps }) => {
      const policy = passwordPolicyOf(deps.config);
      return { ...policy, description: describePasswordPolicy(policy) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/password',
    summary: '修改本人密码（本账号的所有会话随即结束，返回新会话的令牌）',
    tags: TAGS,
    auth: 'staff',
    allowPendingPasswordChange: true,
    body: ChangePasswordRequest,
    responses: {
      200: { description: '已修改，返回新的令牌', schema: RefreshResponse },
      400: { description: 'weak_password / password_reused（details[].field = newPassword）' },
      422: { description: 'wrong_password' },
    },
    handler: async (ctx, { body, principal, deps }) => changePassword(deps, principal as StaffPrincipal, body, ipOf(ctx)),
  });
}
