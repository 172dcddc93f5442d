import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AnyIdParams as IdParams } from '@cgt/shared/schemas/common';
import {
  CreateReportRequest,
  CreateReportResponse,
  IdempotencyHeader,
  MyReportsResponse,
  MyReportsQuery,
  RatingRequest,
  ReportDetail,
  WithdrawRequest,
} from '@cgt/shared/schemas/reports';
import type { AppDeps } from '../../deps.js';
import type { CitizenPrincipal, Principal } from '../../http/auth.js';
import { defineRoute } from '../../http/route.js';
import { nearestStreet } from '../../services/map-base.js';
import { admitReport } from '../../services/abuse-limits.js';
import { ipOf } from '../../services/audit.js';
import { createReport } from '../../commands/tickets/create-report.js';
import { loadOwnTicket, rateReport, withdrawReport } from '../../commands/tickets/citizen-actions.js';
import { listMyReports } from '../../commands/tickets/my-reports.js';
import { refMap } from '../../commands/tickets/common.js';
import { createReportView, photoIdsOf, residentDetail, residentListItem } from '../../presenters/ticket.js';
import type { TicketRecord } from '../../models/ticket.js';

/** Resident API: file a report, follow it, rate it, withdraw it. */

const citizenOf = (p: Principal | null) => p as CitizenPrincipal;

async function detail(deps: AppDeps, t: TicketRecord) {
  // the place is named by the nearest street unit too (cached street seats: no query per view)
  const street = await nearestStreet(deps, t.routing.districtCode, t.location);
  return residentDetail(t, await refMap(deps, photoIdsOf(t)), deps.now(), street);
}

export function registerReportRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/reports',
    summary: '市民上报问题（需 Idempotency-Key：同键同内容返回同一工单，同键不同内容 422）',
    tags: ['市民上报'],
    auth: 'citizen',
    headers: IdempotencyHeader,
    body: CreateReportRequest,
    responses: {
      201: { description: '已提交', schema: CreateReportResponse },
      200: { description: '重复提交（同一 Idempotency-Key），返回原结果', schema: CreateReportResponse },
      429: { description: '上报过于频繁（每人每小时、每个网络每小时有上限；Retry-After 给出秒数）' },
    },
    handler: async (ctx, { body, principal, deps }) => {
      const key = ctx.get('idempotency-key') || undefined;
      const citizenId = citizenOf(principal).userId;
      const res = await createReport(deps, citizenId, key, body, () => admitReport(deps, citizenId, ipOf(ctx)));
      ctx.status = res.status;
      return createReportView(res.ticket, res.duplicates);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/reports/mine',
    summary: '我的上报（分页）',
    tags: ['市民上报'],
    auth: 'citizen',
    query: MyReportsQuery,
    responses: { 200: { description: '列表（新的在前；下一页带上 nextCursor；group 为 处理中/待评价/已办结 之一时只列该组）', schema: MyReportsResponse } },
    handler: async (_ctx, { query, principal, deps }) => {
      const { rows, nextCursor } = await listMyReports(deps, citizenOf(principal).userId, query.cursor, query.pageSize, query.group);
      return { items: rows.map(residentListItem), nextCursor };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/reports/:id',
    summary: '上报详情（仅本人；含进度、回复与处置后照片）',
    tags: ['市民上报'],
    auth: 'citizen',
    params: IdParams,
    responses: { 200: { description: '详情', schema: ReportDetail } },
    handler: async (_ctx, { params, principal, deps }) => detail(deps, await loadOwnTicket(deps, citizenOf(principal).userId, params.id)),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/reports/:id/rating',
    summary: '评价处置结果（处置后或结案后一次；结案 7 天内不满意将重办）',
    tags: ['市民上报'],
    auth: 'citizen',
    params: IdParams,
    body: RatingRequest,
    responses: { 200: { description: '已评价（不满意时工单重办）', schema: ReportDetail } },
    handler: async (_ctx, { params, body, principal, deps }) =>
      detail(deps, await rateReport(deps, citizenOf(principal).userId, params.id, body)),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/reports/:id/withdraw',
    summary: '撤回上报（仅待受理时）',
    tags: ['市民上报'],
    auth: 'citizen',
    params: IdParams,
    body: WithdrawRequest,
    responses: { 200: { description: '已撤回', schema: ReportDetail } },
    handler: async (_ctx, { params, body, principal, deps }) =>
      detail(deps, await withdrawReport(deps, citizenOf(principal).userId, params.id, body.reason)),
  });
}
