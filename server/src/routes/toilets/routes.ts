import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { toGcj02 } from '@cgt/shared/geo/coords';
import { isOpenAt } from '@cgt/shared/poi/opening-hours';
import { PoiIdParams } from '@cgt/shared/schemas/parking';
import { TOILET_REPORT_CATEGORY, ToiletNearbyQuery, ToiletNearbyResponse, ToiletView } from '@cgt/shared/schemas/toilets';
import type { AppDeps } from '../../deps.js';
import type { ToiletEntry } from '../../domain/poi/entries.js';
import { presentToilet } from '../../presenters/poi.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { getPoiSnapshot } from '../../services/poi-index.js';

const TAGS = ['找厕所'];

/** 找厕所: nearby public toilets (no login). Filters only narrow when set to true. */
export function registerToiletRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/toilets/nearby',
    summary: '附近公厕（按距离排序；openNow 按北京时间判断；accessible/babyRoom/thirdRestroom=true 时筛选）',
    tags: TAGS,
    auth: 'none',
    query: ToiletNearbyQuery,
    responses: { 200: { description: '公厕列表（坐标 GCJ-02，distanceMeters 取整米；reportCategory 为「报告问题」所用类别）', schema: ToiletNearbyResponse } },
    handler: async (_ctx, { query, deps }) => {
      const origin = toGcj02({ lat: query.lat, lng: query.lng }, query.coordSys);
      const snap = await getPoiSnapshot(deps);
      const now = deps.now();
      const accept = (e: ToiletEntry) =>
        (!query.accessible || e.accessible) &&
        (!query.babyRoom || e.babyRoom) &&
        (!query.thirdRestroom || e.thirdRestroom) &&
        (!query.openNow || isOpenAt(e.openingHours, now));
      const hits = snap.toilets.nearby(origin, query.radius, query.limit, accept);
      return {
        items: hits.map((h) => ({ ...presentToilet(h.item, now), distanceMeters: Math.round(h.distance) })),
        origin,
        demo: snap.demoToilets,
        reportCategory: TOILET_REPORT_CATEGORY,
      };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/toilets/:id',
    summary: '公厕详情',
    tags: TAGS,
    auth: 'none',
    params: PoiIdParams,
    responses: { 200: { description: '公厕', schema: ToiletView } },
    handler: async (_ctx, { params, deps }) => {
      const snap = await getPoiSnapshot(deps);
      const e = snap.toiletById.get(params.id.toLowerCase());
      if (!e) throw fail('not_found', [], '公厕不存在');
      return presentToilet(e, deps.now());
    },
  });
}
