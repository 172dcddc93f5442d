import type {
  CreateWasteItemRequest,
  UpdateWasteItemRequest,
  WasteCategoriesResponse,
  WasteCategoryGuide,
  WasteCategoryId,
  WasteImportResponse,
  WasteImportRowError,
  WasteItemView,
  WasteMissView,
} from '@cgt/shared/schemas/waste';
import { downloadFile } from './masterdata';
import { ApiError, http, request } from './request';
import type { Paged } from './types';

export type { WasteCategoryGuide, WasteCategoryId, WasteImportResponse, WasteImportRowError, WasteItemView, WasteMissView };

/** Import mode: all-or-nothing (default) or write the valid rows and report the others. */
export type ImportMode = 'all-or-nothing' | 'valid-only';

/** GET /admin/waste/items?q=&category=&page=&pageSize= → {items,total}. */
export function listWasteItems(query: { q?: string; category?: WasteCategoryId; page?: number; pageSize?: number }): Promise<Paged<WasteItemView>> {
  return http.get<Paged<WasteItemView>>('/admin/waste/items', query);
}

/** POST /admin/waste/items (409 waste_item_exists on a duplicate name). */
export function createWasteItem(body: CreateWasteItemRequest): Promise<WasteItemView> {
  return http.post<WasteItemView>('/admin/waste/items', body);
}

/** PATCH /admin/waste/items/:id. */
export function updateWasteItem(id: string, body: UpdateWasteItemRequest): Promise<WasteItemView> {
  return http.patch<WasteItemView>(`/admin/waste/items/${encodeURIComponent(id)}`, body);
}

/** DELETE /admin/waste/items/:id → 204. */
export function deleteWasteItem(id: string): Promise<void> {
  return http.del<void>(`/admin/waste/items/${encodeURIComponent(id)}`);
}

/** GET /admin/waste/items/export.csv → saves waste-items.csv (UTF-8 with BOM). */
export function exportWasteCsv(): Promise<void> {
  return downloadFile('/admin/waste/items/export.csv', 'waste-items.csv');
}

/** Result of an import attempt: written counts, or the per-row errors when nothing was written. */
export type ImportOutcome<R> = { ok: true; result: R } | { ok: false; message: string; errors: WasteImportRowError[] };

/**
 * POST /admin/waste/items/import?mode= with the CSV text. Row errors come back as data (never as a toast):
 * all-or-nothing → 400 import_invalid whose details are the rows; valid-only → 200 with `errors`.
 */
export async function importWasteCsv(file: Blob, mode: ImportMode): Promise<ImportOutcome<WasteImportResponse>> {
  try {
    const result = await request<WasteImportResponse>('/admin/waste/items/import', {
      method: 'POST',
      query: { mode },
      blob: new Blob([file], { type: 'text/csv' }),
      silent: true,
    });
    return { ok: true, result };
  } catch (err) {
    return importFailure(err);
  }
}

/** Turns an import refusal into rows to show; rethrows (after showing) anything else. */
export function importFailure(err: unknown): { ok: false; message: string; errors: WasteImportRowError[] } {
  if (err instanceof ApiError && (err.status === 400 || err.status === 422 || err.status === 413 || err.status === 415)) {
    const errors = Array.isArray(err.details)
      ? (err.details as Partial<WasteImportRowError>[]).map((d) => ({ row: typeof d.row === 'number' ? d.row : 0, field: d.field ?? '', message: d.message ?? '' }))
      : [];
    return { ok: false, message: err.message, errors };
  }
  throw err;
}

/** GET /admin/waste/misses → searched-but-not-found queries, most searched first. */
export function listWasteMisses(query: { page?: number; pageSize?: number }): Promise<Paged<WasteMissView>> {
  return http.get<Paged<WasteMissView>>('/admin/waste/misses', query);
}

/** GET /waste/categories → the four category guides (public). */
export async function listWasteGuides(): Promise<WasteCategoryGuide[]> {
  const res = await http.get<WasteCategoriesResponse>('/waste/categories');
  return res.categories;
}

/** PATCH /admin/waste/categories/:id {descriptionZh?, tipsZh?}. */
export function updateWasteGuide(id: WasteCategoryId, body: { descriptionZh?: string; tipsZh?: string[] }): Promise<WasteCategoryGuide> {
  return http.patch<WasteCategoryGuide>(`/admin/waste/categories/${id}`, body);
}
