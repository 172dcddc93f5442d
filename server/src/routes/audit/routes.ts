import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AuditListResponse, AuditQuery, type AuditEntryView } from '@cgt/shared/schemas/users';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { defineRoute } from '../../http/route.js';
import { requireRole } from '../../policies/staff-scope.js';

interface AuditLike {
  _id: unknown;
  actorKind: string;
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  ip?: string | null;
  details?: unknown;
  at: Date;
}

function presentAudit(a: AuditLike): AuditEntryView {
  return {
    id: String(a._id),
    actor: { kind: a.actorKind, id: a.actorId ?? '', name: a.actorName ?? '' },
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId ?? '',
    ip: a.ip ?? '',
    details: a.details && typeof a.details === 'object' ? (a.details as Record<string, unknown>) : {},
    at: a.at.toISOString(),
  };
}

/** Read-only access to the append-only audit log: there is intentionally no write, update or delete route. */
export function registerAuditRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/audit',
    summary: '审计日志（仅管理员，最新在前）',
    tags: ['审计'],
    auth: 'staff',
    query: AuditQuery,
    responses: { 200: { description: '审计记录', schema: AuditListResponse } },
    handler: async (_ctx, { query, principal, deps }) => {
      requireRole(principal as StaffPrincipal, 'admin');
      const filter: Record<string, unknown> = {};
      if (query.actorId) filter.actorId = query.actorId;
      if (query.action) filter.action = query.action;
      if (query.targetType) filter.targetType = query.targetType;
      if (query.targetId) filter.targetId = query.targetId;
      if (query.from || query.to) {
        filter.at = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
      }
      const [items, total] = await Promise.all([
        deps.models.AuditLog.find(filter)
          .sort({ at: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean(),
        deps.models.AuditLog.countDocuments(filter),
      ]);
      return { items: items.map((a) => presentAudit(a as AuditLike)), total };
    },
  });
}
