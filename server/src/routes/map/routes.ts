import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { MapBaseResponse, MapConfigResponse, TicketMapQuery, TicketMapResponse } from '@cgt/shared/schemas/map';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import type { StaffRole } from '../../http/auth.js';
import { CITY_CENTER, tileConfig } from '../../domain/map/tiles.js';
import { mapBase } from '../../services/map-base.js';
import { ticketMapMarkers } from '../../commands/tickets/map-markers.js';

const TAGS = ['地图'];

/** who sees the city's open tickets on a map: the centre's dispatchers, leaders (read-only) and admins */
export const TICKET_MAP_ROLES = ['admin', 'viewer', 'dispatcher'] as const satisfies readonly StaffRole[];

/** If-None-Match: a list of (possibly weak) tags or '*'. */
function matchesEtag(header: string, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function registerMapRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/map/config',
    summary: '地图配置：运营方配置的底图瓦片（地址模板、坐标系）与默认中心',
    tags: TAGS,
    auth: 'none',
    responses: { 200: { description: '地图配置（未配置瓦片时 tiles 为 null，只画本地矢量边界）', schema: MapConfigResponse } },
    handler: async (ctx, { deps }) => {
      ctx.set('Cache-Control', 'public, max-age=300');
      return { tiles: tileConfig(deps.config), center: { ...CITY_CENTER }, zoom: 11 };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/map/base',
    summary: '离线底图：区县、功能区边界（简化，供绘制）与街道（乡镇）单元，支持 ETag',
    tags: TAGS,
    auth: 'none',
    responses: { 200: { description: '矢量底图', schema: MapBaseResponse }, 304: { description: '未变化' } },
    handler: async (ctx, { deps }) => {
      const base = await mapBase(deps);
      ctx.status = 200;
      ctx.etag = base.etag;
      ctx.set('Cache-Control', 'public, max-age=300');
      if (matchesEtag(ctx.get('if-none-match'), base.etag)) {
        ctx.status = 304;
        ctx.body = null;
        return undefined;
      }
      ctx.type = 'application/json';
      ctx.body = base.body;
      return undefined;
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/map/tickets',
    summary: '工单地图：本人辖区未办结工单的位置（按时限先后，最多 cap 个）',
    tags: ['工单处置'],
    auth: { staff: TICKET_MAP_ROLES },
    query: TicketMapQuery,
    responses: { 200: { description: '标记点与总数', schema: TicketMapResponse } },
    handler: async (_ctx, { query, principal, deps }) => ticketMapMarkers(deps, principal, query),
  });
}
