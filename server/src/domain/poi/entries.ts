import type { CarParkView } from '@cgt/shared/schemas/parking';
import type { ToiletView } from '@cgt/shared/schemas/toilets';
import type { OpeningHours } from '@cgt/shared/poi/opening-hours';

/** What the in-memory index holds per place (the database document, flattened and typed). */
export interface PoiEntryBase {
  id: string;
  name: string;
  address: string;
  location: { lat: number; lng: number };
  districtCode: string;
  districtName: string;
  openingHours: OpeningHours;
  demo: boolean;
}
export interface CarParkEntry extends PoiEntryBase {
  kind: CarParkView['kind'];
  totalSpaces: number;
  feeText: string;
  evChargers: number;
  accessibleSpaces: number;
}
export interface ToiletEntry extends PoiEntryBase {
  kind: ToiletView['kind'];
  accessible: boolean;
  thirdRestroom: boolean;
  babyRoom: boolean;
  managingUnit: string;
}
export interface OccupancyReading {
  freeSpaces: number;
  updatedAt: Date;
}

const DEMO_BUCKET_MS = 5 * 60_000;

function hash32(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A plausible, deterministic free-space count for a DEMO car park that has no operator feed, so the
 * 找车位 demo shows something other than "no data" (marked occupancySource 'demo', and the whole car
 * park is 示例数据). Busier in the day; changes every 5 minutes; 0 while closed. Never used for real data.
 */
export function demoOccupancy(e: CarParkEntry, now: Date, open: boolean): OccupancyReading {
  const bucket = Math.floor(now.getTime() / DEMO_BUCKET_MS) * DEMO_BUCKET_MS;
  const hour = new Date(bucket + 8 * 3600_000).getUTCHours();
  const busy = hour >= 8 && hour < 20 ? 0.8 : 0.35;
  const noise = (hash32(`${e.id}:${bucket}`) % 1000) / 1000;
  const occupied = Math.min(1, Math.max(0, busy + (noise - 0.5) * 0.5));
  return { freeSpaces: open ? Math.round(e.totalSpaces * (1 - occupied)) : 0, updatedAt: new Date(bucket) };
}
