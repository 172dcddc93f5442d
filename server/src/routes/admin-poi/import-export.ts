import type Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ExportQuery, ImportQuery, ImportResponse } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import { COLUMNS, csvRows, geojsonRows, MAX_IMPORT_ROWS, type RawRow, type RowError } from '../../domain/poi/import-rows.js';
import { formatCsv } from '../../domain/waste/csv.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { exportPoi } from '../../commands/poi/export-poi.js';
import { importPoi } from '../../commands/poi/import-poi.js';
import type { PoiKind } from './kinds.js';

const LIMIT_BYTES = 5 * 1024 * 1024;

async function readText(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT_BYTES) throw fail('payload_too_large', [], '文件过大（最多 5 MB）');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** CSV (text/csv) or GeoJSON (application/geo+json, or application/json already parsed) → raw rows. */
async function readRows(ctx: Context, kind: PoiKind): Promise<{ rows: RawRow[]; errors: RowError[] }> {
  let result: { rows: RawRow[]; errors: RowError[] };
  if (ctx.is('application/json')) result = geojsonRows((ctx.request as { body?: unknown }).body);
  else if (ctx.is('application/geo+json')) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readText(ctx));
    } catch {
      throw fail('import_invalid', [{ field: 'body', message: 'GeoJSON 不是合法的 JSON' }], 'GeoJSON 不是合法的 JSON');
    }
    result = geojsonRows(doc);
  } else if (ctx.is('text/csv', 'text/plain', 'application/csv')) result = csvRows(await readText(ctx), kind.type);
  else throw fail('unsupported_media_type', [], '请以 text/csv（CSV）或 application/geo+json（GeoJSON）提交导入文件');
  if (result.rows.length + result.errors.length > MAX_IMPORT_ROWS) {
    throw fail('validation_failed', [{ field: 'body', message: `一次最多导入 ${MAX_IMPORT_ROWS} 行` }], `一次最多导入 ${MAX_IMPORT_ROWS} 行`);
  }
  if (result.rows.length === 0 && result.errors.length === 0) throw fail('import_invalid', [{ field: 'body', message: '文件中没有数据行' }], '文件中没有数据行');
  return result;
}

export function registerPoiImportExport(router: Router, registry: OpenAPIRegistry, deps: AppDeps, kind: PoiKind): void {
  const columns = COLUMNS[kind.type];
  defineRoute(router, registry, deps, {
    method: 'post',
    path: `${kind.base}/import`,
    summary: `导入${kind.label}（CSV 或 GeoJSON；默认有错误行则全部不写入，mode=valid-only 只写入正确行；导入后示例数据被替换）`,
    tags: kind.tags,
    auth: { staff: ['admin'] },
    query: ImportQuery,
    rawBody: {
      body: {
        content: {
          'text/csv': { schema: { type: 'string', description: `表头 ${columns.join(',')}；openingHours 如 "24h" 或 "Mo-Fr 08:00-20:00; Sa,Su 09:00-18:00"、"workday 18:00-07:30; restday 00:00-24:00"` } },
          'application/geo+json': { schema: { type: 'object', description: 'FeatureCollection，Point 坐标 [经度, 纬度]，properties 同 CSV 列' } },
        },
      },
    },
    responses: { 200: { description: '导入结果（valid-only 时附错误行）', schema: ImportResponse } },
    handler: async (ctx, { query, principal: p, deps }) => {
      const { rows, errors: readErrors } = await readRows(ctx, kind);
      return importPoi(deps, p, kind.type, { rows, readErrors, mode: query.mode, coordSys: query.coordSys }, ipOf(ctx));
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: `${kind.base}/export`,
    summary: `导出${kind.label}（format=csv|geojson，coordSys=gcj02|wgs84；可修改后再次导入）`,
    tags: kind.tags,
    auth: { staff: ['admin'] },
    query: ExportQuery,
    responses: { 200: { description: `CSV（UTF-8 带 BOM，列 ${columns.join(',')},districtCode,districtName,demo）或 GeoJSON FeatureCollection` } },
    handler: async (ctx, { query, principal: p, deps }) => {
      const records = await exportPoi(deps, p, kind.type, query, ipOf(ctx));
      const file = kind.type === 'carPark' ? 'car-parks' : 'toilets';
      if (query.format === 'geojson') {
        ctx.type = 'application/geo+json; charset=utf-8';
        ctx.set('Content-Disposition', `attachment; filename="${file}.geojson"`);
        return {
          type: 'FeatureCollection',
          features: records.map(({ lat, lng, ...props }) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: props })),
        };
      }
      const header = [...columns, 'districtCode', 'districtName', 'demo'];
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="${file}.csv"`);
      return formatCsv([header, ...records.map((r) => header.map((h) => String((r as Record<string, unknown>)[h] ?? '')))]);
    },
  });
}
