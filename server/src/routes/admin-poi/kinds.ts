import type { z } from 'zod';
import { CarParkListResponse, CarParkPatchRequest, CarParkView, CarParkWriteRequest } from '@cgt/shared/schemas/parking';
import { ToiletListResponse, ToiletPatchRequest, ToiletView, ToiletWriteRequest } from '@cgt/shared/schemas/toilets';
import type { AppDeps } from '../../deps.js';
import type { CarParkEntry, ToiletEntry } from '../../domain/poi/entries.js';
import { POI_STORES, type PoiEntry, type PoiStore } from '../../commands/poi/kinds.js';
import { presentCarPark, presentToilet } from '../../presenters/poi.js';
import { occupancyOf } from '../../services/poi-index.js';

/** Everything that differs between the car park and toilet administration: where they are stored, and their HTTP face. */
export interface PoiKind extends PoiStore {
  /** collection path, e.g. /api/v1/admin/parking/car-parks */
  base: string;
  tags: string[];
  write: z.ZodType;
  patch: z.ZodType;
  view: z.ZodType;
  list: z.ZodType;
  present(deps: AppDeps, e: PoiEntry, now: Date): Record<string, unknown>;
}

export const CAR_PARK_KIND: PoiKind = {
  ...POI_STORES.carPark,
  base: '/api/v1/admin/parking/car-parks',
  tags: ['找车位管理'],
  write: CarParkWriteRequest,
  patch: CarParkPatchRequest,
  view: CarParkView,
  list: CarParkListResponse,
  present: (deps, e, now) => presentCarPark(e as CarParkEntry, occupancyOf(deps, e.id), now),
};

export const TOILET_KIND: PoiKind = {
  ...POI_STORES.toilet,
  base: '/api/v1/admin/toilets',
  tags: ['找厕所管理'],
  write: ToiletWriteRequest,
  patch: ToiletPatchRequest,
  view: ToiletView,
  list: ToiletListResponse,
  present: (_deps, e, now) => presentToilet(e as ToiletEntry, now),
};
