import { z } from 'zod';
import { shortText } from '../format/short-text';

/** Districts and functional zones (/api/v1/districts, /api/v1/admin/zones/import). Positions are GCJ-02. */

export const AreaKindSchema = z.enum(['district', 'zone']);

export const DistrictView = z.object({
  code: z.string(),
  name: z.string(),
  kind: AreaKindSchema,
  /** a demo boundary, to be replaced by the bureau's official one */
  demo: z.boolean(),
  /** for zones: the county-level divisions it lies in */
  parentCodes: z.array(z.string()),
  center: z.object({ lat: z.number(), lng: z.number() }),
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  source: z.string(),
  /** GeoJSON Polygon/MultiPolygon, only with ?withGeometry=1 */
  geometry: z.record(z.string(), z.unknown()).optional(),
});
export type DistrictView = z.infer<typeof DistrictView>;

export const ListDistrictsQuery = z.object({
  withGeometry: z.enum(['0', '1', 'true', 'false']).optional(),
  kind: AreaKindSchema.optional(),
});

export const ListDistrictsResponse = z.object({ items: z.array(DistrictView) });
export type ListDistrictsResponse = z.infer<typeof ListDistrictsResponse>;

/**
 * Zone import: a GeoJSON FeatureCollection or a single Feature. Geometry is checked in depth by the
 * server (validatePolygon), so it is only shaped as an object here.
 */
const ZoneFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    code: z.string().trim().regex(/^[A-Za-z0-9_-]{2,32}$/, '代码为 2–32 位字母、数字或 _-').optional(),
    name: shortText('功能区名称').min(1, '请填写功能区名称').max(64),
  }).loose(),
  geometry: z.record(z.string(), z.unknown()),
});
export const ZoneImportRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('FeatureCollection'), features: z.array(ZoneFeature).min(1, '至少需要一个要素').max(50) }),
  ZoneFeature,
]);
export type ZoneImportRequest = z.infer<typeof ZoneImportRequest>;

export const ZoneImportResponse = z.object({ imported: z.number().int(), zones: z.array(DistrictView) });
