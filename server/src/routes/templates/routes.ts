import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ObjectIdParams as IdParams } from '@cgt/shared/schemas/common';
import {
  CreateReplyTemplateRequest,
  ListReplyTemplatesQuery,
  ReplyTemplate,
  ReplyTemplateListResponse,
  UpdateReplyTemplateRequest,
} from '@cgt/shared/schemas/templates';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import { TEMPLATE_WRITER_ROLES } from '../../policies/tickets.js';
import { ipOf } from '../../services/audit.js';
import { createTemplate } from '../../commands/reply-templates/create-template.js';
import { deleteTemplate } from '../../commands/reply-templates/delete-template.js';
import { updateTemplate } from '../../commands/reply-templates/update-template.js';
import type { ReplyTemplateRecord } from '../../commands/reply-templates/common.js';
import { presentReplyTemplate } from '../../presenters/reply-templates.js';

/** 常用语: every staff member reads them; dispatchers, handlers and admins maintain them. */

export function registerTemplateRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
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
      const rows = (await deps.models.ReplyTemplate.find(filter).sort({ title: 1 }).limit(500).lean()) as ReplyTemplateRecord[];
      return { items: rows.map(presentReplyTemplate), total: rows.length };
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
      const doc = await createTemplate(deps, p, body, ipOf(ctx));
      ctx.status = 201;
      return presentReplyTemplate(doc);
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
      return presentReplyTemplate(await updateTemplate(deps, p, params.id, body, ipOf(ctx)));
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
      await deleteTemplate(deps, p, params.id, ipOf(ctx));
      ctx.status = 204;
      return undefined;
    },
  });
}
