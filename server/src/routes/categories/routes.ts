import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { CategoryCodeParams, CategoryView, ListCategoriesResponse, PatchCategoryRequest } from '@cgt/shared/schemas/categories';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { listCategories } from '../../services/categories.js';
import { updateCategory } from '../../commands/categories/update-category.js';
import { presentCategory } from '../../presenters/categories.js';

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
      return (await listCategories(deps, true)).map(presentCategory);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/categories',
    summary: '全部问题类别（含停用的，工作人员）',
    tags: TAGS,
    auth: 'staff',
    responses: { 200: { description: '类别列表', schema: ListCategoriesResponse } },
    handler: async (_ctx, { deps }) => (await listCategories(deps, false)).map(presentCategory),
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
      return presentCategory(await updateCategory(deps, p, params.code, body, ipOf(ctx)));
    },
  });
}
