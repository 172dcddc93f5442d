import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { toGcj02 } from '@cgt/shared/geo/coords';
import {
  CarParkView,
  OccupancyHeaders,
  OccupancyRequest,
  OccupancyResponse,
  OCCUPANCY_STALE_MS,
  ParkingNearbyQuery,
  ParkingNearbyResponse,
  PoiIdParams,
} from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import { presentCarPark } from '../../presenters/poi.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { getPoiSnapshot, occupancyOf } from '../../services/poi-index.js';
import { storeOccupancy } from '../../commands/parking/store-occupancy.js';
import { authenticateOperator } from '../../policies/parking-operator.js';

const TAGS = ['找车位'];

/** 找车位: nearby car parks for residents (no login) and the operators' free-space feed (API key). */
export function registerParkingRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/parking/nearby',
    summary: '附近停车场（按距离排序；hasFree=true 只返回有空位且数据未过时的）',
    tags: TAGS,
    auth: 'none',
    query: ParkingNearbyQuery,
    responses: { 200: { description: '停车场列表（坐标 GCJ-02，distanceMeters 取整米）', schema: ParkingNearbyResponse } },
    handler: async (_ctx, { query, deps }) => {
      const origin = toGcj02({ lat: query.lat, lng: query.lng }, query.coordSys);
      const snap = await getPoiSnapshot(deps);
      const now = deps.now();
      const accept = query.hasFree
        ? (e: { id: string; demo: boolean }) => {
            const v = presentCarPark(snap.carParkById.get(e.id)!, occupancyOf(deps, e.id), now);
            return (v.freeSpaces ?? 0) > 0 && !v.stale;
          }
        : undefined;
      const hits = snap.carParks.nearby(origin, query.radius, query.limit, accept);
      return {
        items: hits.map((h) => ({ ...presentCarPark(h.item, occupancyOf(deps, h.item.id), now), distanceMeters: Math.round(h.distance) })),
        origin,
        demo: snap.demoCarParks,
      };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/parking/:id',
    summary: '停车场详情',
    tags: TAGS,
    auth: 'none',
    params: PoiIdParams,
    responses: { 200: { description: '停车场', schema: CarParkView } },
    handler: async (_ctx, { params, deps }) => {
      const snap = await getPoiSnapshot(deps);
      const e = snap.carParkById.get(params.id.toLowerCase());
      if (!e) throw fail('not_found', [], '停车场不存在');
      return presentCarPark(e, occupancyOf(deps, e.id), deps.now());
    },
  });

  defineRoute(router, registry, deps, {
    method: 'put',
    path: '/api/v1/parking/:id/occupancy',
    summary: `运营方上报空余车位（请求头 X-Api-Key；超过 ${OCCUPANCY_STALE_MS / 60_000} 分钟未更新显示为过时）`,
    tags: TAGS,
    auth: 'none',
    params: PoiIdParams,
    headers: OccupancyHeaders,
    body: OccupancyRequest,
    responses: {
      200: { description: '已记录（以服务器时间为准，后到者生效）', schema: OccupancyResponse },
    },
    handler: async (ctx, { params, body, deps }) => {
      const operator = await authenticateOperator(deps, ctx.get('x-api-key'), params.id.toLowerCase());
      return storeOccupancy(deps, operator, params.id.toLowerCase(), body.freeSpaces);
    },
  });
}
