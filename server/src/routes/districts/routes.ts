import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Connection } from 'mongoose';
import { ListDistrictsQuery, ListDistrictsResponse, ZoneImportRequest, ZoneImportResponse } from '@cgt/shared/schemas/districts';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { routingSnapshot } from '../../services/routing.js';
import { importZones } from '../../commands/districts/import-zones.js';
import { presentDistrict } from '../../presenters/districts.js';

const TAGS = ['区县与功能区'];

interface CachedList {
  version: number;
  body: string;
  etag: string;
}
// Geometry runs to several hundred kB: serialise once per data version, answer revalidations with 304.
const listCache = new WeakMap<Connection, Map<string, CachedList>>();

async function districtList(deps: AppDeps, key: string, withGeometry: boolean, kind?: 'district' | 'zone'): Promise<CachedList> {
  const { version } = await routingSnapshot(deps);
  let perConn = listCache.get(deps.connection);
  if (!perConn) listCache.set(deps.connection, (perConn = new Map()));
  const hit = perConn.get(key);
  if (hit && hit.version === version) return hit;
  const filter: Record<string, unknown> = { active: { $ne: false } };
  if (kind) filter.kind = kind;
  const docs = await deps.models.District.find(filter, withGeometry ? {} : { geometry: 0 }).lean();
  // districts first (adcode order), then zones (code order)
  docs.sort((a, b) => (a.kind === b.kind ? (a.code < b.code ? -1 : 1) : a.kind === 'district' ? -1 : 1));
  const body = JSON.stringify({ items: docs.map((d) => presentDistrict(d, withGeometry)) });
  const entry = { version, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  perConn.set(key, entry);
  return entry;
}

/** If-None-Match: a list of (possibly weak) tags or '*'. */
function matchesEtag(header: string, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function registerDistrictRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/districts',
    summary: '区县与功能区列表（?withGeometry=1 含 GeoJSON 边界，支持 ETag）',
    tags: TAGS,
    auth: 'none',
    query: ListDistrictsQuery,
    responses: { 200: { description: '区县与功能区', schema: ListDistrictsResponse }, 304: { description: '未变化' } },
    handler: async (ctx, { query, deps }) => {
      const withGeometry = query.withGeometry === '1' || query.withGeometry === 'true';
      const list = await districtList(deps, `${withGeometry ? 'g' : 'n'}:${query.kind ?? '*'}`, withGeometry, query.kind);
      ctx.status = 200;
      ctx.etag = list.etag;
      ctx.set('Cache-Control', 'public, max-age=60');
      if (matchesEtag(ctx.get('if-none-match'), list.etag)) {
        ctx.status = 304;
        ctx.body = null;
        return undefined;
      }
      ctx.type = 'application/json';
      ctx.body = list.body;
      return undefined;
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/zones/import',
    summary: '导入功能区边界（GeoJSON Feature 或 FeatureCollection，仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    body: ZoneImportRequest,
    responses: {
      200: { description: '已导入（全部有效才写入）', schema: ZoneImportResponse },
      422: { description: 'invalid_geometry：逐要素列出问题，未写入任何数据' },
    },
    handler: async (ctx, { body, principal: p, deps }) => {
      const docs = await importZones(deps, p, body, ipOf(ctx));
      return { imported: docs.length, zones: docs.map((d) => presentDistrict(d, false)) };
    },
  });
}
