import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Readable } from 'node:stream';
import { AuditExportQuery, AuditListResponse, AuditQuery, type AuditEntryView } from '@cgt/shared/schemas/users';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import { csvField } from '../../domain/waste/csv.js';
import { auditPersonalDataRead, PERSONAL_DATA_READS } from '../../services/personal-data-audit.js';

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

type AuditFilter = Pick<AuditQuery, 'actorId' | 'action' | 'targetType' | 'targetId' | 'from' | 'to'>;

/** Equalities at the top level (the declared {actorId, at} / {action, at} indexes), the period as a range. */
function auditFilter(q: AuditFilter): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (q.actorId) filter.actorId = q.actorId;
  if (q.action) filter.action = q.action;
  if (q.targetType) filter.targetType = q.targetType;
  if (q.targetId) filter.targetId = q.targetId;
  if (q.from || q.to) filter.at = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
  return filter;
}

const EXPORT_HEADER = ['时间', '操作人类型', '操作人ID', '操作人', '操作', '对象类型', '对象ID', 'IP', '访问途径', '详情'];

function exportLine(a: AuditLike): string {
  const details = a.details && typeof a.details === 'object' ? (a.details as Record<string, unknown>) : {};
  const route = typeof details.route === 'string' ? details.route : '';
  const cells = [a.at.toISOString(), a.actorKind, a.actorId ?? '', a.actorName ?? '', a.action, a.targetType, a.targetId ?? '', a.ip ?? '', route, JSON.stringify(details)];
  return cells.map((c) => csvField(String(c))).join(',') + '\r\n';
}

/** Read-only access to the append-only audit log: there is intentionally no write, update or delete route. */
export function registerAuditRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/audit',
    summary: '审计日志（仅管理员，最新在前）',
    tags: ['审计'],
    auth: { staff: ['admin'] },
    query: AuditQuery,
    responses: { 200: { description: '审计记录', schema: AuditListResponse } },
    handler: async (_ctx, { query, deps }) => {
      const filter = auditFilter(query);
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
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/audit/export.csv',
    summary: '导出审计日志为 CSV（仅管理员；筛选同列表，期间默认最近 30 天、最长 366 天；流式输出，UTF-8 带 BOM，公式字符已中和）',
    tags: ['审计'],
    auth: { staff: ['admin'] },
    query: AuditExportQuery,
    responses: { 200: { description: `text/csv：${EXPORT_HEADER.join(',')}` } },
    handler: async (ctx, { query, principal, deps }) => {
      const to = query.to ?? deps.now();
      const from = query.from ?? new Date(to.getTime() - 30 * 86400_000);
      const filter = auditFilter({ ...query, from, to });
      // the log names staff and their IPs: downloading it is itself recorded (before the first byte)
      await auditPersonalDataRead(ctx, deps, principal, {
        action: PERSONAL_DATA_READS.export,
        targetType: 'audit_log',
        targetId: '',
        details: { from: from.toISOString(), to: to.toISOString(), ...(query.actorId ? { actorId: query.actorId } : {}), ...(query.action ? { action: query.action } : {}) },
      });
      const cursor = deps.models.AuditLog.find(filter).sort({ at: -1, _id: -1 }).lean().cursor({ batchSize: 500 });
      async function* lines() {
        yield '\ufeff' + EXPORT_HEADER.map(csvField).join(',') + '\r\n';
        try {
          for await (const a of cursor) yield exportLine(a as unknown as AuditLike);
        } finally {
          await cursor.close().catch(() => undefined);
        }
      }
      const day = to.toISOString().slice(0, 10);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="audit-${day}.csv"`);
      ctx.set('Cache-Control', 'no-store');
      return Readable.from(lines());
    },
  });
}
