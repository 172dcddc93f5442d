import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { OperatorCreatedResponse, OperatorCreateRequest, OperatorListResponse, OperatorPatchRequest, OperatorView, PoiIdParams } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { createOperator } from '../../commands/parking-operators/create-operator.js';
import { deleteOperator } from '../../commands/parking-operators/delete-operator.js';
import { rotateOperatorKey } from '../../commands/parking-operators/rotate-key.js';
import { updateOperator } from '../../commands/parking-operators/update-operator.js';
import { presentOperator } from '../../presenters/parking-operators.js';

const TAGS = ['找车位管理'];
const BASE = '/api/v1/admin/parking/operators';

/** Operators of car parks and their API keys (shown once at creation or rotation). Admins only. */
export function registerOperatorRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: BASE,
    summary: '停车场运营方列表（不含 API Key）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    responses: { 200: { description: '运营方 {items,total}', schema: OperatorListResponse } },
    handler: async (_ctx, { deps }) => {
      const docs = await deps.models.ParkingOperator.find({}, { keyHash: 0 }).sort({ createdAt: 1 }).lean();
      return { items: docs.map(presentOperator), total: docs.length };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: BASE,
    summary: '新增运营方并签发 API Key（Key 仅此一次返回，服务器只存其 SHA-256）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    body: OperatorCreateRequest,
    responses: { 201: { description: '已创建，apiKey 仅显示一次', schema: OperatorCreatedResponse } },
    handler: async (ctx, { body, principal: p, deps }) => {
      const { operator, apiKey } = await createOperator(deps, p, body, ipOf(ctx));
      ctx.status = 201;
      return { ...presentOperator(operator), apiKey };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: `${BASE}/:id`,
    summary: '修改运营方（名称、负责的停车场、停用/启用）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: PoiIdParams,
    body: OperatorPatchRequest,
    responses: { 200: { description: '已修改', schema: OperatorView } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      return presentOperator(await updateOperator(deps, p, params.id, body, ipOf(ctx)));
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: `${BASE}/:id/rotate-key`,
    summary: '重新签发 API Key（旧 Key 立即失效；新 Key 仅此一次返回）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: PoiIdParams,
    responses: { 200: { description: '新 Key', schema: OperatorCreatedResponse } },
    handler: async (ctx, { params, principal: p, deps }) => {
      const { operator, apiKey } = await rotateOperatorKey(deps, p, params.id, ipOf(ctx));
      return { ...presentOperator(operator), apiKey };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: `${BASE}/:id`,
    summary: '删除运营方（其 API Key 随即失效）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: PoiIdParams,
    responses: { 204: { description: '已删除' } },
    handler: async (ctx, { params, principal: p, deps }) => {
      await deleteOperator(deps, p, params.id, ipOf(ctx));
      ctx.status = 204;
      return undefined;
    },
  });
}
