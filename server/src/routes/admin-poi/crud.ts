import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AdminPoiListQuery, PoiIdParams } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { getPoiSnapshot } from '../../services/poi-index.js';
import { createPoi } from '../../commands/poi/create-poi.js';
import { deletePoi } from '../../commands/poi/delete-poi.js';
import { updatePoi } from '../../commands/poi/update-poi.js';
import type { PoiKind } from './kinds.js';

/** ProTable CRUD of one kind (car parks or toilets), served from the in-memory index. Admins only. */
export function registerPoiCrud(router: Router, registry: OpenAPIRegistry, deps: AppDeps, kind: PoiKind): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: kind.base,
    summary: `${kind.label}列表（q 按名称/地址筛选，districtCode、kind、demo 筛选；仅管理员）`,
    tags: kind.tags,
    auth: { staff: ['admin'] },
    query: AdminPoiListQuery,
    responses: { 200: { description: `${kind.label}列表 {items,total}`, schema: kind.list } },
    handler: async (_ctx, { query, deps }) => {
      const snap = await getPoiSnapshot(deps);
      const q = query.q?.toLowerCase();
      const all = kind
        .entries(snap)
        .filter(
          (e) =>
            (!q || e.name.toLowerCase().includes(q) || e.address.toLowerCase().includes(q)) &&
            (!query.districtCode || e.districtCode === query.districtCode) &&
            (!query.kind || e.kind === query.kind) &&
            (query.demo === undefined || e.demo === query.demo),
        )
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
      const now = deps.now();
      const page = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
      return { items: page.map((e) => kind.present(deps, e, now)), total: all.length };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: kind.base,
    summary: `新增${kind.label}（坐标须在本市范围内；仅管理员）`,
    tags: kind.tags,
    auth: { staff: ['admin'] },
    body: kind.write,
    responses: { 201: { description: '已新增', schema: kind.view } },
    handler: async (ctx, { body, principal: p, deps }) => {
      const entry = await createPoi(deps, p, kind.type, body as Record<string, unknown>, ipOf(ctx));
      ctx.status = 201;
      return kind.present(deps, entry, deps.now());
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: `${kind.base}/:id`,
    summary: `修改${kind.label}（仅管理员）`,
    tags: kind.tags,
    auth: { staff: ['admin'] },
    params: PoiIdParams,
    body: kind.patch,
    responses: { 200: { description: '已修改', schema: kind.view } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      const entry = await updatePoi(deps, p, kind.type, params.id, body as Record<string, unknown>, ipOf(ctx));
      return kind.present(deps, entry, deps.now());
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: `${kind.base}/:id`,
    summary: `删除${kind.label}（仅管理员）`,
    tags: kind.tags,
    auth: { staff: ['admin'] },
    params: PoiIdParams,
    responses: { 204: { description: '已删除' } },
    handler: async (ctx, { params, principal: p, deps }) => {
      await deletePoi(deps, p, kind.type, params.id, ipOf(ctx));
      ctx.status = 204;
      return undefined;
    },
  });
}
