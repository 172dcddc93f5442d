import { http } from './request';
import { downloadFile } from './masterdata';
import type { AuditEntry, Paged } from './types';

export interface AuditQuery {
  actorId?: string;
  action?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** GET /admin/audit (admin only) → {items,total}. */
export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<Paged<AuditEntry>> {
  return http.get<Paged<AuditEntry>>('/admin/audit', { ...query }, { signal });
}

/** GET /admin/audit/export.csv (admin only): the same filters, streamed CSV; the period defaults to the last 30 days. */
export function exportAudit(query: Pick<AuditQuery, 'actorId' | 'action' | 'targetId' | 'from' | 'to'>): Promise<void> {
  const q = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
  return downloadFile('/admin/audit/export.csv', `audit-${new Date().toISOString().slice(0, 10)}.csv`, q);
}
