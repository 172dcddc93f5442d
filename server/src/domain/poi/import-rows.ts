import { CarParkWriteRequest } from '@cgt/shared/schemas/parking';
import { ToiletWriteRequest } from '@cgt/shared/schemas/toilets';
import { toGcj02, type CoordSys, type LatLng } from '@cgt/shared/geo/coords';
import { parseOpeningHours } from '@cgt/shared/poi/opening-hours';
import type { z } from 'zod';
import { parseCsv } from '../waste/csv.js';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';

/**
 * Import of car parks and toilets from CSV or GeoJSON: rows are turned into the same request shape
 * the console's create form sends, validated by the same zod schema, then placed: the coordinate is
 * converted to GCJ-02 and must fall inside one of the city's county-level divisions. Pure: the
 * district lookup is passed in. Every problem is reported as {row, field, message}.
 */

export type PoiType = 'carPark' | 'toilet';
export type CarParkInput = z.infer<typeof CarParkWriteRequest>;
export type ToiletInput = z.infer<typeof ToiletWriteRequest>;
export type RowError = {
  row: number;
  field: string;
  message: string;
};
export interface RawRow {
  row: number;
  values: Record<string, unknown>;
}
export interface ValidRow<T> {
  row: number;
  /** id of an existing record to update (export → edit → import) */
  id?: string;
  data: Omit<T, 'coordSys'>;
  districtCode: string;
}

export const MAX_IMPORT_ROWS = 5000;

const COMMON_COLUMNS = ['id', 'name', 'address', 'lat', 'lng', 'coordSys', 'kind', 'openingHours'];
export const COLUMNS: Record<PoiType, string[]> = {
  carPark: [...COMMON_COLUMNS, 'totalSpaces', 'feeText', 'evChargers', 'accessibleSpaces'],
  toilet: [...COMMON_COLUMNS, 'accessible', 'thirdRestroom', 'babyRoom', 'managingUnit'],
};
const NUMBER_FIELDS = new Set(['lat', 'lng', 'totalSpaces', 'evChargers', 'accessibleSpaces']);
const BOOL_FIELDS = new Set(['accessible', 'thirdRestroom', 'babyRoom']);
/** Chinese headers accepted as well (a spreadsheet prepared by the bureau). */
const HEADER_ALIASES: Record<string, string> = {
  编号: 'id', 名称: 'name', 地址: 'address', 纬度: 'lat', 经度: 'lng', 坐标系: 'coordSys', 类型: 'kind', 开放时间: 'openingHours',
  总车位: 'totalSpaces', 总车位数: 'totalSpaces', 收费: 'feeText', 收费说明: 'feeText', 充电桩: 'evChargers', 无障碍车位: 'accessibleSpaces',
  无障碍: 'accessible', 第三卫生间: 'thirdRestroom', 母婴室: 'babyRoom', 管理单位: 'managingUnit',
};
const OBJECT_ID = OBJECT_ID_RE;

/** CSV text → raw rows (row = CSV record number, header = 1). Unknown columns are ignored (export extras). */
export function csvRows(text: string, type: PoiType): { rows: RawRow[]; errors: RowError[] } {
  const records = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  const header = (records[0] ?? []).map((h) => {
    const t = h.trim();
    return HEADER_ALIASES[t] ?? t;
  });
  const missing = ['name', 'lat', 'lng', 'kind'].filter((c) => !header.includes(c));
  if (type === 'carPark' && !header.includes('totalSpaces')) missing.push('totalSpaces');
  if (missing.length) return { rows: [], errors: missing.map((c) => ({ row: 1, field: c, message: `缺少必需的列 ${c}` })) };
  const known = new Set(COLUMNS[type]);
  const rows = records.slice(1).map((rec, i) => {
    const values: Record<string, unknown> = {};
    header.forEach((h, col) => {
      if (known.has(h)) values[h] = (rec[col] ?? '').trim();
    });
    return { row: i + 2, values };
  });
  return { rows, errors: [] };
}

/** GeoJSON FeatureCollection of Points → raw rows (row = feature number from 1). */
export function geojsonRows(doc: unknown): { rows: RawRow[]; errors: RowError[] } {
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { rows: [], errors: [{ row: 0, field: 'type', message: 'GeoJSON 必须是 FeatureCollection' }] };
  }
  const rows: RawRow[] = [];
  const errors: RowError[] = [];
  fc.features.forEach((f: unknown, i: number) => {
    const feat = f as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: unknown };
    const c = feat?.geometry?.coordinates;
    if (feat?.geometry?.type !== 'Point' || !Array.isArray(c) || c.length < 2) {
      errors.push({ row: i + 1, field: 'geometry', message: '几何类型必须是 Point（[经度, 纬度]）' });
      return;
    }
    const props = feat.properties && typeof feat.properties === 'object' ? (feat.properties as Record<string, unknown>) : {};
    rows.push({ row: i + 1, values: { ...props, lng: c[0], lat: c[1] } });
  });
  return { rows, errors };
}

function toBool(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim().toLowerCase();
  if (['', '否', 'false', '0', 'no', 'n'].includes(t)) return false;
  if (['是', 'true', '1', 'yes', 'y', '有'].includes(t)) return true;
  return v; // zod reports it
}

/** Raw (CSV strings or GeoJSON values) → the create-request shape, or a field error. */
function toRequest(values: Record<string, unknown>): { req: Record<string, unknown>; error?: RowError & { row: 0 } } {
  const req: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k === 'id' || k === 'lat' || k === 'lng') continue;
    if (v === '' && k !== 'name' && k !== 'kind') continue; // empty optional cell → default
    if (NUMBER_FIELDS.has(k) && typeof v === 'string') req[k] = v.trim() === '' ? undefined : Number(v);
    else if (BOOL_FIELDS.has(k)) req[k] = toBool(v);
    else if (k === 'openingHours' && typeof v === 'string') {
      const parsed = parseOpeningHours(v);
      if ('error' in parsed) return { req, error: { row: 0, field: 'openingHours', message: parsed.error } };
      req[k] = parsed.value;
    } else req[k] = v;
  }
  const num = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v);
  req.location = { lat: num(values.lat), lng: num(values.lng) };
  return { req };
}

/**
 * Validates every row; `resolveDistrict` maps a GCJ-02 point to its county-level division (null =
 * outside the city). `fileCoordSys` applies unless a row names its own.
 */
export function validateRows<T extends PoiType>(
  type: T,
  rows: RawRow[],
  fileCoordSys: CoordSys,
  resolveDistrict: (p: LatLng) => { code: string } | null,
): { valid: ValidRow<T extends 'carPark' ? CarParkInput : ToiletInput>[]; errors: RowError[] } {
  const schema = type === 'carPark' ? CarParkWriteRequest : ToiletWriteRequest;
  const valid: ValidRow<CarParkInput | ToiletInput>[] = [];
  const errors: RowError[] = [];
  const seenIds = new Set<string>();
  for (const raw of rows) {
    const { req, error } = toRequest(raw.values);
    if (error) {
      errors.push({ ...error, row: raw.row });
      continue;
    }
    if (req.coordSys === undefined) req.coordSys = fileCoordSys;
    const parsed = schema.safeParse(req);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String);
        const field = path[0] === 'location' ? (path[1] ?? 'location') : path.join('.');
        errors.push({ row: raw.row, field, message: issue.message });
      }
      continue;
    }
    const id = typeof raw.values.id === 'string' && raw.values.id.trim() ? raw.values.id.trim() : undefined;
    if (id && !OBJECT_ID.test(id)) {
      errors.push({ row: raw.row, field: 'id', message: 'id 格式无效（留空表示新增）' });
      continue;
    }
    if (id && seenIds.has(id)) {
      errors.push({ row: raw.row, field: 'id', message: '同一文件中 id 重复' });
      continue;
    }
    const { coordSys, ...data } = parsed.data;
    const location = toGcj02(data.location, coordSys);
    const district = resolveDistrict(location);
    if (!district) {
      errors.push({ row: raw.row, field: 'lat', message: '坐标不在本市范围内（请检查经纬度及坐标系）' });
      continue;
    }
    if (id) seenIds.add(id);
    valid.push({ row: raw.row, ...(id ? { id } : {}), data: { ...data, location }, districtCode: district.code });
  }
  return { valid: valid as ValidRow<T extends 'carPark' ? CarParkInput : ToiletInput>[], errors };
}
