import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AnyIdParams as IdParams } from '@cgt/shared/schemas/common';
import {
  ComplaintPageQuery,
  ComplaintRatingRequest,
  CreateComplaintRequest,
  CreateComplaintResponse,
  ResidentComplaintActionRequest,
  ResidentComplaintDetail,
  ResidentComplaintList,
} from '@cgt/shared/schemas/complaints';
import type { AppDeps } from '../../deps.js';
import type { CitizenPrincipal, Principal } from '../../http/auth.js';
import { defineRoute } from '../../http/route.js';
import { admitComplaint } from '../../services/abuse-limits.js';
import { applyComplaintAction } from '../../commands/complaints/actions.js';
import { rateComplaint } from '../../commands/complaints/rate-complaint.js';
import { citizenComplaintActor, findComplaint } from '../../commands/complaints/common.js';
import { listMyComplaints } from '../../commands/complaints/queries.js';
import { ensureComplaintRow } from '../../commands/complaints/projections.js';
import { registerComplaint } from '../../commands/complaints/register.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { assertOwnComplaint } from '../../policies/complaints.js';
import { createComplaintView, residentComplaintDetail, residentComplaintItem } from '../../presenters/complaint.js';
import { ipOf } from '../../services/audit.js';
import { getPrivateUploadRefs } from '../../services/uploads.js';

/** Resident 信访 API: file (real name), follow own cases, ask for 复查/复核, rate the reply. */

const Headers = z.object({ 'idempotency-key': z.string().min(8).max(128) });
const citizenOf = (p: Principal | null) => p as CitizenPrincipal;

async function detail(deps: AppDeps, c: ComplaintRecord) {
  // ensureComplaintRow: repairs the list row of a case whose writer stopped before syncing it
  const [attachments] = await Promise.all([getPrivateUploadRefs(deps, c.attachmentIds), ensureComplaintRow(deps, c)]);
  return residentComplaintDetail(c, deps.now(), attachments);
}

async function loadOwn(deps: AppDeps, citizenId: string, id: string): Promise<ComplaintRecord> {
  const c = await findComplaint(deps, id);
  assertOwnComplaint(citizenId, c);
  return c;
}

export function registerComplaintRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/complaints',
    summary: '提交信访（实名；需 Idempotency-Key：同键同内容返回同一信访件，同键不同内容 422）',
    tags: ['信访'],
    auth: 'citizen',
    headers: Headers,
    body: CreateComplaintRequest,
    responses: {
      201: { description: '已登记', schema: CreateComplaintResponse },
      200: { description: '重复提交（同一 Idempotency-Key），返回原结果', schema: CreateComplaintResponse },
      429: { description: '提交过于频繁（每人每天有上限；Retry-After 给出秒数）' },
    },
    handler: async (ctx, { body, principal, deps }) => {
      const citizenId = citizenOf(principal).userId;
      const res = await registerComplaint(
        deps,
        {
          channel: 'online',
          body,
          actor: citizenComplaintActor(citizenId),
          principal,
          ip: ipOf(ctx),
          citizenId,
          uploadOwner: { kind: 'citizen', id: citizenId },
          admit: () => admitComplaint(deps, citizenId),
        },
        { scope: 'complaint', callerId: citizenId, value: ctx.get('idempotency-key') || undefined, required: true },
      );
      ctx.status = res.status;
      return createComplaintView(res.complaint, deps.now());
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/complaints/mine',
    summary: '我的信访（分页，含期限）',
    description: '按账号等值读取本人的信访件（最新登记在前），总数同样按账号计数。',
    tags: ['信访'],
    auth: 'citizen',
    query: ComplaintPageQuery,
    responses: { 200: { description: '列表', schema: ResidentComplaintList } },
    handler: async (_ctx, { query, principal, deps }) => {
      const { rows, total } = await listMyComplaints(deps, citizenOf(principal).userId, query.page, query.pageSize);
      const now = deps.now();
      return { items: rows.map((r) => residentComplaintItem(r, now)), total };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/complaints/:id',
    summary: '信访详情（仅本人；id 或信访件编号；含期限、答复与进度）',
    tags: ['信访'],
    auth: 'citizen',
    params: IdParams,
    responses: { 200: { description: '详情', schema: ResidentComplaintDetail } },
    handler: async (_ctx, { params, principal, deps }) => detail(deps, await loadOwn(deps, citizenOf(principal).userId, params.id)),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/complaints/:id/actions',
    summary: '申请复查 / 复核（收到答复之日起 30 日内）',
    tags: ['信访'],
    auth: 'citizen',
    params: IdParams,
    body: ResidentComplaintActionRequest,
    responses: { 200: { description: '已申请', schema: ResidentComplaintDetail } },
    handler: async (ctx, { params, body, principal, deps }) => {
      const citizenId = citizenOf(principal).userId;
      const c = await loadOwn(deps, citizenId, params.id);
      const updated = await applyComplaintAction(deps, c, body.action, { reason: body.reason }, citizenComplaintActor(citizenId), ipOf(ctx));
      return detail(deps, updated);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/complaints/:id/rating',
    summary: '对书面答复进行满意度评价（每份答复一次）',
    tags: ['信访'],
    auth: 'citizen',
    params: IdParams,
    body: ComplaintRatingRequest,
    responses: { 200: { description: '已评价', schema: ResidentComplaintDetail } },
    handler: async (ctx, { params, body, principal, deps }) => {
      const citizenId = citizenOf(principal).userId;
      const c = await loadOwn(deps, citizenId, params.id);
      const updated = await rateComplaint(deps, c, body, citizenComplaintActor(citizenId), ipOf(ctx));
      return detail(deps, updated);
    },
  });
}
