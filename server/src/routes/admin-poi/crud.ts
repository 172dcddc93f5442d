import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { toGcj02, type CoordSys, type LatLng } from '@cgt/shared/geo/coords';
import { validateOpeningHours, type OpeningHours } from '@cgt/shared/poi/opening-hours';
import { AdminPoiListQuery, PoiIdParams } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { actorOf, ipOf, recordAudit } from '../../services/audit.js';
import { getPoiSnapshot, poiDataChanged } from '../../services/poi-index.js';
import { routingSnapshot } from '../../services/routing.js';
import type { PoiKind } from './kinds.js';

/** The county-level division of a GCJ-02 point (from the routing index), or null outside the city. */
export async function districtResolver(deps: AppDeps): Promise<(p: LatLng) => { code: string } | null> {
  const snap = await routingSnapshot(deps);
  return (p) => {
    const hit = snap.index.resolve(p);
    return hit ? { code: hit.district.code } : null;
  };
}

/** Request body → document fields: location to GCJ-02 and inside the city, opening hours checked. */
async function placeFields(deps: AppDeps, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { coordSys, ...fields } = body as { coordSys?: CoordSys; location?: LatLng; openingHours?: OpeningHours };
  const out: Record<string, unknown> = { ...fields };
  if (fields.openingHours) {
    const errs = validateOpeningHours(fields.openingHours);
    if (errs.length) throw fail('invalid_opening_hours', errs.map((message) => ({ field: 'openingHours', message })), errs[0]!);
  }
  if (fields.location) {
    const location = toGcj02(fields.location, coordSys ?? 'gcj02');
    const district = (await districtResolver(deps))(location);
    if (!district) throw fail('outside_jurisdiction', [{ field: 'location', message: '坐标不在本市范围内（请检查经纬度及坐标系）' }]);
    out.location = location;
    out.districtCode = district.code;
  }
  return out;
}

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
      const fields = await placeFields(deps, body as Record<string, unknown>);
      const doc = await kind.model(deps).create({ ...fields, demo: false });
      const id = String(doc._id);
      await poiDataChanged(deps);
      await recordAudit(deps, { actor: actorOf(p), action: `${kind.auditTarget}.create`, targetType: kind.auditTarget, targetId: id, ip: ipOf(ctx), details: { name: fields.name } });
      ctx.status = 201;
      return kind.present(deps, kind.byId(await getPoiSnapshot(deps), id)!, deps.now());
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
      const id = params.id.toLowerCase();
      const fields = await placeFields(deps, body as Record<string, unknown>);
      const res = await kind.model(deps).updateOne({ _id: id }, { $set: fields });
      if (res.matchedCount === 0) throw fail('not_found', [], `${kind.label}不存在`);
      await poiDataChanged(deps);
      await recordAudit(deps, { actor: actorOf(p), action: `${kind.auditTarget}.update`, targetType: kind.auditTarget, targetId: id, ip: ipOf(ctx), details: { changed: Object.keys(fields) } });
      return kind.present(deps, kind.byId(await getPoiSnapshot(deps), id)!, deps.now());
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
      const id = params.id.toLowerCase();
      const res = await kind.model(deps).deleteOne({ _id: id });
      if (res.deletedCount === 0) throw fail('not_found', [], `${kind.label}不存在`);
      if (kind.type === 'carPark') await deps.models.ParkingOccupancy.deleteOne({ _id: id });
      await poiDataChanged(deps);
      await recordAudit(deps, { actor: actorOf(p), action: `${kind.auditTarget}.delete`, targetType: kind.auditTarget, targetId: id, ip: ipOf(ctx) });
      ctx.status = 204;
      return undefined;
    },
  });
}
