import type { OpeningHours } from '@cgt/shared/poi/opening-hours';
import { downloadFile, postImport, type ImportMode, type ImportOutcome, type RowError } from './masterdata';
import { http } from './request';
import type { Paged } from './types';

/** 停车场 / 公厕 administration. Positions are GCJ-02; the server converts WGS-84 input. */

export type PoiType = 'carPark' | 'toilet';

export { CAR_PARK_KINDS } from '@cgt/shared/schemas/parking';
export { TOILET_KINDS } from '@cgt/shared/schemas/toilets';

export type { OpeningHours, OpeningRule } from '@cgt/shared/poi/opening-hours';

interface PoiCommon {
  id: string;
  name: string;
  address: string;
  location: { lat: number; lng: number };
  districtCode: string;
  districtName: string;
  openingHours: OpeningHours;
  openingHoursText: string;
  openNow: boolean;
  /** generated sample data (示例数据) until real data is imported */
  demo: boolean;
}

export interface CarPark extends PoiCommon {
  kind: string;
  totalSpaces: number;
  freeSpaces: number | null;
  updatedAt: string | null;
  stale: boolean;
  occupancySource: 'operator' | 'demo' | 'none';
  feeText: string;
  evChargers: number;
  accessibleSpaces: number;
}

export interface Toilet extends PoiCommon {
  kind: string;
  open24h: boolean;
  accessible: boolean;
  thirdRestroom: boolean;
  babyRoom: boolean;
  managingUnit: string;
}

export type Poi = CarPark | Toilet;

/** Write body (create: all required fields; update: the changed ones). */
export interface PoiInput {
  name: string;
  address?: string;
  location: { lat: number; lng: number };
  coordSys?: 'gcj02' | 'wgs84';
  kind: string;
  openingHours?: OpeningHours;
  totalSpaces?: number;
  feeText?: string;
  evChargers?: number;
  accessibleSpaces?: number;
  accessible?: boolean;
  thirdRestroom?: boolean;
  babyRoom?: boolean;
  managingUnit?: string;
}

export interface PoiListQuery {
  q?: string;
  districtCode?: string;
  kind?: string;
  demo?: 'true' | 'false';
  page?: number;
  pageSize?: number;
}

export interface PoiImportResult {
  created: number;
  updated: number;
  /** demo records removed because real data arrived */
  demoRemoved: number;
  errors: RowError[];
}

const BASE: Record<PoiType, string> = { carPark: '/admin/parking/car-parks', toilet: '/admin/toilets' };
const FILE: Record<PoiType, string> = { carPark: 'car-parks', toilet: 'toilets' };

export function listPois<T extends Poi>(type: PoiType, query: PoiListQuery, signal?: AbortSignal): Promise<Paged<T>> {
  return http.get<Paged<T>>(BASE[type], { ...query }, { signal });
}

export function createPoi<T extends Poi>(type: PoiType, body: PoiInput): Promise<T> {
  return http.post<T>(BASE[type], body);
}

export function updatePoi<T extends Poi>(type: PoiType, id: string, body: Partial<PoiInput>): Promise<T> {
  return http.patch<T>(`${BASE[type]}/${encodeURIComponent(id)}`, body);
}

export function deletePoi(type: PoiType, id: string): Promise<void> {
  return http.del<void>(`${BASE[type]}/${encodeURIComponent(id)}`);
}

/** GET …/export?format=csv|geojson&coordSys= → saves car-parks.csv / toilets.geojson. */
export function exportPois(type: PoiType, format: 'csv' | 'geojson', coordSys: 'gcj02' | 'wgs84' = 'gcj02'): Promise<void> {
  return downloadFile(`${BASE[type]}/export`, `${FILE[type]}${coordSys === 'wgs84' ? '-wgs84' : ''}.${format}`, { format, coordSys });
}

/** POST …/import?mode=&coordSys= with a CSV or GeoJSON file (by extension). */
export function importPois(type: PoiType, file: File, mode: ImportMode, coordSys: 'gcj02' | 'wgs84'): Promise<ImportOutcome<PoiImportResult>> {
  const geo = /\.(geo)?json$/i.test(file.name);
  return postImport<PoiImportResult>(`${BASE[type]}/import`, file, geo ? 'application/geo+json' : 'text/csv', { mode, coordSys });
}

// ---------------------------------------------------------------- operators (car park occupancy feed keys)

export interface Operator {
  id: string;
  name: string;
  parkingIds: string[];
  /** first characters of the key, to tell keys apart */
  keyPrefix: string;
  active: boolean;
  createdAt: string;
}

export interface OperatorCreated extends Operator {
  /** shown once */
  apiKey: string;
}

const OPS = '/admin/parking/operators';

export function listOperators(): Promise<Paged<Operator>> {
  return http.get<Paged<Operator>>(OPS);
}

export function createOperator(body: { name: string; parkingIds: string[] }): Promise<OperatorCreated> {
  return http.post<OperatorCreated>(OPS, body);
}

export function updateOperator(id: string, body: { name?: string; parkingIds?: string[]; active?: boolean }): Promise<Operator> {
  return http.patch<Operator>(`${OPS}/${encodeURIComponent(id)}`, body);
}

export function rotateOperatorKey(id: string): Promise<OperatorCreated> {
  return http.post<OperatorCreated>(`${OPS}/${encodeURIComponent(id)}/rotate-key`);
}

export function deleteOperator(id: string): Promise<void> {
  return http.del<void>(`${OPS}/${encodeURIComponent(id)}`);
}
