import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Types } from 'mongoose';
import { OperatorCreatedResponse, OperatorCreateRequest, OperatorListResponse, OperatorPatchRequest, OperatorView, PoiIdParams } from '@cgt/shared/schemas/parking';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { actorOf, ipOf, recordAudit } from '../../services/audit.js';
import { getPoiSnapshot } from '../../services/poi-index.js';
import { newApiKey } from '../../services/operator-api-key.js';

const TAGS = ['找车位管理'];
const BASE = '/api/v1/admin/parking/operators';

interface OperatorLean {
  _id: unknown;
  name: string;
  parkingIds?: string[] | null;
  keyPrefix: string;
  active?: boolean | null;
  createdAt?: Date | null;
}
function present(o: OperatorLean): z.infer<typeof OperatorView> {
  return {
    id: String(o._id),
    name: o.name,
    parkingIds: o.parkingIds ?? [],
    keyPrefix: o.keyPrefix,
    active: o.active !== false,
    createdAt: (o.createdAt ?? new Date(0)).toISOString(),
  };
}

/** Every id must name an existing car park (422 naming the entry otherwise); returned lower-cased and unique. */
async function checkParkingIds(deps: AppDeps, ids: string[]): Promise<string[]> {
  const snap = await getPoiSnapshot(deps);
  const out = [...new Set(ids.map((i) => i.toLowerCase()))];
  const bad = ids.map((id, i) => ({ id, i })).filter(({ id }) => !snap.carParkById.has(id.toLowerCase()));
  if (bad.length) throw fail('unknown_car_park', bad.map(({ i }) => ({ field: `parkingIds[${i}]`, message: '停车场不存在' })));
  return out;
}

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
      return { items: docs.map(present), total: docs.length };
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
      const parkingIds = await checkParkingIds(deps, body.parkingIds);
      const _id = new Types.ObjectId();
      const key = newApiKey(String(_id));
      const doc = await deps.models.ParkingOperator.create({ _id, name: body.name, parkingIds, keyHash: key.hash, keyPrefix: key.prefix, createdBy: p.userId });
      await recordAudit(deps, { actor: actorOf(p), action: 'parking_operator.create', targetType: 'parking_operator', targetId: String(_id), ip: ipOf(ctx), details: { name: body.name, parkingIds } });
      ctx.status = 201;
      return { ...present(doc.toObject()), apiKey: key.key };
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
      const set: Record<string, unknown> = {};
      if (body.name !== undefined) set.name = body.name;
      if (body.active !== undefined) set.active = body.active;
      if (body.parkingIds !== undefined) set.parkingIds = await checkParkingIds(deps, body.parkingIds);
      const doc = await deps.models.ParkingOperator.findOneAndUpdate({ _id: params.id.toLowerCase() }, { $set: set }, { returnDocument: 'after' }).lean();
      if (!doc) throw fail('not_found', [], '运营方不存在');
      await recordAudit(deps, { actor: actorOf(p), action: 'parking_operator.update', targetType: 'parking_operator', targetId: String(doc._id), ip: ipOf(ctx), details: set });
      return present(doc);
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
      const id = params.id.toLowerCase();
      const key = newApiKey(id);
      const doc = await deps.models.ParkingOperator.findOneAndUpdate({ _id: id }, { $set: { keyHash: key.hash, keyPrefix: key.prefix } }, { returnDocument: 'after' }).lean();
      if (!doc) throw fail('not_found', [], '运营方不存在');
      await recordAudit(deps, { actor: actorOf(p), action: 'parking_operator.rotate_key', targetType: 'parking_operator', targetId: id, ip: ipOf(ctx) });
      return { ...present(doc), apiKey: key.key };
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
      const res = await deps.models.ParkingOperator.deleteOne({ _id: params.id.toLowerCase() });
      if (res.deletedCount === 0) throw fail('not_found', [], '运营方不存在');
      await recordAudit(deps, { actor: actorOf(p), action: 'parking_operator.delete', targetType: 'parking_operator', targetId: params.id, ip: ipOf(ctx) });
      ctx.status = 204;
      return undefined;
    },
  });
}
