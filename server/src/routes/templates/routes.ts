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
import { listTemplates } from '../../commands/reply-templates/list-templates.js';
import { presentReplyTemplate } from '../../presenters/reply-templates.js';

/**
 * 常用语: every staff member reads those of the city and of their own units; dispatchers, handlers and admins
 * write them where they work, and only a template's author and admins change it (shared/src/ticket/reply-templates.ts).
 */

export function registerTemplateRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/reply-templates',
    summary: '常用语列表：全市通用的与本人所属区县、处置单位的；按问题类型筛选时只列适用的（该类型的、该大类的、通用的，依次排列）',
    tags: ['常用语'],
    auth: 'staff',
    query: ListReplyTemplatesQuery,
    responses: { 200: { description: '列表', schema: ReplyTemplateListResponse } },
    handler: async (_ctx, { query, principal: p, deps }) => {
      const rows = await listTemplates(deps, p, query);
      return { items: rows.map((r) => presentReplyTemplate(r.record, r.editable)), total: rows.length };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/reply-templates',
    summary: '新增常用语（不指定归属时归入本人所属单位；市指挥中心和管理员可设为全市通用）',
    tags: ['常用语'],
    auth: { staff: TEMPLATE_WRITER_ROLES },
    body: CreateReplyTemplateRequest,
    responses: { 201: { description: '已创建', schema: ReplyTemplate } },
    handler: async (ctx, { body, principal: p, deps }) => {
      const doc = await createTemplate(deps, p, body, ipOf(ctx));
      ctx.status = 201;
      return presentReplyTemplate(doc, true);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: '/api/v1/admin/reply-templates/:id',
    summary: '修改常用语（创建人和管理员；系统预置的只有管理员）',
    tags: ['常用语'],
    auth: { staff: TEMPLATE_WRITER_ROLES },
    params: IdParams,
    body: UpdateReplyTemplateRequest,
    responses: { 200: { description: '已修改', schema: ReplyTemplate } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      return presentReplyTemplate(await updateTemplate(deps, p, params.id, body, ipOf(ctx)), true);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: '/api/v1/admin/reply-templates/:id',
    summary: '删除常用语（创建人和管理员；系统预置的只有管理员）',
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
