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
import { downloadFile, postImport, type ImportMode, type ImportOutcome } from './masterdata';
import { http } from './request';
import type { Paged } from './types';

export type { WasteCategoryGuide, WasteCategoryId, WasteImportResponse, WasteImportRowError, WasteItemView, WasteMissView };


/** GET /admin/waste/items?q=&category=&page=&pageSize= → {items,total}. */
export function listWasteItems(query: { q?: string; category?: WasteCategoryId; page?: number; pageSize?: number }, signal?: AbortSignal): Promise<Paged<WasteItemView>> {
  return http.get<Paged<WasteItemView>>('/admin/waste/items', query, { signal });
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

/** POST /admin/waste/items/import?mode= with the CSV text (header name,category,aliases; aliases split by |). */
export function importWasteCsv(file: Blob, mode: ImportMode): Promise<ImportOutcome<WasteImportResponse>> {
  return postImport<WasteImportResponse>('/admin/waste/items/import', file, 'text/csv', { mode });
}

/** GET /admin/waste/misses → searched-but-not-found queries, most searched first. */
export function listWasteMisses(query: { page?: number; pageSize?: number }, signal?: AbortSignal): Promise<Paged<WasteMissView>> {
  return http.get<Paged<WasteMissView>>('/admin/waste/misses', query, { signal });
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
