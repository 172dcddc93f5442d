import type { CategoryView } from '@cgt/shared/schemas/categories';
import { fetchDistricts } from './districts';
import { ApiError, http, request, showApiError } from './request';
import type { District } from './types';

/** File helpers shared by the master-data pages (waste items, car parks/toilets, zones). */

/** GETs a file through the API wrapper (bearer token, refresh, error policy) and saves it under `filename`. */
export async function downloadFile(path: string, filename: string, query?: Record<string, string>): Promise<void> {
  const blob = await request<Blob>(path, { query, responseType: 'blob' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One refused row (CSV record number, GeoJSON feature index…) as the server reports it. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

export type ImportMode = 'all-or-nothing' | 'valid-only';

/** What an import call resolves to: the written result, or the refusal with its per-row errors. */
export type ImportOutcome<R> = { ok: true; result: R } | { ok: false; message: string; errors: RowError[] };

/** An error envelope's details as rows: CSV `row`, GeoJSON `feature` (0-based → 1-based), zod `path`. */
export function rowErrorsOf(details: unknown): RowError[] {
  if (!Array.isArray(details)) return [];
  return details.map((d: unknown, i) => {
    const o = (d && typeof d === 'object' ? d : { message: String(d) }) as { row?: unknown; feature?: unknown; index?: unknown; field?: unknown; path?: unknown; message?: unknown };
    // CSV rows are record numbers; GeoJSON features are 0-based indexes, shown 1-based
    const row = typeof o.row === 'number' ? o.row : typeof o.feature === 'number' ? o.feature + 1 : typeof o.index === 'number' ? o.index + 1 : i + 1;
    const field = typeof o.field === 'string' ? o.field : Array.isArray(o.path) ? o.path.join('.') : '';
    return { row, field, message: typeof o.message === 'string' ? o.message : '' };
  });
}

/**
 * POSTs a file to an import endpoint. Row errors come back as data (never as a toast): all-or-nothing → 4xx whose
 * details are the rows; valid-only → 200 with `errors`. Anything else (network, 401, 5xx) is shown and rethrown.
 */
export async function postImport<R>(path: string, file: Blob, contentType: string, query?: Record<string, string>): Promise<ImportOutcome<R>> {
  try {
    const result = await request<R>(path, { method: 'POST', query, blob: new Blob([file], { type: contentType }), silent: true });
    return { ok: true, result };
  } catch (err) {
    if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403) {
      return { ok: false, message: err.message, errors: rowErrorsOf(err.details) };
    }
    showApiError(err);
    throw err;
  }
}

// ---------------------------------------------------------------- 区域与处置单位 (master data, admin)

/** A handling unit as the admin API returns it. */
export interface DepartmentRow {
  id: string;
  name: string;
  /** district adcode or zone code the unit serves */
  districtCode: string;
  zoneId?: string;
  kind: string;
  phone?: string;
  active: boolean;
  demo: boolean;
}

/** Unit types accepted by the server (shared DEPARTMENT_KINDS). */
export const DEPARTMENT_KINDS = ['城管执法中队', '环卫所', '市政设施所', '园林所', '住建局', '其他'] as const;

export interface DepartmentInput {
  name: string;
  districtCode: string;
  kind: string;
  phone?: string | null;
  active?: boolean;
}

/** GET /admin/departments?districtCode=&active= (all units, including inactive ones). */
export async function listDepartmentRows(query: { districtCode?: string; active?: '0' | '1' } = {}): Promise<DepartmentRow[]> {
  const res = await http.get<{ items: DepartmentRow[] }>('/admin/departments', query);
  return res.items;
}

export function createDepartment(body: DepartmentInput): Promise<DepartmentRow> {
  return http.post<DepartmentRow>('/admin/departments', body);
}

/** PATCH /admin/departments/:id (active=false disables; phone=null clears). */
export function updateDepartment(id: string, body: Partial<DepartmentInput>): Promise<DepartmentRow> {
  return http.patch<DepartmentRow>(`/admin/departments/${encodeURIComponent(id)}`, body);
}

/** District/zone × category (code, 2-digit group or *) → department. */
export interface RoutingRuleRow {
  id: string;
  scopeCode: string;
  scopeName: string;
  categoryCode: string;
  departmentId: string;
  departmentName: string;
  priority: number;
  name: string;
  demo: boolean;
}

export interface RoutingRuleInput {
  scopeCode: string;
  categoryCode: string;
  departmentId: string;
  priority?: number;
  name?: string;
}

export async function listRoutingRules(scopeCode?: string): Promise<RoutingRuleRow[]> {
  const res = await http.get<{ items: RoutingRuleRow[] }>('/admin/routing-rules', { scopeCode });
  return res.items;
}

export function createRoutingRule(body: RoutingRuleInput): Promise<RoutingRuleRow> {
  return http.post<RoutingRuleRow>('/admin/routing-rules', body);
}

export function updateRoutingRule(id: string, body: Partial<RoutingRuleInput>): Promise<RoutingRuleRow> {
  return http.patch<RoutingRuleRow>(`/admin/routing-rules/${encodeURIComponent(id)}`, body);
}

export function deleteRoutingRule(id: string): Promise<void> {
  return http.del<void>(`/admin/routing-rules/${encodeURIComponent(id)}`);
}

/** A problem category with its SLA (working hours), resident notice, urgent and active flags. */
export type CategoryRow = CategoryView;

/** GET /admin/categories: all categories, inactive ones included. */
export function listAllCategories(): Promise<CategoryRow[]> {
  return http.get<CategoryRow[]>('/admin/categories');
}

export function updateCategory(code: string, body: Partial<Pick<CategoryRow, 'slaHours' | 'clock' | 'notice' | 'urgent' | 'active'>>): Promise<CategoryRow> {
  return http.patch<CategoryRow>(`/admin/categories/${encodeURIComponent(code)}`, body);
}

export interface ZoneImportResult {
  imported: number;
  zones: { code: string; name: string; kind: string; demo: boolean }[];
}

/** POST /admin/zones/import with a GeoJSON Feature or FeatureCollection; 422 invalid_geometry lists problems per feature. */
export async function importZones(file: File): Promise<ImportOutcome<ZoneImportResult>> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return { ok: false, message: '文件不是有效的 JSON / GeoJSON', errors: [] };
  }
  return postImport<ZoneImportResult>('/admin/zones/import', new Blob([JSON.stringify(json)]), 'application/json');
}

/** GET /districts?withGeometry=1 bypassing the districts.ts cache (after a zone import). */
export function fetchDistrictShapes(): Promise<District[]> {
  return fetchDistricts(true);
}
