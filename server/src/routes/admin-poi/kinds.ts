import type { z } from 'zod';
import { CarParkListResponse, CarParkPatchRequest, CarParkView, CarParkWriteRequest } from '@cgt/shared/schemas/parking';
import { ToiletListResponse, ToiletPatchRequest, ToiletView, ToiletWriteRequest } from '@cgt/shared/schemas/toilets';
import type { AppDeps } from '../../deps.js';
import type { PoiType } from '../../domain/poi/import-rows.js';
import { presentCarPark, presentToilet, type CarParkEntry, type ToiletEntry } from '../../domain/poi/present.js';
import { occupancyOf, type PoiSnapshot } from '../../services/poi-index.js';

/** The few model operations the admin routes use, typed once for both collections. */
export interface PoiModel {
  create(doc: Record<string, unknown>): Promise<{ _id: unknown }>;
  insertMany(docs: Record<string, unknown>[], opts: { ordered: boolean }): Promise<unknown>;
  updateOne(filter: Record<string, unknown>, update: Record<string, unknown>): Promise<{ matchedCount: number }>;
  bulkWrite(ops: { updateOne: { filter: Record<string, unknown>; update: Record<string, unknown> } }[], opts: { ordered: boolean }): Promise<unknown>;
  deleteOne(filter: Record<string, unknown>): Promise<{ deletedCount: number }>;
  deleteMany(filter: Record<string, unknown>): Promise<{ deletedCount: number }>;
  find(filter: Record<string, unknown>, projection: Record<string, number>): { lean(): Promise<{ _id: unknown; demo?: boolean | null }[]> };
}

type Entry = CarParkEntry | ToiletEntry;

/** Everything that differs between the car park and toilet administration. */
export interface PoiKind {
  type: PoiType;
  /** collection path, e.g. /api/v1/admin/parking/car-parks */
  base: string;
  label: string;
  tags: string[];
  auditTarget: string;
  write: z.ZodType;
  patch: z.ZodType;
  view: z.ZodType;
  list: z.ZodType;
  model(deps: AppDeps): PoiModel;
  entries(snap: PoiSnapshot): readonly Entry[];
  byId(snap: PoiSnapshot, id: string): Entry | undefined;
  present(deps: AppDeps, e: Entry, now: Date): Record<string, unknown>;
}

export const CAR_PARK_KIND: PoiKind = {
  type: 'carPark',
  base: '/api/v1/admin/parking/car-parks',
  label: '停车场',
  tags: ['找车位管理'],
  auditTarget: 'car_park',
  write: CarParkWriteRequest,
  patch: CarParkPatchRequest,
  view: CarParkView,
  list: CarParkListResponse,
  model: (deps) => deps.models.CarPark as unknown as PoiModel,
  entries: (snap) => snap.carParks.items,
  byId: (snap, id) => snap.carParkById.get(id),
  present: (deps, e, now) => presentCarPark(e as CarParkEntry, occupancyOf(deps, e.id), now),
};

export const TOILET_KIND: PoiKind = {
  type: 'toilet',
  base: '/api/v1/admin/toilets',
  label: '公厕',
  tags: ['找厕所管理'],
  auditTarget: 'toilet',
  write: ToiletWriteRequest,
  patch: ToiletPatchRequest,
  view: ToiletView,
  list: ToiletListResponse,
  model: (deps) => deps.models.Toilet as unknown as PoiModel,
  entries: (snap) => snap.toilets.items,
  byId: (snap, id) => snap.toiletById.get(id),
  present: (_deps, e, now) => presentToilet(e as ToiletEntry, now),
};
