import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { toGcj02 } from '@cgt/shared/geo/coords';
import { ResolveRoutingQuery, RoutingResolveResponse } from '@cgt/shared/schemas/routing';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { resolveRouting } from '../../services/routing.js';
import { nearestStreet } from '../../services/map-base.js';
import { WindowRateLimiter } from '../auth/rate-limit.js';

/** A map page probing points as the user drags the pin: generous, but not a free geocoding service. */
const RESOLVE_PER_MINUTE = 120;

export function outsideJurisdiction(field = 'location') {
  return fail('outside_jurisdiction', [{ field, message: '坐标不在任何区县范围内，请确认位置' }]);
}

export function registerRoutingRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  const limiter = new WindowRateLimiter(RESOLVE_PER_MINUTE, 60_000, () => deps.now());

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/routing/resolve',
    summary: '坐标 → 区县、功能区与处置单位（预览派遣结果）',
    tags: ['区县与功能区'],
    auth: 'none',
    query: ResolveRoutingQuery,
    responses: {
      200: { description: '所属区县/功能区与建议处置单位', schema: RoutingResolveResponse },
      422: { description: 'outside_jurisdiction：不在任何区县范围内' },
      429: { description: 'rate_limited' },
    },
    handler: async (ctx, { query, deps }) => {
      limiter.consume(`resolve:${ipOf(ctx)}`);
      const point = toGcj02({ lat: query.lat, lng: query.lng }, query.coordSys);
      const result = await resolveRouting(deps, point, query.categoryCode);
      if (!result) throw outsideJurisdiction('lat');
      return { ...result, street: await nearestStreet(deps, result.district.code, point), point };
    },
  });
}
