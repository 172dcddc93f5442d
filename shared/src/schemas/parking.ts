import { z } from 'zod';
import { shortText } from '../format/short-text';
import { ObjectIdString, QueryFlag } from './common';

/**
 * Car parks (找车位): public nearby search and operator occupancy feed under /api/v1/parking, the
 * administrators' car parks / operators / import / export under /api/v1/admin/parking. Positions are
 * GCJ-02; nearby input may say coordSys=wgs84 and is converted. Shared by the toilet schemas too.
 */

export const CAR_PARK_KINDS = ['公共停车场', '路内泊位', '学校错时开放', '商业'] as const;
export const CarParkKind = z.enum(CAR_PARK_KINDS, { message: `类型必须是 ${CAR_PARK_KINDS.join('、')} 之一` });

/** Free-space readings older than this are shown as stale (数据可能已过时). */
export const OCCUPANCY_STALE_MS = 15 * 60_000;
export const NEARBY_RADIUS_DEFAULT = 2000;
export const NEARBY_RADIUS_MAX = 20000;
export const NEARBY_LIMIT_DEFAULT = 20;
export const NEARBY_LIMIT_MAX = 100;

export const LatLngSchema = z.object({
  lat: z.number({ message: '纬度必须是数字' }).min(-90, '纬度超出范围').max(90, '纬度超出范围'),
  lng: z.number({ message: '经度必须是数字' }).min(-180, '经度超出范围').max(180, '经度超出范围'),
});

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, '时间格式应为 HH:MM');
export const OpeningRuleSchema = z.object({
  days: z.array(z.number().int().min(1, '星期为 1–7').max(7, '星期为 1–7')).min(1, '至少选择一天'),
  dayType: z.enum(['workday', 'restday']).optional(),
  open: hhmm,
  close: hhmm,
});
export const OpeningHoursSchema = z.object({ is24h: z.boolean(), rules: z.array(OpeningRuleSchema).max(20, '时段最多 20 个') });

/** Query-string booleans: true/false/1/0. */

export const NearbyBaseQuery = z.object({
  lat: z.coerce.number({ message: '纬度必须是数字' }).min(-90, '纬度超出范围').max(90, '纬度超出范围'),
  lng: z.coerce.number({ message: '经度必须是数字' }).min(-180, '经度超出范围').max(180, '经度超出范围'),
  coordSys: z.enum(['gcj02', 'wgs84'], { message: '坐标系只能是 gcj02 或 wgs84' }).default('gcj02'),
  radius: z.coerce.number().int('radius 必须是整数（米）').min(1, 'radius 最小为 1 米').max(NEARBY_RADIUS_MAX, `radius 最大为 ${NEARBY_RADIUS_MAX} 米`).default(NEARBY_RADIUS_DEFAULT),
  limit: z.coerce.number().int('limit 必须是整数').min(1, 'limit 最小为 1').max(NEARBY_LIMIT_MAX, `limit 最大为 ${NEARBY_LIMIT_MAX}`).default(NEARBY_LIMIT_DEFAULT),
});

export const ParkingNearbyQuery = NearbyBaseQuery.extend({ hasFree: QueryFlag.optional() });
export type ParkingNearbyQuery = z.infer<typeof ParkingNearbyQuery>;

const poiCommon = {
  id: z.string(),
  name: z.string(),
  address: z.string(),
  /** GCJ-02 */
  location: z.object({ lat: z.number(), lng: z.number() }),
  districtCode: z.string(),
  districtName: z.string(),
  openingHours: OpeningHoursSchema,
  /** Chinese summary, e.g. 工作日 18:00–次日07:30；休息日及节假日 全天 */
  openingHoursText: z.string(),
  /** evaluated now in Asia/Shanghai */
  openNow: z.boolean(),
  /** generated sample data (示例数据) until an administrator imports real data */
  demo: z.boolean(),
};
export const PoiCommonFields = poiCommon;

export const CarParkView = z.object({
  ...poiCommon,
  kind: CarParkKind,
  totalSpaces: z.number().int(),
  /** null = no reading */
  freeSpaces: z.number().int().nullable(),
  /** time of the free-space reading (ISO), null when none */
  updatedAt: z.string().nullable(),
  /** reading older than 15 minutes (or none): show as 数据可能已过时 */
  stale: z.boolean(),
  /** operator = live feed; demo = simulated for demo car parks without a feed; none = no data */
  occupancySource: z.enum(['operator', 'demo', 'none']),
  feeText: z.string(),
  evChargers: z.number().int(),
  accessibleSpaces: z.number().int(),
});
export type CarParkView = z.infer<typeof CarParkView>;

export const CarParkNearbyItem = CarParkView.extend({ distanceMeters: z.number().int() });
export const ParkingNearbyResponse = z.object({
  items: z.array(CarParkNearbyItem),
  /** the search centre in GCJ-02 (after conversion from WGS-84) */
  origin: z.object({ lat: z.number(), lng: z.number() }),
  /** true while any car park is still generated demo data */
  demo: z.boolean(),
});
export type ParkingNearbyResponse = z.infer<typeof ParkingNearbyResponse>;

export const PoiIdParams = z.object({ id: ObjectIdString('id 格式无效') });

export const OccupancyRequest = z.object({ freeSpaces: z.number({ message: 'freeSpaces 必须是整数' }).int('freeSpaces 必须是整数') });
export const OccupancyHeaders = z.object({ 'x-api-key': z.string().describe('运营方 API Key（由管理员签发）') });
export const OccupancyResponse = z.object({ id: z.string(), freeSpaces: z.number().int(), totalSpaces: z.number().int(), updatedAt: z.string(), stale: z.boolean() });

// ---- administration ----

const text = (max: number, label: string) => shortText(label, `${label}必须是文本`).max(max, `${label}最多 ${max} 个字`);
const count = (label: string) => z.number({ message: `${label}必须是整数` }).int(`${label}必须是整数`).min(0, `${label}不能为负数`).max(100000, `${label}过大`);

const carParkFields = {
  name: text(60, '名称').min(1, '请填写名称'),
  address: text(120, '地址'),
  location: LatLngSchema,
  coordSys: z.enum(['gcj02', 'wgs84']),
  kind: CarParkKind,
  totalSpaces: count('总车位数'),
  feeText: text(200, '收费说明'),
  openingHours: OpeningHoursSchema,
  evChargers: count('充电桩数'),
  accessibleSpaces: count('无障碍车位数'),
};
export const CarParkWriteRequest = z.object({
  ...carParkFields,
  address: carParkFields.address.default(''),
  coordSys: carParkFields.coordSys.default('gcj02'),
  feeText: carParkFields.feeText.default(''),
  openingHours: OpeningHoursSchema.default({ is24h: true, rules: [] }),
  evChargers: carParkFields.evChargers.default(0),
  accessibleSpaces: carParkFields.accessibleSpaces.default(0),
});
/** PATCH: only the fields sent change (no defaults); a location may say coordSys. */
export const CarParkPatchRequest = z
  .object(carParkFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项');

export const AdminPoiListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  q: z.string().trim().max(60).optional(),
  districtCode: z.string().max(12).optional(),
  kind: z.string().max(20).optional(),
  demo: QueryFlag.optional(),
});
export const CarParkListResponse = z.object({ items: z.array(CarParkView), total: z.number().int() });

export const ImportQuery = z.object({
  mode: z.enum(['all-or-nothing', 'valid-only'], { message: 'mode 只能是 all-or-nothing 或 valid-only' }).default('all-or-nothing'),
  /** coordinates in the file (CSV rows may override with a coordSys column) */
  coordSys: z.enum(['gcj02', 'wgs84']).default('gcj02'),
});
export const ImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const ImportResponse = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** demo records removed because real data arrived */
  demoRemoved: z.number().int(),
  errors: z.array(ImportRowError),
});
export const ExportQuery = z.object({ format: z.enum(['csv', 'geojson']).default('csv'), coordSys: z.enum(['gcj02', 'wgs84']).default('gcj02') });

export const OperatorCreateRequest = z.object({
  name: text(60, '运营方名称').min(1, '请填写运营方名称'),
  parkingIds: z.array(ObjectIdString('停车场 id 格式无效')).max(1000).default([]),
});
export const OperatorPatchRequest = z.object({
  name: text(60, '运营方名称').min(1, '请填写运营方名称').optional(),
  parkingIds: z.array(ObjectIdString('停车场 id 格式无效')).max(1000).optional(),
  active: z.boolean().optional(),
});
export const OperatorView = z.object({
  id: z.string(),
  name: z.string(),
  parkingIds: z.array(z.string()),
  /** first characters of the key, to tell keys apart (the key itself is never shown again) */
  keyPrefix: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export const OperatorCreatedResponse = OperatorView.extend({ apiKey: z.string().describe('仅此一次显示，请妥善保存') });
export const OperatorListResponse = z.object({ items: z.array(OperatorView), total: z.number().int() });
