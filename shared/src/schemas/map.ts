import { z } from 'zod';
import { QueryFlag } from './common';
import { OPEN_STATES } from '../ticket/machine';

/**
 * Maps: the offline vector base (district, zone and street-unit outlines / anchors), the raster tile
 * provider the operator configured, and the console's map of open tickets. Positions are GCJ-02 unless
 * a field says otherwise.
 */

/** Datum of a raster tile provider: Tencent/AMap tiles are GCJ-02, 天地图 is CGCS2000 (≈ WGS-84). */
export const TileDatum = z.enum(['gcj02', 'wgs84']);
export type TileDatum = z.infer<typeof TileDatum>;

export const MapConfigResponse = z.object({
  /** null: no provider configured, the clients draw the vector base only */
  tiles: z
    .object({
      /** Leaflet-style template ({z}/{x}/{y}, optional {s}); the key is already filled in */
      urlTemplate: z.string(),
      subdomains: z.array(z.string()),
      datum: TileDatum,
      attribution: z.string(),
      maxZoom: z.number().int(),
    })
    .nullable(),
  /** where the map opens when nothing is chosen yet (GCJ-02) */
  center: z.object({ lat: z.number(), lng: z.number() }),
  zoom: z.number().int(),
});
export type MapConfigResponse = z.infer<typeof MapConfigResponse>;

/** [lng, lat] rounded; rings closed. */
const Ring = z.array(z.tuple([z.number(), z.number()]));

export const MapBaseArea = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['district', 'zone']),
  demo: z.boolean(),
  /** where the label goes (GCJ-02) */
  label: z.object({ lat: z.number(), lng: z.number() }),
  /** polygons → rings, simplified for drawing (not for routing: the server routes on the full geometry) */
  polygons: z.array(z.array(Ring)),
});
export type MapBaseArea = z.infer<typeof MapBaseArea>;

export const MapBaseStreet = z.object({
  code: z.string(),
  name: z.string(),
  countyAdcode: z.string(),
  /** the unit's seat, when the data set has one */
  center: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type MapBaseStreet = z.infer<typeof MapBaseStreet>;

export const MapBaseResponse = z.object({
  version: z.number(),
  areas: z.array(MapBaseArea),
  streets: z.array(MapBaseStreet),
});
export type MapBaseResponse = z.infer<typeof MapBaseResponse>;

export const TicketMapQuery = z.object({
  status: z.enum(OPEN_STATES as unknown as [string, ...string[]], { error: '地图只显示未办结的工单状态' }).optional(),
  districtCode: z.string().trim().max(32).optional(),
  categoryCode: z.string().trim().regex(/^\d{5}$/, '问题类型编码应为 5 位数字').optional(),
  overdue: QueryFlag.optional(),
});
export type TicketMapQuery = z.infer<typeof TicketMapQuery>;

export const TicketMapMarker = z.object({
  id: z.string(),
  trackingNo: z.string(),
  lat: z.number(),
  lng: z.number(),
  status: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  categoryName: z.string(),
});
export type TicketMapMarker = z.infer<typeof TicketMapMarker>;

export const TicketMapResponse = z.object({
  markers: z.array(TicketMapMarker),
  /** open tickets that match (exact when `totalExact`; else at least this many) */
  total: z.number().int(),
  totalExact: z.boolean(),
  /** markers are capped at this many, the most urgent (earliest due) first */
  cap: z.number().int(),
});
export type TicketMapResponse = z.infer<typeof TicketMapResponse>;
