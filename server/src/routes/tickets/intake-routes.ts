import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { CreateStaffTicketRequest } from '@cgt/shared/schemas/intake';
import { TicketDetail } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { defineRoute } from '../../http/route.js';
import { createStaffTicket } from '../../commands/tickets/create-staff-ticket.js';
import { INTAKE_ROLES } from '../../policies/tickets.js';
import { ipOf } from '../../services/audit.js';
import { detailFor } from './routes.js';

/** The intake desk: 新建工单 for calls, 12345 转办 work orders, patrol findings and letters. */
export function registerIntakeRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/tickets',
    summary: '新建工单（受理员/调度员录入来电、12345转办、巡查上报、来信）',
    description:
      '与市民上报同一流程：同样的分拨、处置时限、编号和考核统计，来源记为录入渠道。externalNo（如 12345 工单号）在同一渠道内唯一：' +
      '再次录入同一单号返回已有工单（200，不再新建，两人同时录入也只有一张）。没有单号时可带 Idempotency-Key 以便安全重试。' +
      '来电人电话可为手机或带区号的固定电话。',
    tags: ['工单处置'],
    auth: { staff: INTAKE_ROLES },
    body: CreateStaffTicketRequest,
    responses: {
      201: { description: '已建工单', schema: TicketDetail },
      200: { description: '该渠道的外部单号已录入过：返回已有工单', schema: TicketDetail },
    },
    handler: async (ctx, { body, principal, deps }) => {
      const p = principal as StaffPrincipal;
      const res = await createStaffTicket(deps, p, body, ctx.get('idempotency-key') || undefined, ipOf(ctx));
      ctx.status = res.status;
      return detailFor(deps, p, res.ticket);
    },
  });
}
