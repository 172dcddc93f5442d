import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { OBJECT_ID_RE, ObjectIdParams } from '@cgt/shared/schemas/common';
import {
  CreateUserRequest,
  CreateUserResponse,
  ListUsersQuery,
  ListUsersResponse,
  ResetPasswordResponse,
  StaffUserView,
  UpdateUserRequest,
} from '@cgt/shared/schemas/users';
import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { actorOf, ipOf, recordAudit } from '../../services/audit.js';
import { freshStamp } from '../../db/snapshot.js';
import { accountLocks } from '../../services/keyed-mutex.js';
import { revokeAllForUser } from '../../commands/auth/refresh-tokens.js';
import { clearAccountFailures } from '../../commands/auth/login-throttle.js';
import { assertPasswordAcceptable, generatePassword, hashWithHistory, passwordPolicyOf } from '../../services/password-policy.js';
import { presentStaffUser } from './presenter.js';
import { assertDepartmentIds, assertDistrictCodes, assertHandlerHasDepartment } from './references.js';

const TAGS = ['账号管理'];
const IdParams = ObjectIdParams;
const OBJECT_ID = OBJECT_ID_RE;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function loadUser(deps: AppDeps, id: string) {
  if (!OBJECT_ID.test(id)) throw fail('not_found', [], '账号不存在');
  const user = await deps.models.StaffUser.findById(id).lean();
  if (!user) throw fail('not_found', [], '账号不存在');
  return user;
}

export function registerAdminUserRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/users',
    summary: '工作人员账号列表（仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    query: ListUsersQuery,
    responses: { 200: { description: '账号列表', schema: ListUsersResponse } },
    handler: async (_ctx, { query, deps }) => {
      const filter: Record<string, unknown> = {};
      if (query.q) {
        const re = new RegExp(escapeRegex(query.q), 'i');
        filter.$or = [{ username: re }, { displayName: re }];
      }
      if (query.role) filter.roles = query.role;
      if (query.districtCode) filter.districtCodes = query.districtCode;
      const [items, total] = await Promise.all([
        deps.models.StaffUser.find(filter, { passwordHash: 0, passwordHistory: 0 })
          .sort({ username: 1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean(),
        deps.models.StaffUser.countDocuments(filter),
      ]);
      const now = deps.now();
      return { items: items.map((u) => presentStaffUser(u, now)), total };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/users',
    summary: '新建工作人员账号（未给密码时生成并仅返回一次）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    body: CreateUserRequest,
    responses: { 201: { description: '已创建', schema: CreateUserResponse }, 409: { description: 'username_taken' }, 422: { description: '区县/部门无效' } },
    handler: async (ctx, { body, principal: me, deps }) => {
      assertHandlerHasDepartment(body.roles, body.departmentIds);
      const policy = passwordPolicyOf(deps.config);
      if (body.password) assertPasswordAcceptable(policy, body.password, body.username, 'password');
      await assertDistrictCodes(deps, body.districtCodes);
      await assertDepartmentIds(deps, body.departmentIds);
      const password = body.password ?? generatePassword(policy, body.username);
      let created;
      try {
        created = await deps.models.StaffUser.create({
          username: body.username,
          displayName: body.displayName,
          ...(await hashWithHistory(policy, password, [])),
          roles: [...new Set(body.roles)],
          districtCodes: [...new Set(body.districtCodes)],
          departmentIds: [...new Set(body.departmentIds)],
          ...(body.phone ? { phone: body.phone } : {}),
          // the administrator knows this password: the owner replaces it at first login
          mustChangePassword: true,
        });
      } catch (err) {
        if (isDuplicateKey(err)) {
          throw fail('username_taken', [{ field: 'username', message: '用户名已被使用' }]);
        }
        throw err;
      }
      const id = String(created._id);
      await recordAudit(deps, {
        actor: actorOf(me),
        action: 'user.create',
        targetType: 'staff_user',
        targetId: id,
        ip: ipOf(ctx),
        details: { username: body.username, roles: body.roles, districtCodes: body.districtCodes, departmentIds: body.departmentIds },
      });
      ctx.status = 201;
      return { user: presentStaffUser(created.toObject(), deps.now()), ...(body.password ? {} : { password }) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: '/api/v1/admin/users/:id',
    summary: '修改工作人员账号（停用即令其令牌失效）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    body: UpdateUserRequest,
    responses: { 200: { description: '修改后的账号', schema: StaffUserView }, 422: { description: '不能停用自己或取消自己的管理员角色' } },
    handler: async (ctx, { params, body, principal: me, deps }) => {
      // read-check-write of one account: serialized with logins and resets (see auth/keyed-mutex.ts)
      return accountLocks.run(params.id, async () => {
        const user = await loadUser(deps, params.id);
        const self = String(user._id) === me.userId;
        if (self && body.disabled === true) {
          throw fail('cannot_modify_self', [{ field: 'disabled', message: '不能停用自己的账号' }], '不能停用自己的账号');
        }
        if (self && body.roles && !body.roles.includes('admin')) {
          throw fail('cannot_modify_self', [{ field: 'roles', message: '不能取消自己的管理员角色' }], '不能取消自己的管理员角色');
        }
        const roles = body.roles ? [...new Set(body.roles)] : ((user.roles ?? []) as string[]);
        const departmentIds = body.departmentIds ? [...new Set(body.departmentIds)] : (user.departmentIds ?? []).map(String);
        assertHandlerHasDepartment(roles, departmentIds);
        if (body.districtCodes) await assertDistrictCodes(deps, body.districtCodes);
        if (body.departmentIds) await assertDepartmentIds(deps, body.departmentIds);

        const set: Record<string, unknown> = {};
        const unset: Record<string, 1> = {};
        if (body.displayName !== undefined) set.displayName = body.displayName;
        if (body.roles) set.roles = roles;
        if (body.districtCodes) set.districtCodes = [...new Set(body.districtCodes)];
        if (body.departmentIds) set.departmentIds = departmentIds;
        if (body.disabled !== undefined) set.disabled = body.disabled;
        if (body.phone === null) unset.phone = 1;
        else if (body.phone !== undefined) set.phone = body.phone;
        const disabling = body.disabled === true && !user.disabled;
        // role/district changes need no token bump: authenticate() reloads the account on every request
        const update: Record<string, unknown> = {};
        if (Object.keys(set).length) update.$set = set;
        if (Object.keys(unset).length) update.$unset = unset;
        // a fresh stamp, not $inc (FerretDB loses concurrent increments): outstanding tokens stop matching
        if (disabling) update.$set = { ...set, tokenVersion: freshStamp() };
        const updated = Object.keys(update).length
          ? await deps.models.StaffUser.findOneAndUpdate({ _id: user._id }, update, { returnDocument: 'after' }).lean()
          : user;
        if (!updated) throw fail('not_found', [], '账号不存在');
        if (disabling) await revokeAllForUser(deps, String(user._id), 'disabled');
        const changed = [...Object.keys(set), ...Object.keys(unset)];
        if (changed.length === 0) return presentStaffUser(updated, deps.now()); // nothing written, nothing to audit
        await recordAudit(deps, {
          actor: actorOf(me),
          action: disabling ? 'user.disable' : body.disabled === false && user.disabled ? 'user.enable' : 'user.update',
          targetType: 'staff_user',
          targetId: String(user._id),
          ip: ipOf(ctx),
          details: { changed, ...(body.roles ? { roles } : {}), ...(body.districtCodes ? { districtCodes: set.districtCodes } : {}), ...(body.departmentIds ? { departmentIds } : {}) },
        });
        return presentStaffUser(updated, deps.now());
      });
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/users/:id/reset-password',
    summary: '重置密码（新密码仅返回一次，并解除锁定）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    responses: { 200: { description: '新密码（仅此一次）', schema: ResetPasswordResponse } },
    handler: async (ctx, { params, principal: me, deps }) => {
      const user = await loadUser(deps, params.id);
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
      await recordAudit(deps, { actor: actorOf(me), action: 'user.reset_password', targetType: 'staff_user', targetId: String(user._id), ip: ipOf(ctx) });
      return { password };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/users/:id/unlock',
    summary: '解除登录锁定（清除该账号来自所有 IP 的失败记录）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    responses: { 200: { description: '解锁后的账号', schema: StaffUserView } },
    handler: async (ctx, { params, principal: me, deps }) => {
      const user = await loadUser(deps, params.id);
      const cleared = await clearAccountFailures(deps, user.username);
      const updated = await accountLocks.run(String(user._id), () =>
        deps.models.StaffUser.findOneAndUpdate({ _id: user._id }, { $unset: { lockedUntil: 1 } }, { returnDocument: 'after' }).lean(),
      );
      if (!updated) throw fail('not_found', [], '账号不存在');
      await recordAudit(deps, { actor: actorOf(me), action: 'user.unlock', targetType: 'staff_user', targetId: String(user._id), ip: ipOf(ctx), details: { failuresCleared: cleared } });
      return presentStaffUser(updated, deps.now());
    },
  });
}
