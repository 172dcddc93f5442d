import { randomInt } from 'node:crypto';
import type { OpeningHours } from '@cgt/shared/poi/opening-hours';
import type { AppDeps } from '../deps.js';
import { NearbyIndex } from '../domain/poi/nearby-index.js';
import type { CarParkEntry, OccupancyReading, ToiletEntry } from '../domain/poi/present.js';
import { routingSnapshot } from './routing.js';

/**
 * The in-memory car park / toilet index of one database, kept current across instances:
 * - built from the collections at first use (10,000 places load in well under a second);
 * - every write bumps a version document (Counter `poi-data`, or `poi-occupancy` for free-space
 *   readings); each instance reads both at most every CHECK_MS and rebuilds in the background, serving
 *   the old index meanwhile. A write on this instance makes its next reader wait for the rebuild, so an
 *   administrator sees their own edit at once.
 * - The version is $set to a fresh random value rather than $inc'ed: FerretDB loses concurrent
 *   increments, and two racing writes could then leave the counter where another instance last saw it.
 *   Any write that lands after an instance's read changes the value it compares against.
 * - Free-space readings are an overlay (id → reading), reloaded alone when only `poi-occupancy` moved, so
 *   a feed every minute never rebuilds the spatial index. Merging keeps the later reading per car park.
 */

export const POI_DATA_VERSION = 'poi-data';
export const POI_OCCUPANCY_VERSION = 'poi-occupancy';
const CHECK_MS = 3000;

export interface PoiSnapshot {
  carParks: NearbyIndex<CarParkEntry>;
  toilets: NearbyIndex<ToiletEntry>;
  carParkById: Map<string, CarParkEntry>;
  toiletById: Map<string, ToiletEntry>;
  /** any demo record left (the UI shows 示例数据) */
  demoCarParks: boolean;
  demoToilets: boolean;
}

interface State {
  snapshot?: PoiSnapshot;
  dataVersion?: number;
  occVersion?: number;
  occupancy: Map<string, OccupancyReading>;
  gen: number;
  builtGen: number;
  building?: Promise<void>;
  checkedAt: number;
  checking?: Promise<void>;
}

const states = new WeakMap<object, State>();

function stateOf(deps: Pick<AppDeps, 'models'>): State {
  let st = states.get(deps.models);
  if (!st) {
    st = { gen: 0, builtGen: -1, checkedAt: 0, occupancy: new Map() };
    states.set(deps.models, st);
  }
  return st;
}

type Deps = Pick<AppDeps, 'models' | 'connection' | 'logger'>;

async function versions(deps: Pick<AppDeps, 'models'>): Promise<[number, number]> {
  const [d, o] = await Promise.all([
    deps.models.Counter.findById(POI_DATA_VERSION).lean(),
    deps.models.Counter.findById(POI_OCCUPANCY_VERSION).lean(),
  ]);
  return [d?.seq ?? 0, o?.seq ?? 0];
}

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

async function loadOccupancy(deps: Pick<AppDeps, 'models'>, st: State): Promise<void> {
  const docs = await deps.models.ParkingOccupancy.find({}).lean();
  const next = new Map<string, OccupancyReading>();
  for (const d of docs) next.set(d._id, { freeSpaces: d.freeSpaces, updatedAt: new Date(d.updatedAt) });
  // a reading written on this instance while the query ran must not go back to the older stored one
  for (const [id, r] of st.occupancy) {
    const loaded = next.get(id);
    if (!loaded || loaded.updatedAt < r.updatedAt) next.set(id, r);
  }
  st.occupancy = next;
}

async function build(deps: Deps, st: State): Promise<void> {
  const gen = st.gen;
  // versions first: a write landing during the reads below makes the next check rebuild again
  const [dataVersion, occVersion] = await versions(deps);
  const [parks, toilets, routing] = await Promise.all([
    deps.models.CarPark.find({}).lean(),
    deps.models.Toilet.find({}).lean(),
    routingSnapshot(deps),
    loadOccupancy(deps, st),
  ]);
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
  st.snapshot = {
    carParks: new NearbyIndex(parkEntries),
    toilets: new NearbyIndex(toiletEntries),
    carParkById: new Map(parkEntries.map((e) => [e.id, e])),
    toiletById: new Map(toiletEntries.map((e) => [e.id, e])),
    demoCarParks: parkEntries.some((e) => e.demo),
    demoToilets: toiletEntries.some((e) => e.demo),
  };
  st.dataVersion = dataVersion;
  st.occVersion = occVersion;
  st.builtGen = gen;
  st.checkedAt = performance.now();
}

function startBuild(deps: Deps, st: State): Promise<void> {
  st.building ??= build(deps, st).finally(() => {
    st.building = undefined;
  });
  return st.building;
}

/** The current snapshot; waits only for the first build or after a write on this instance. */
export async function getPoiSnapshot(deps: Deps): Promise<PoiSnapshot> {
  const st = stateOf(deps);
  while (!st.snapshot || st.builtGen < st.gen) await startBuild(deps, st);
  if (performance.now() - st.checkedAt >= CHECK_MS && !st.checking) {
    void refreshPoiIndexIfChanged(deps).catch((err: unknown) => deps.logger.warn({ err }, 'poi index version check failed'));
  }
  return st.snapshot;
}

/** The latest free-space reading known to this instance. */
export function occupancyOf(deps: Pick<AppDeps, 'models'>, carParkId: string): OccupancyReading | undefined {
  return stateOf(deps).occupancy.get(carParkId);
}

/** Reads both versions; rebuilds (data) or reloads the overlay (occupancy) when they moved. true = something reloaded. */
export async function refreshPoiIndexIfChanged(deps: Deps): Promise<boolean> {
  const st = stateOf(deps);
  let changed = false;
  st.checking ??= (async () => {
    st.checkedAt = performance.now();
    const [data, occ] = await versions(deps);
    if (data !== st.dataVersion) {
      await startBuild(deps, st);
      changed = true;
    } else if (occ !== st.occVersion) {
      st.occVersion = occ;
      await loadOccupancy(deps, st);
      changed = true;
    }
  })().finally(() => {
    st.checking = undefined;
  });
  await st.checking;
  return changed;
}

function freshVersion(): number {
  return Date.now() * 1000 + randomInt(1000);
}

/** After every car park / toilet write (admin, import, seed): all instances rebuild. */
export async function poiDataChanged(deps: Pick<AppDeps, 'models'>): Promise<void> {
  await deps.models.Counter.updateOne({ _id: POI_DATA_VERSION }, { $set: { seq: freshVersion() } }, { upsert: true }).catch(retryDuplicate(deps, POI_DATA_VERSION));
  stateOf(deps).gen++;
}

/** After a free-space reading was stored: this instance has it at once, others at their next check. */
export async function occupancyChanged(deps: Pick<AppDeps, 'models'>, carParkId: string, reading: OccupancyReading): Promise<void> {
  const st = stateOf(deps);
  const old = st.occupancy.get(carParkId);
  if (!old || old.updatedAt <= reading.updatedAt) st.occupancy.set(carParkId, reading);
  await deps.models.Counter.updateOne({ _id: POI_OCCUPANCY_VERSION }, { $set: { seq: freshVersion() } }, { upsert: true }).catch(retryDuplicate(deps, POI_OCCUPANCY_VERSION));
}

/** Two first-ever upserts of the same _id race into E11000 on FerretDB: the loser retries as an update. */
function retryDuplicate(deps: Pick<AppDeps, 'models'>, id: string) {
  return async (err: unknown) => {
    if ((err as { code?: number }).code !== 11000) throw err;
    await deps.models.Counter.updateOne({ _id: id }, { $set: { seq: freshVersion() } });
  };
}
