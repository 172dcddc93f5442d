import { http } from './request';
import type { Paged } from './types';

/** Open311 GeoReport v2 API keys (admins): created with the key shown once, listed without it, revoked. */

export type Open311Operation = 'read' | 'file';

export interface Open311Key {
  id: string;
  name: string;
  contact: string;
  operations: Open311Operation[];
  rateLimitPerMinute: number;
  keyPrefix: string;
  active: boolean;
  createdAt: string;
  revokedAt?: string;
}

export function listOpen311Keys(page = 1, pageSize = 20, signal?: AbortSignal): Promise<Paged<Open311Key>> {
  return http.get<Paged<Open311Key>>('/admin/open311/keys', { page, pageSize }, { signal });
}

export function createOpen311Key(body: { name: string; contact: string; operations: Open311Operation[]; rateLimitPerMinute: number }): Promise<Open311Key & { key: string }> {
  return http.post<Open311Key & { key: string }>('/admin/open311/keys', body);
}

export function revokeOpen311Key(id: string): Promise<Open311Key> {
  return http.del<Open311Key>(`/admin/open311/keys/${encodeURIComponent(id)}`);
}
