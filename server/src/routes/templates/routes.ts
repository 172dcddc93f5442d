import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { OBJECT_ID_RE, ObjectIdParams as IdParams } from '@cgt/shared/schemas/common';
import {
  CreateReplyTemplateRequest,
  ListReplyTemplatesQuery,
  ReplyTemplate,
  ReplyTemplateListResponse,
  UpdateReplyTemplateRequest,
} from '@cgt/shared/schemas/templates';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { TEMPLATE_WRITER_ROLES } from '../../policies/tickets.js';
import { ipOf, recordAudit } from '../../services/audit.js';

/** 常用语: every staff member reads them; dispatchers, handlers and admins maintain them. */

interface TemplateRow {
  _id: unknown;
  title: string;
  text: string;
  categoryCode?: string | null;
  createdBy: string;
  updatedAt?: Date | null;
}

function view(t: TemplateRow): ReplyTemplate {
  return {
    id: String(t._id),
    title: t.title,
    text: t.text,
    categoryCode: t.categoryCode ?? undefined,
    createdBy: t.createdBy,
    updatedAt: (t.updatedAt ?? new Date(0)).toISOString(),
  };
}

const validId = (id: string) => OBJECT_ID_RE.test(id);

export function registerTemplateRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  const audit = (p: StaffPrincipal, ip: string, action: string, id: string) =>
    recordAudit(deps, { actor: { kind: 'staff', id: p.userId, name: p.displayName }, action, targetType: 'reply_template', targetId: id, ip });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/reply-templates',
    summary: '常用语列表（可按问题类型筛选：该类型专用的与通用的）',
    tags: ['常用语'],
    auth: 'staff',
    query: ListReplyTemplatesQuery,
    responses: { 200: { description: '列表', schema: ReplyTemplateListResponse } },
    handler: async (_ctx, { query, deps }) => {
      const filter = query.categoryCode
        ? { $or: [{ categoryCode: query.categoryCode }, { categoryCode: null }, { categoryCode: { $exists: false } }] }
        : {};
      const rows = (await deps.models.ReplyTemplate.find(filter).sort({ title: 1 }).limit(500).lean()) as TemplateRow[];
      return { items: rows.map(view), total: rows.length };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/reply-templates',
    summary: '新增常用语',
    tags: ['常用语'],
    auth: { staff: TEMPLATE_WRITER_ROLES },
    body: CreateReplyTemplateRequest,
    responses: { 201: { description: '已创建', schema: ReplyTemplate } },
    handler: async (ctx, { body, principal: p, deps }) => {
      const doc = await deps.models.ReplyTemplate.create({ ...body, createdBy: p.userId, createdByName: p.displayName });
      await audit(p, ipOf(ctx), 'reply_template.create', String(doc._id));
      ctx.status = 201;
      return view(doc.toObject() as TemplateRow);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: '/api/v1/admin/reply-templates/:id',
    summary: '修改常用语',
    tags: ['常用语'],
    auth: { staff: TEMPLATE_WRITER_ROLES },
    params: IdParams,
    body: UpdateReplyTemplateRequest,
    responses: { 200: { description: '已修改', schema: ReplyTemplate } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      if (!validId(params.id)) throw fail('not_found', [], '常用语不存在');
      const set: Record<string, unknown> = {};
      const unset: Record<string, 1> = {};
      if (body.title !== undefined) set.title = body.title;
      if (body.text !== undefined) set.text = body.text;
      if (body.categoryCode === null) unset.categoryCode = 1;
      else if (body.categoryCode !== undefined) set.categoryCode = body.categoryCode;
      const update: Record<string, unknown> = { $set: set };
      if (Object.keys(unset).length) update.$unset = unset;
      const doc = (await deps.models.ReplyTemplate.findByIdAndUpdate(params.id, update, { returnDocument: 'after' }).lean()) as TemplateRow | null;
      if (!doc) throw fail('not_found', [], '常用语不存在');
      await audit(p, ipOf(ctx), 'reply_template.update', params.id);
      return view(doc);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: '/api/v1/admin/reply-templates/:id',
    summary: '删除常用语',
    tags: ['常用语'],
    auth: { staff: TEMPLATE_WRITER_ROLES },
    params: IdParams,
    responses: { 204: { description: '已删除' } },
    handler: async (ctx, { params, principal: p, deps }) => {
      if (!validId(params.id)) throw fail('not_found', [], '常用语不存在');
      const res = await deps.models.ReplyTemplate.deleteOne({ _id: params.id });
      if (res.deletedCount === 0) throw fail('not_found', [], '常用语不存在');
      await audit(p, ipOf(ctx), 'reply_template.delete', params.id);
      ctx.status = 204;
      return undefined;
    },
  });
}
