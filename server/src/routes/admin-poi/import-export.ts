import type Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { gcj02ToWgs84 } from '@cgt/shared/geo/coords';
import { formatOpeningHours } from '@cgt/shared/poi/opening-hours';
import { ExportQuery, ImportQuery, ImportResponse } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import { COLUMNS, csvRows, geojsonRows, MAX_IMPORT_ROWS, validateRows, type RawRow, type RowError, type ValidRow } from '../../domain/poi/import-rows.js';
import { formatCsv } from '../../domain/waste/csv.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { actorOf, ipOf, recordAudit } from '../../services/audit.js';
import { getPoiSnapshot, poiDataChanged } from '../../services/poi-index.js';
import { districtResolver } from './crud.js';
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

/**
 * Writes validated rows: a row whose id names an existing real record updates it, every other row is
 * inserted; then every demo record of this kind is removed (real data replaces the generated set).
 * Inserts/updates first, so an interrupted import never leaves the map empty. No transactions on
 * FerretDB: all rows were validated before the first write, so only an I/O failure can stop midway.
 */
async function applyImport(deps: AppDeps, kind: PoiKind, rows: ValidRow<Record<string, unknown>>[]): Promise<{ created: number; updated: number; demoRemoved: number }> {
  const model = kind.model(deps);
  const existing = await model.find({}, { _id: 1, demo: 1 }).lean();
  const real = new Set(existing.filter((e) => !e.demo).map((e) => String(e._id)));
  const inserts: Record<string, unknown>[] = [];
  const updates: { updateOne: { filter: Record<string, unknown>; update: Record<string, unknown> } }[] = [];
  for (const r of rows) {
    const doc = { ...r.data, districtCode: r.districtCode, demo: false };
    if (r.id && real.has(r.id.toLowerCase())) updates.push({ updateOne: { filter: { _id: r.id.toLowerCase() }, update: { $set: doc } } });
    else inserts.push(doc);
  }
  for (let i = 0; i < inserts.length; i += 1000) await model.insertMany(inserts.slice(i, i + 1000), { ordered: false });
  for (let i = 0; i < updates.length; i += 500) await model.bulkWrite(updates.slice(i, i + 500), { ordered: false });
  const removed = await model.deleteMany({ demo: true });
  return { created: inserts.length, updated: updates.length, demoRemoved: removed.deletedCount };
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
      const { valid, errors: rowErrors } = validateRows(kind.type, rows, query.coordSys, await districtResolver(deps));
      const errors = [...readErrors, ...rowErrors].sort((a, b) => a.row - b.row);
      if (errors.length && (query.mode !== 'valid-only' || errors.some((e) => e.row <= 1 && rows.length === 0))) {
        throw fail('import_invalid', errors, `有 ${new Set(errors.map((e) => e.row)).size} 行数据有误，未导入任何数据`);
      }
      const result = valid.length
        ? await applyImport(deps, kind, valid as unknown as ValidRow<Record<string, unknown>>[])
        : { created: 0, updated: 0, demoRemoved: 0 };
      if (valid.length) await poiDataChanged(deps);
      await recordAudit(deps, { actor: actorOf(p), action: `${kind.auditTarget}.import`, targetType: kind.auditTarget, targetId: '', ip: ipOf(ctx), details: { ...result, rejected: errors.length, mode: query.mode } });
      return { ...result, errors };
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
      const snap = await getPoiSnapshot(deps);
      const entries = [...kind.entries(snap)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
      const records: Record<string, string | number | boolean>[] = entries.map((e) => {
        const loc = query.coordSys === 'wgs84' ? gcj02ToWgs84(e.location) : e.location;
        const rec: Record<string, string | number | boolean> = {};
        for (const c of columns) {
          if (c === 'lat') rec.lat = Number(loc.lat.toFixed(7));
          else if (c === 'lng') rec.lng = Number(loc.lng.toFixed(7));
          else if (c === 'coordSys') rec.coordSys = query.coordSys;
          else if (c === 'openingHours') rec.openingHours = formatOpeningHours(e.openingHours);
          else rec[c] = (e as unknown as Record<string, string | number | boolean>)[c] ?? '';
        }
        return { ...rec, districtCode: e.districtCode, districtName: e.districtName, demo: e.demo };
      });
      await recordAudit(deps, { actor: actorOf(p), action: `${kind.auditTarget}.export`, targetType: kind.auditTarget, targetId: '', ip: ipOf(ctx), details: { count: records.length, format: query.format } });
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
