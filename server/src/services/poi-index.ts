import type { OpeningHours } from '@cgt/shared/poi/opening-hours';
import type { AppDeps } from '../deps.js';
import { currentGenerationSnapshot } from '../db/snapshot.js';
import { NearbyIndex } from '../domain/poi/nearby-index.js';
import type { CarParkEntry, OccupancyReading, ToiletEntry } from '../domain/poi/entries.js';
import { routingSnapshot } from './routing.js';

/**
 * The in-memory car park / toilet index of one database, kept current across instances as two
 * current-generation snapshots (db/snapshot.ts):
 * - the places (generation `poi-data`), built at first use (10,000 places load in well under a second)
 *   and rebuilt in the background when another instance wrote, serving the old index meanwhile; a write
 *   on this instance makes its next reader wait for the rebuild, so an administrator sees their own edit;
 * - free-space readings (generation `poi-occupancy`), an overlay (id → reading) reloaded alone, so a feed
 *   every minute never rebuilds the spatial index. Merging keeps the later reading per car park.
 */

export const POI_DATA_GENERATION = 'poi-data';
export const POI_OCCUPANCY_GENERATION = 'poi-occupancy';

export interface PoiSnapshot {
  carParks: NearbyIndex<CarParkEntry>;
  toilets: NearbyIndex<ToiletEntry>;
  carParkById: Map<string, CarParkEntry>;
  toiletById: Map<string, ToiletEntry>;
  /** any demo record left (the UI shows 示例数据) */
  demoCarParks: boolean;
  demoToilets: boolean;
}

type Deps = Pick<AppDeps, 'models' | 'logger'>;

const places = currentGenerationSnapshot<PoiSnapshot, Deps>({ generation: POI_DATA_GENERATION, build: (deps) => buildPlaces(deps) });
const occupancy = currentGenerationSnapshot<Map<string, OccupancyReading>, Deps>({
  generation: POI_OCCUPANCY_GENERATION,
  build: (deps, { current }) => loadOccupancy(deps, current),
});

interface HoursLean {
  is24h?: boolean | null;
  rules?: { days?: number[] | null; dayType?: string | null; open?: string | null; close?: string | null }[] | null;
}
function hoursOf(h: HoursLean | null | undefined): OpeningHours {
  if (!h || h.is24h !== false) return { is24h: true, rules: [] };
  return {
    is24h: false,
    rules: (h.rules ?? []).map((r) => ({
      days: [...(r.days ?? [])],
      ...(r.dayType === 'workday' || r.dayType === 'restday' ? { dayType: r.dayType } : {}),
      open: r.open ?? '00:00',
      close: r.close ?? '24:00',
    })),
  };
}

interface PlaceLean {
  _id: unknown;
  name: string;
  address?: string | null;
  location?: { lat?: number | null; lng?: number | null } | null;
  districtCode: string;
  openingHours?: HoursLean | null;
  demo?: boolean | null;
}

async function loadOccupancy(deps: Deps, current: () => Map<string, OccupancyReading> | undefined): Promise<Map<string, OccupancyReading>> {
  const docs = await deps.models.ParkingOccupancy.find({}).lean();
  const next = new Map<string, OccupancyReading>();
  for (const d of docs) next.set(d._id, { freeSpaces: d.freeSpaces, updatedAt: new Date(d.updatedAt) });
  // a reading written on this instance while the query ran must not go back to the older stored one
  for (const [id, r] of current() ?? []) {
    const loaded = next.get(id);
    if (!loaded || loaded.updatedAt < r.updatedAt) next.set(id, r);
  }
  return next;
}

async function buildPlaces(deps: Deps): Promise<PoiSnapshot> {
  const [parks, toilets, routing] = await Promise.all([deps.models.CarPark.find({}).lean(), deps.models.Toilet.find({}).lean(), routingSnapshot(deps)]);
  const districtName = (code: string) => routing.index.get(code)?.name ?? code;
  /** The fields car parks and toilets have in common. */
  const placeOf = (d: PlaceLean) => ({
    id: String(d._id),
    name: d.name,
    address: d.address ?? '',
    location: { lat: d.location?.lat ?? 0, lng: d.location?.lng ?? 0 },
    districtCode: d.districtCode,
    districtName: districtName(d.districtCode),
    openingHours: hoursOf(d.openingHours),
    demo: !!d.demo,
  });
  const parkEntries: CarParkEntry[] = parks.map((d) => ({
    ...placeOf(d),
    kind: d.kind as CarParkEntry['kind'],
    totalSpaces: d.totalSpaces,
    feeText: d.feeText ?? '',
    evChargers: d.evChargers ?? 0,
    accessibleSpaces: d.accessibleSpaces ?? 0,
  }));
  const toiletEntries: ToiletEntry[] = toilets.map((d) => ({
    ...placeOf(d),
    kind: d.kind as ToiletEntry['kind'],
    accessible: !!d.accessible,
    thirdRestroom: !!d.thirdRestroom,
    babyRoom: !!d.babyRoom,
    managingUnit: d.managingUnit ?? '',
  }));
  return {
    carParks: new NearbyIndex(parkEntries),
    toilets: new NearbyIndex(toiletEntries),
    carParkById: new Map(parkEntries.map((e) => [e.id, e])),
    toiletById: new Map(toiletEntries.map((e) => [e.id, e])),
    demoCarParks: parkEntries.some((e) => e.demo),
    demoToilets: toiletEntries.some((e) => e.demo),
  };
}

/** The current snapshot; waits only for the first build or after a write on this instance. */
export async function getPoiSnapshot(deps: Deps): Promise<PoiSnapshot> {
  // the overlay too, so that occupancyOf (synchronous) has the readings
  const [snapshot] = await Promise.all([places.get(deps), occupancy.get(deps)]);
  return snapshot;
}

/** The latest free-space reading known to this instance. */
export function occupancyOf(deps: Pick<AppDeps, 'models'>, carParkId: string): OccupancyReading | undefined {
  return occupancy.peek(deps)?.get(carParkId);
}

/** Reads both generations; rebuilds the places or reloads the overlay when they moved. true = something reloaded. */
export async function refreshPoiIndexIfChanged(deps: Deps): Promise<boolean> {
  const [data, occ] = await Promise.all([places.refreshIfChanged(deps), occupancy.refreshIfChanged(deps)]);
  return data || occ;
}

/** After every car park / toilet write (admin, import, seed): all instances rebuild. */
export async function poiDataChanged(deps: Pick<AppDeps, 'models'>): Promise<void> {
  await places.invalidate(deps);
}

/** After a free-space reading was stored: this instance has it at once, others at their next check. */
export async function occupancyChanged(deps: Pick<AppDeps, 'models'>, carParkId: string, reading: OccupancyReading): Promise<void> {
  const overlay = occupancy.peek(deps);
  const old = overlay?.get(carParkId);
  if (overlay && (!old || old.updatedAt <= reading.updatedAt)) overlay.set(carParkId, reading);
  await occupancy.announce(deps);
}
