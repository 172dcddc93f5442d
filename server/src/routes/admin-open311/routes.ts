import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ObjectIdParams, PageQuery } from '@cgt/shared/schemas/common';
import { CreateOpen311KeyRequest, CreateOpen311KeyResponse, Open311KeyList, Open311KeyView } from '@cgt/shared/schemas/open311';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import { actorOf, ipOf } from '../../services/audit.js';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from '../../commands/open311/keys.js';
import { open311Middleware, registerOpen311Docs } from '../open311/routes.js';

const TAGS = ['Open311 接入'];
const BASE = '/api/v1/admin/open311/keys';
const IdParams = ObjectIdParams;

/** The console's management of Open311 API keys (admins only), and the Open311 resources' OpenAPI entries. */
export function registerOpen311Routes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  registerOpen311Docs(registry);

  defineRoute(router, registry, deps, {
    method: 'get',
    path: BASE,
    summary: 'Open311 API Key 列表（不含密钥本身）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    query: PageQuery,
    responses: { 200: { description: '{items,total}', schema: Open311KeyList } },
    handler: async (_ctx, { query, deps }) => {
      return listOpen311Keys(deps, query.page, query.pageSize);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: BASE,
    summary: '签发 Open311 API Key（密钥仅此一次返回，服务器只存其 SHA-256）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    body: CreateOpen311KeyRequest,
    responses: { 201: { description: '已签发，key 仅显示一次', schema: CreateOpen311KeyResponse } },
    handler: async (ctx, { body, principal: p, deps }) => {
      const created = await createOpen311Key(deps, actorOf(p), ipOf(ctx), body);
      ctx.status = 201;
      return created;
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: `${BASE}/:id`,
    summary: '吊销 Open311 API Key（立即失效；记录保留，工单仍显示来源）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    responses: { 200: { description: '已吊销', schema: Open311KeyView } },
    handler: async (ctx, { params, principal: p, deps }) => {
      return revokeOpen311Key(deps, actorOf(p), ipOf(ctx), params.id);
    },
  });
}

export { open311Middleware };
