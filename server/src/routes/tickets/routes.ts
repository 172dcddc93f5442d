import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AnyIdParams as IdParams, OBJECT_ID_RE } from '@cgt/shared/schemas/common';
import { isOpen, maySupervise } from '@cgt/shared/ticket/machine';
import { TicketDetail, TicketListQuery, TicketListResponse, TransitionRequest, type StateTransitionRequest } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { Principal, StaffPrincipal } from '../../http/auth.js';
import { defineRoute } from '../../http/route.js';
import { findTicket, possibleDuplicates, refMap } from '../../commands/tickets/common.js';
import { listStaffTickets } from '../../commands/tickets/queries.js';
import { ensureQueueRow } from '../../commands/tickets/sync-projections.js';
import { staffTransition } from '../../commands/tickets/staff-transition.js';
import { releaseContentHold } from '../../commands/tickets/content-hold.js';
import { ContentReleaseRequest } from '@cgt/shared/schemas/tickets';
import { superviseTicket } from '../../commands/tickets/supervise.js';
import { extensionAction } from '../../commands/tickets/extension.js';
import { EXTENSION_ACTIONS, extensionActions, type ExtensionAction } from '@cgt/shared/ticket/extension';
import { isHandlerOf } from '../../policies/staff-scope.js';
import { extensionView } from '../../presenters/ticket-extension.js';
import { drillExportPages, drillList, drillSpecOf } from '../../commands/stats/drill-list.js';
import { planDrill } from '../../commands/stats/drill.js';
import { writeDrillXlsx } from '../../commands/stats/xlsx.js';
import { fail } from '../../http/errors.js';
import { assertCanReadTicket, maySeeContactPhone, staffAllowedActions } from '../../policies/tickets.js';
import { photoIdsOf, staffDetail, staffListItem, type StaffDetailInput } from '../../presenters/ticket.js';
import type { TicketRecord } from '../../models/ticket.js';
import { ipOf } from '../../services/audit.js';
import { auditPersonalDataRead, PERSONAL_DATA_READS } from '../../services/personal-data-audit.js';

/** Staff API: the queue (with tab counts), the case file, and every workflow action. */

const staffOf = (p: Principal | null) => p as StaffPrincipal;

/** The case file as the caller may see it (also the answer of 新建工单, routes/tickets/intake-routes.ts). */
export async function detailFor(deps: AppDeps, p: StaffPrincipal, t: TicketRecord) {
  const now = deps.now();
  const [refs, duplicates, resident] = await Promise.all([
    refMap(deps, photoIdsOf(t)),
    isOpen(t.status) ? possibleDuplicates(deps, t.categoryCode, t.location, now, String(t._id)) : Promise.resolve([]),
    // the resident's channel (mini-program / H5) for the source line; Open311 tickets name their key instead
    t.source || !OBJECT_ID_RE.test(t.reporter.citizenId) ? null : deps.models.Citizen.findById(t.reporter.citizenId, { source: 1 }).lean(),
  ]);
  const residentChannel = resident?.source as StaffDetailInput['residentChannel'];
  const detail = staffDetail(t, { now, refs, showPhone: maySeeContactPhone(p), duplicates, allowedActions: staffAllowedActions(p, t), canSupervise: maySupervise(p.roles, t.status), residentChannel });
  const extensionActs = extensionActions({ roles: p.roles, isAssignedDepartment: isHandlerOf(p, t.assignedDepartmentId) }, t);
  return { ...detail, extension: extensionView(t), extensionActions: extensionActs };
}

/**
 * The detail as `detailFor` builds it; when it carries the full phone (or an Open311 client's contact),
 * the read is recorded before the answer leaves — the same for the detail page and for every action's
 * answer, which the console shows in place of reading the ticket again.
 */
async function auditedDetail(ctx: Parameters<typeof auditPersonalDataRead>[0], deps: AppDeps, p: StaffPrincipal, t: TicketRecord) {
  const detail = await detailFor(deps, p, t);
  const shown = [detail.reporter.phone && !detail.reporter.phoneMasked ? 'phone' : '', (detail.source.contactName || detail.source.email) ? 'contact' : ''].filter(Boolean);
  if (shown.length) {
    await auditPersonalDataRead(ctx, deps, p, { action: PERSONAL_DATA_READS.ticketPhone, targetType: 'ticket', targetId: String(t._id), details: { trackingNo: t.trackingNo, fields: shown.join(',') } });
  }
  return detail;
}

const isExtensionAction = (a: string): a is ExtensionAction => (EXTENSION_ACTIONS as readonly string[]).includes(a);

export function registerTicketRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/tickets',
    summary: '工单列表（限本人辖区；含各状态数量）',
    tags: ['工单处置'],
    auth: 'staff',
    query: TicketListQuery,
    responses: { 200: { description: '列表', schema: TicketListResponse } },
    description:
      '统计明细：stat=<指标>&statUnit=<区域编码或处置单位 id>&from&to（YYYY-MM-DD）列出该指标分子对应的事件（一行一个事件），' +
      'total 等于分子；需 admin/viewer/dispatcher 角色，限本辖区。format=xlsx 流式导出全部明细（统计明细）。',
    handler: async (ctx, { query, principal, deps }) => {
      const p = staffOf(principal);
      const now = deps.now();
      if (query.stat) {
        if (query.format === 'xlsx') {
          const spec = drillSpecOf(p, query);
          const plan = await planDrill(deps, p, spec);
          // residents' reports in bulk (descriptions, addresses): the download is recorded like any export of personal data
          await auditPersonalDataRead(ctx, deps, principal, { action: PERSONAL_DATA_READS.export, targetType: 'ticket', targetId: '', details: { stat: query.stat, unit: plan.unitName, from: spec.from, to: spec.to } });
          writeDrillXlsx(ctx, deps, { stat: query.stat, unitName: plan.unitName, from: spec.from, to: spec.to }, drillExportPages(deps, p, plan));
          return undefined;
        }
        const d = await drillList(deps, p, query);
        return { items: d.items.map(({ event, row }) => ({ ...staffListItem(row, now), statAt: event.at.toISOString() })), total: d.total, counts: d.counts };
      }
      if (query.format === 'xlsx') throw fail('validation_failed', [{ field: 'format', message: '请同时指定 stat' }], '只有统计明细可以导出');
      const { rows, total, counts } = await listStaffTickets(deps, p, query);
      return { items: rows.map((r) => staffListItem(r, now)), total, counts };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/tickets/:id',
    summary: '工单详情（id 或受理编号；联系电话按角色脱敏；含可执行操作）',
    tags: ['工单处置'],
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: '详情', schema: TicketDetail } },
    handler: async (ctx, { params, principal, deps }) => {
      const p = staffOf(principal);
      const t = await findTicket(deps, params.id);
      assertCanReadTicket(p, t);
      await ensureQueueRow(deps, t as TicketRecord);
      return auditedDetail(ctx, deps, p, t as TicketRecord);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/tickets/:id/transitions',
    summary: '工单流转：立案/不予立案/派遣/回退/处置反馈/核查结案/返工/移交；督办（supervise：note + deadline，不改变状态）；延期（不改变状态）',
    description:
      '延期：处置单位（handler，限派遣给本单位的处置中工单；admin 可代办）request_extension {reason, newDueAt | extraWorkingHours | extraWorkingDays}，' +
      '新期限按工作时间从当前期限顺延，一次最多 30 个工作日，同一时间只能有一个待审批申请；指挥中心（dispatcher/admin，限本辖区）' +
      'approve_extension {note?}（处置期限 dueAt 改为申请的新期限，计入延期数）或 refuse_extension {reason}。',
    tags: ['工单处置'],
    auth: 'staff',
    params: IdParams,
    body: TransitionRequest,
    responses: { 200: { description: '流转后的工单', schema: TicketDetail } },
    handler: async (ctx, { params, body, principal, deps }) => {
      const p = staffOf(principal);
      const updated =
        body.action === 'supervise'
          ? await superviseTicket(deps, p, params.id, body, ipOf(ctx))
          : isExtensionAction(body.action)
            ? await extensionAction(deps, p, params.id, body, ipOf(ctx))
            : await staffTransition(deps, p, params.id, body as StateTransitionRequest, ipOf(ctx));
      return auditedDetail(ctx, deps, p, updated);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/tickets/:id/content-release',
    summary: '内容审核放行（待审核：微信内容安全检测提示风险的诉求）',
    description: '调度员查看后放行，工单即可立案、派遣；不予放行请用 transitions 的 reject（不予立案）。没有待审核内容 → 409 invalid_transition。',
    tags: ['工单处置'],
    auth: 'staff',
    params: IdParams,
    body: ContentReleaseRequest,
    responses: { 200: { description: '放行后的工单', schema: TicketDetail } },
    handler: async (ctx, { params, body, principal, deps }) => {
      const p = staffOf(principal);
      const updated = await releaseContentHold(deps, p, params.id, body, ipOf(ctx));
      return auditedDetail(ctx, deps, p, updated);
    },
  });
}
