import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ObjectIdParams } from '@cgt/shared/schemas/common';
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
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { createStaffUser } from '../../commands/staff-users/create-staff-user.js';
import { updateStaffUser } from '../../commands/staff-users/update-staff-user.js';
import { resetStaffPassword } from '../../commands/staff-users/reset-staff-password.js';
import { unlockStaffUser } from '../../commands/staff-users/unlock-staff-user.js';
import { presentStaffUser } from '../../presenters/staff-user.js';

const TAGS = ['账号管理'];
const IdParams = ObjectIdParams;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
      const { user, generatedPassword } = await createStaffUser(deps, me, body, ipOf(ctx));
      ctx.status = 201;
      return { user: presentStaffUser(user, deps.now()), ...(generatedPassword ? { password: generatedPassword } : {}) };
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
    handler: async (ctx, { params, body, principal: me, deps }) =>
      presentStaffUser(await updateStaffUser(deps, me, params.id, body, ipOf(ctx)), deps.now()),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/users/:id/reset-password',
    summary: '重置密码（新密码仅返回一次，并解除锁定）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    responses: { 200: { description: '新密码（仅此一次）', schema: ResetPasswordResponse } },
    handler: async (ctx, { params, principal: me, deps }) => resetStaffPassword(deps, me, params.id, ipOf(ctx)),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/users/:id/unlock',
    summary: '解除登录锁定（清除该账号来自所有 IP 的失败记录）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    responses: { 200: { description: '解锁后的账号', schema: StaffUserView } },
    handler: async (ctx, { params, principal: me, deps }) =>
      presentStaffUser(await unlockStaffUser(deps, me, params.id, ipOf(ctx)), deps.now()),
  });
}
