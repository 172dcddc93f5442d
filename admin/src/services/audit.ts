import { http } from './request';
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
export function listAudit(query: AuditQuery): Promise<Paged<AuditEntry>> {
  return http.get<Paged<AuditEntry>>('/admin/audit', { ...query });
}
