import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AnyIdParams as IdParams } from '@cgt/shared/schemas/common';
import {
  ComplaintActionRequest,
  ComplaintListQuery,
  ComplaintPageQuery,
  ComplaintSearchRequest,
  LinkTicketRequest,
  RevealIdNumberResponse,
  StaffComplaintDetail,
  StaffComplaintList,
  StaffRegisterComplaintRequest,
  StaffRegisterComplaintResponse,
} from '@cgt/shared/schemas/complaints';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { defineRoute } from '../../http/route.js';
import { fail } from '../../http/errors.js';
import { canSeeDistrict } from '../../policies/staff-scope.js';
import { applyComplaintAction } from '../../commands/complaints/actions.js';
import { conflictError, findComplaint, staffComplaintActor } from '../../commands/complaints/common.js';
import { linkTicket } from '../../commands/complaints/link-ticket.js';
import { unlinkTicket } from '../../commands/complaints/unlink-ticket.js';
import { linkedTicketStatuses, listStaffComplaints, repeatLinks } from '../../commands/complaints/queries.js';
import { ensureComplaintRow } from '../../commands/complaints/projections.js';
import { registerComplaint } from '../../commands/complaints/register.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { assertCanSeeComplaint, COMPLAINT_STAFF_ROLES, complaintAllowedActions } from '../../policies/complaints.js';
import { createComplaintView, nameConflictsOf, staffComplaintDetail, staffComplaintItem } from '../../presenters/complaint.js';
import { ipOf } from '../../services/audit.js';
import { getPrivateUploadRefs } from '../../services/uploads.js';
import { auditPersonalDataRead, PERSONAL_DATA_READS } from '../../services/personal-data-audit.js';
import { maskIdNumber } from '@cgt/shared/complaint/id-number';
import { revealIdNumber } from '../../services/pii-keys.js';

/**
 * Complaint office API (complaint_officer and admin; any other staff role → 403): the registry with
 * deadline flags, the 积案 list, registration from letters/visits/calls, the case file, every action.
 */

const LinkParams = z.object({ id: z.string().max(64), ticketId: z.string().max(64) });
const OptionalKey = z.object({ 'idempotency-key': z.string().min(8).max(128).optional() });
const TAGS = ['信访办理'];

/** What each filter costs (commands/complaints/list-plan.ts): which are served by an equality index. */
const LIST_DESCRIPTION = [
  '快速（等值索引）：默认视图按登记月份（北京时间）逐月读取，总数来自按 月×区域×维度 保存的精确计数；',
  '单独一个 status / channel / type / repeat / departmentId 筛选（可再加 districtCode）同样如此；',
  'q 为信访件编号，或姓名中的一个字 / 相邻两个字（更长的姓名片段按其中两个字检索后再精确匹配），',
  'ticketId、按身份证号查找（POST /search）都是一次等值查询；overdue=true、backlog=true、dueSoon=true 读取未办结集合。',
  '仅保证正确（不保证快）：同时组合两个及以上维度（如 status+channel）或 overdue=false / backlog=false 时逐月计数，',
  '耗时随历史月份增长；单字姓名检索命中常见姓氏时返回较多；sort=due 先列有办理期限的（最早到期在前），再列无期限的（最早登记在前）。',
].join('');

async function staffDetail(deps: AppDeps, p: StaffPrincipal, c: ComplaintRecord) {
  const now = deps.now();
  const [attachments, repeats, ticketStatuses] = await Promise.all([
    getPrivateUploadRefs(deps, c.attachmentIds),
    repeatLinks(deps, c),
    linkedTicketStatuses(deps, c),
    // repairs the list row of a case whose writer stopped before syncing it
    ensureComplaintRow(deps, c),
  ]);
  return staffComplaintDetail(c, {
    now,
    attachments,
    allowedActions: complaintAllowedActions(c, now),
    repeats,
    ticketStatuses,
  });
}

async function loadVisible(deps: AppDeps, p: StaffPrincipal, id: string): Promise<ComplaintRecord> {
  const c = await findComplaint(deps, id);
  assertCanSeeComplaint(p, c);
  return c;
}

export function registerAdminComplaintRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/complaints',
    summary: '信访件登记簿（筛选：状态、渠道、类型、超期/积案、3 日内到期、重复信访、身份证号、关联工单）',
    description: LIST_DESCRIPTION,
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    query: ComplaintListQuery,
    responses: { 200: { description: '列表', schema: StaffComplaintList } },
    handler: async (_ctx, { query, principal: p, deps }) => {
      const { rows, total } = await listStaffComplaints(deps, p, query);
      const now = deps.now();
      return { items: rows.map((r) => staffComplaintItem(r, now)), total };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/complaints/backlog',
    summary: '积案：尚未办结且已超过法定期限的信访件（最早到期的在前）',
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    query: ComplaintPageQuery,
    responses: { 200: { description: '列表', schema: StaffComplaintList } },
    handler: async (_ctx, { query, principal: p, deps }) => {
      const { rows, total } = await listStaffComplaints(deps, p, { ...query, backlog: true, sort: 'due' });
      const now = deps.now();
      return { items: rows.map((r) => staffComplaintItem(r, now)), total };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/complaints/search',
    summary: '按身份证号查找信访件（号码放在请求体中：URL 会写入访问日志）',
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    body: ComplaintSearchRequest,
    responses: { 200: { description: '列表', schema: StaffComplaintList } },
    handler: async (ctx, { body, principal: p, deps }) => {
      const q = ComplaintListQuery.parse({ page: body.page, pageSize: body.pageSize });
      const { rows, total } = await listStaffComplaints(deps, p, q, { idNumber: body.idNumber });
      // a lookup by ID number is processing of sensitive personal data, found or not (the number only masked)
      await auditPersonalDataRead(ctx, deps, p, {
        action: PERSONAL_DATA_READS.complaintSearchByIdNumber,
        targetType: 'complaint',
        targetId: '',
        details: { idNumberMasked: maskIdNumber(body.idNumber), found: total },
      });
      const now = deps.now();
      return { items: rows.map((r) => staffComplaintItem(r, now)), total };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/complaints',
    summary: '登记来信、来访、来电或 12345 转办的信访件（可带 Idempotency-Key）',
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    headers: OptionalKey,
    body: StaffRegisterComplaintRequest,
    responses: {
      201: { description: '已登记', schema: StaffRegisterComplaintResponse },
      200: { description: '重复提交（同一 Idempotency-Key），返回原结果', schema: StaffRegisterComplaintResponse },
    },
    handler: async (ctx, { body, principal: p, deps }) => {
      const { channel, receivedAt, note, ...rest } = body;
      // an officer of some districts registers only for those (a case without a district is everyone's)
      if (rest.districtCode && !canSeeDistrict(p, rest.districtCode)) throw fail('forbidden', [], '不能为辖区以外的区域登记信访件');
      const res = await registerComplaint(
        deps,
        { channel, body: rest, actor: staffComplaintActor(p), principal: p, ip: ipOf(ctx), citizenId: null, uploadOwner: { kind: 'staff', id: p.userId }, receivedAt, note },
        { scope: 'complaint-staff', callerId: p.userId, value: ctx.get('idempotency-key') || undefined, required: false },
      );
      const c = res.complaint;
      ctx.status = res.status;
      return { ...createComplaintView(c, deps.now()), repeatOf: c.repeatOf.map((r) => ({ id: r.id, caseNo: r.caseNo })), nameConflicts: nameConflictsOf(c) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/complaints/:id',
    summary: '信访件案卷（id 或编号；含全部办理记录、期限、重复信访、同号异名与关联工单；身份证号只显示脱敏形式）',
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    params: IdParams,
    responses: { 200: { description: '详情', schema: StaffComplaintDetail } },
    handler: async (ctx, { params, principal: p, deps }) => {
      const c = await loadVisible(deps, p, params.id);
      const detail = await staffDetail(deps, p, c);
      // the case file shows the petitioner's phone in full: a read of personal data
      await auditPersonalDataRead(ctx, deps, p, { action: PERSONAL_DATA_READS.complaintPhone, targetType: 'complaint', targetId: String(c._id), details: { caseNo: c.caseNo, fields: 'phone' } });
      return detail;
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/complaints/:id/reveal-id',
    summary: '查看完整身份证号（每次查看写一条个人信息审计记录）',
    description: '案卷只显示脱敏的身份证号；信访工作人员核对身份时按“查看完整”调用本接口。号码只在响应中，不写入日志与审计记录。',
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    params: IdParams,
    responses: { 200: { description: '完整身份证号', schema: RevealIdNumberResponse } },
    handler: async (ctx, { params, principal: p, deps }) => {
      const c = await loadVisible(deps, p, params.id);
      let idNumber: string;
      try {
        idNumber = revealIdNumber(deps, c.petitioner.idNumberEnc);
      } catch {
        // under a key no longer configured: start-up refuses that, so only a damaged value reaches here
        throw fail('internal_error', [], '身份证号无法解密，请联系管理员');
      }
      await auditPersonalDataRead(ctx, deps, p, {
        action: PERSONAL_DATA_READS.complaintIdNumber,
        targetType: 'complaint',
        targetId: String(c._id),
        details: { caseNo: c.caseNo, fields: 'idNumber', idNumberMasked: c.petitioner.idNumberMasked },
      });
      ctx.set('Cache-Control', 'no-store');
      return { idNumber };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/complaints/:id/actions',
    summary: '办理操作：accept / not_accept / transfer / assign / extend / conclude / request_review / conclude_review / request_recheck / conclude_recheck',
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    params: IdParams,
    body: ComplaintActionRequest,
    responses: { 200: { description: '已办理，返回最新案卷', schema: StaffComplaintDetail } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      const c = await loadVisible(deps, p, params.id);
      if (body.version !== undefined && body.version !== c.version) throw conflictError(c.version);
      const { action, version: _v, ...payload } = body;
      const updated = await applyComplaintAction(deps, c, action, payload, staffComplaintActor(p), ipOf(ctx));
      return staffDetail(deps, p, updated);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/complaints/:id/tickets',
    summary: '关联随手拍工单（工单 id 或受理编号；已关联则不变）',
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    params: IdParams,
    body: LinkTicketRequest,
    responses: { 200: { description: '已关联，返回最新案卷', schema: StaffComplaintDetail } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      const c = await loadVisible(deps, p, params.id);
      const updated = await linkTicket(deps, c, body.ticket, staffComplaintActor(p), ipOf(ctx));
      return staffDetail(deps, p, updated);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: '/api/v1/admin/complaints/:id/tickets/:ticketId',
    summary: '取消关联工单',
    tags: TAGS,
    auth: { staff: COMPLAINT_STAFF_ROLES },
    params: LinkParams,
    responses: { 200: { description: '已取消关联，返回最新案卷', schema: StaffComplaintDetail } },
    handler: async (ctx, { params, principal: p, deps }) => {
      const c = await loadVisible(deps, p, params.id);
      const updated = await unlinkTicket(deps, c, params.ticketId, staffComplaintActor(p), ipOf(ctx));
      return staffDetail(deps, p, updated);
    },
  });
}
