import { OCCUPANCY_STALE_MS, type CarParkView } from '@cgt/shared/schemas/parking';
import type { ToiletView } from '@cgt/shared/schemas/toilets';
import { describeOpeningHours, isOpenAt, type OpeningHours } from '@cgt/shared/poi/opening-hours';

/** What the in-memory index holds per place (the database document, flattened and typed). */
interface PoiEntryBase {
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

function common(e: PoiEntryBase, now: Date) {
  const openNow = isOpenAt(e.openingHours, now);
  return {
    id: e.id,
    name: e.name,
    address: e.address,
    location: { lat: e.location.lat, lng: e.location.lng },
    districtCode: e.districtCode,
    districtName: e.districtName,
    openingHours: e.openingHours,
    openingHoursText: describeOpeningHours(e.openingHours),
    openNow,
    demo: e.demo,
  };
}

export function presentCarPark(e: CarParkEntry, reading: OccupancyReading | undefined, now: Date): CarParkView {
  const base = common(e, now);
  let occ: Pick<CarParkView, 'freeSpaces' | 'updatedAt' | 'stale' | 'occupancySource'>;
  if (reading) {
    occ = {
      freeSpaces: reading.freeSpaces,
      updatedAt: reading.updatedAt.toISOString(),
      stale: now.getTime() - reading.updatedAt.getTime() > OCCUPANCY_STALE_MS,
      occupancySource: 'operator',
    };
  } else if (e.demo) {
    const sim = demoOccupancy(e, now, base.openNow);
    occ = { freeSpaces: sim.freeSpaces, updatedAt: sim.updatedAt.toISOString(), stale: false, occupancySource: 'demo' };
  } else occ = { freeSpaces: null, updatedAt: null, stale: true, occupancySource: 'none' };
  return {
    ...base,
    kind: e.kind,
    totalSpaces: e.totalSpaces,
    ...occ,
    feeText: e.feeText,
    evChargers: e.evChargers,
    accessibleSpaces: e.accessibleSpaces,
  };
}

export function presentToilet(e: ToiletEntry, now: Date): ToiletView {
  return {
    ...common(e, now),
    kind: e.kind,
    open24h: e.openingHours.is24h,
    accessible: e.accessible,
    thirdRestroom: e.thirdRestroom,
    babyRoom: e.babyRoom,
    managingUnit: e.managingUnit,
  };
}
