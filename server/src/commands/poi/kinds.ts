import type { AppDeps } from '../../deps.js';
import type { CarParkEntry, ToiletEntry } from '../../domain/poi/entries.js';
import type { PoiType } from '../../domain/poi/import-rows.js';
import type { PoiSnapshot } from '../../services/poi-index.js';

/** The few model operations the POI commands use, typed once for both collections. */
export interface PoiModel {
  create(doc: Record<string, unknown>): Promise<{ _id: unknown }>;
  insertMany(docs: Record<string, unknown>[], opts: { ordered: boolean }): Promise<unknown>;
  updateOne(filter: Record<string, unknown>, update: Record<string, unknown>): Promise<{ matchedCount: number }>;
  bulkWrite(ops: { updateOne: { filter: Record<string, unknown>; update: Record<string, unknown> } }[], opts: { ordered: boolean }): Promise<unknown>;
  deleteOne(filter: Record<string, unknown>): Promise<{ deletedCount: number }>;
  deleteMany(filter: Record<string, unknown>): Promise<{ deletedCount: number }>;
  find(filter: Record<string, unknown>, projection: Record<string, number>): { lean(): Promise<{ _id: unknown; demo?: boolean | null }[]> };
}

export type PoiEntry = CarParkEntry | ToiletEntry;

/** What differs between car parks and toilets where they are stored: collection, name, audit target, index lookups. */
export interface PoiStore {
  type: PoiType;
  label: string;
  auditTarget: string;
  model(deps: AppDeps): PoiModel;
  entries(snap: PoiSnapshot): readonly PoiEntry[];
  byId(snap: PoiSnapshot, id: string): PoiEntry | undefined;
}

export const POI_STORES: Record<PoiType, PoiStore> = {
  carPark: {
    type: 'carPark',
    label: '停车场',
    auditTarget: 'car_park',
    model: (deps) => deps.models.CarPark as unknown as PoiModel,
    entries: (snap) => snap.carParks.items,
    byId: (snap, id) => snap.carParkById.get(id),
  },
  toilet: {
    type: 'toilet',
    label: '公厕',
    auditTarget: 'toilet',
    model: (deps) => deps.models.Toilet as unknown as PoiModel,
    entries: (snap) => snap.toilets.items,
    byId: (snap, id) => snap.toiletById.get(id),
  },
};
