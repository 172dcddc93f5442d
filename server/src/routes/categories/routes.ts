import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { CategoryCodeParams, CategoryView, ListCategoriesResponse, PatchCategoryRequest } from '@cgt/shared/schemas/categories';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { actorOf, ipOf, recordAudit } from '../../services/audit.js';
import { getCategory, listCategories } from '../../services/categories.js';

const TAGS = ['问题类别'];

export function registerCategoryRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/categories',
    summary: '问题类别（启用的，按大类排序）',
    tags: TAGS,
    auth: 'none',
    responses: { 200: { description: '类别列表', schema: ListCategoriesResponse } },
    handler: async (ctx, { deps }) => {
      ctx.set('Cache-Control', 'public, max-age=60');
      return listCategories(deps, true);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/categories',
    summary: '全部问题类别（含停用的，工作人员）',
    tags: TAGS,
    auth: 'staff',
    responses: { 200: { description: '类别列表', schema: ListCategoriesResponse } },
    handler: async (_ctx, { deps }) => listCategories(deps, false),
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: '/api/v1/admin/categories/:code',
    summary: '修改类别的处置时限、提示、紧急标记或启用状态（仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: CategoryCodeParams,
    body: PatchCategoryRequest,
    responses: { 200: { description: '修改后的类别', schema: CategoryView } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      const before = await getCategory(deps, params.code);
      if (!before) throw fail('not_found', [], '类别不存在');
      await deps.models.Category.updateOne({ _id: params.code }, { $set: { ...body, edited: true } });
      await recordAudit(deps, {
        actor: actorOf(p),
        action: 'category.update',
        targetType: 'category',
        targetId: params.code,
        ip: ipOf(ctx),
        details: { changes: body, before: { slaHours: before.slaHours, urgent: before.urgent, active: before.active } },
      });
      return (await getCategory(deps, params.code))!;
    },
  });
}
