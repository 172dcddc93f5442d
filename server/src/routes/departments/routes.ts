import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  CreateDepartmentRequest,
  CreateRoutingRuleRequest,
  DepartmentView,
  IdParams,
  ListDepartmentsQuery,
  ListDepartmentsResponse,
  ListRoutingRulesQuery,
  ListRoutingRulesResponse,
  PatchDepartmentRequest,
  PatchRoutingRuleRequest,
  RoutingRuleView,
} from '@cgt/shared/schemas/departments';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { actorOf, ipOf, recordAudit } from '../../services/audit.js';
import { bumpRoutingVersion, routingSnapshot } from '../../services/routing.js';
import { ruleLabel } from '../../domain/routing/labels.js';
import { presentDepartment, presentRule } from './presenter.js';
import { assertArea, assertDepartment, assertRuleCategory } from './references.js';

const TAGS = ['处置单位与派遣规则'];

async function zoneTest(deps: AppDeps): Promise<(code: string) => boolean> {
  const { index } = await routingSnapshot(deps);
  return (code) => index.get(code)?.kind === 'zone';
}

async function loadDepartmentView(deps: AppDeps, id: string): Promise<DepartmentView> {
  const d = await deps.models.Department.findById(id).lean();
  if (!d) throw fail('not_found', [], '处置单位不存在');
  return presentDepartment(d, await zoneTest(deps));
}

async function loadRuleView(deps: AppDeps, id: string): Promise<RoutingRuleView> {
  const r = await deps.models.RoutingRule.findById(id).lean();
  if (!r) throw fail('not_found', [], '派遣规则不存在');
  const { index, departments } = await routingSnapshot(deps);
  return presentRule(r, (c) => index.get(c)?.name ?? c, (d) => departments.get(d)?.name ?? '');
}

export function registerDepartmentRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/departments',
    summary: '处置单位列表（?districtCode= 按区县或功能区筛选，工作人员可查）',
    tags: TAGS,
    auth: 'staff',
    query: ListDepartmentsQuery,
    responses: { 200: { description: '处置单位', schema: ListDepartmentsResponse } },
    handler: async (_ctx, { query, deps }) => {
      const filter: Record<string, unknown> = {};
      if (query.districtCode) filter.districtCode = query.districtCode;
      if (query.active === '1' || query.active === 'true') filter.active = { $ne: false };
      if (query.active === '0' || query.active === 'false') filter.active = false;
      const docs = await deps.models.Department.find(filter).lean();
      docs.sort((a, b) => (a.districtCode === b.districtCode ? (a.name < b.name ? -1 : 1) : a.districtCode < b.districtCode ? -1 : 1));
      const isZone = await zoneTest(deps);
      return { items: docs.map((d) => presentDepartment(d, isZone)) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/departments',
    summary: '新建处置单位（仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    body: CreateDepartmentRequest,
    responses: { 201: { description: '已创建', schema: DepartmentView }, 422: { description: 'unknown_district' } },
    handler: async (ctx, { body, principal: p, deps }) => {
      await assertArea(deps, body.districtCode, 'districtCode');
      const d = await deps.models.Department.create({ ...body, demo: false });
      await bumpRoutingVersion(deps);
      await recordAudit(deps, { actor: actorOf(p), action: 'department.create', targetType: 'department', targetId: String(d._id), ip: ipOf(ctx), details: { ...body } });
      ctx.status = 201;
      return loadDepartmentView(deps, String(d._id));
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: '/api/v1/admin/departments/:id',
    summary: '修改处置单位（停用：active=false，仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    body: PatchDepartmentRequest,
    responses: { 200: { description: '修改后的处置单位', schema: DepartmentView }, 422: { description: 'unknown_district' } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      if (body.districtCode) await assertArea(deps, body.districtCode, 'districtCode');
      const { phone, ...rest } = body;
      const update: Record<string, unknown> = { $set: rest };
      if (phone === null) update.$unset = { phone: 1 };
      else if (phone !== undefined) (update.$set as Record<string, unknown>).phone = phone;
      const res = await deps.models.Department.updateOne({ _id: params.id }, update);
      if (res.matchedCount === 0) throw fail('not_found', [], '处置单位不存在');
      await bumpRoutingVersion(deps);
      await recordAudit(deps, { actor: actorOf(p), action: 'department.update', targetType: 'department', targetId: params.id, ip: ipOf(ctx), details: { ...body } });
      return loadDepartmentView(deps, params.id);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/routing-rules',
    summary: '派遣规则列表（?scopeCode= 按区县或功能区筛选）',
    tags: TAGS,
    auth: 'staff',
    query: ListRoutingRulesQuery,
    responses: { 200: { description: '派遣规则', schema: ListRoutingRulesResponse } },
    handler: async (_ctx, { query, deps }) => {
      const docs = await deps.models.RoutingRule.find(query.scopeCode ? { scopeCode: query.scopeCode } : {}).lean();
      docs.sort((a, b) =>
        a.scopeCode !== b.scopeCode ? (a.scopeCode < b.scopeCode ? -1 : 1) : a.categoryCode < b.categoryCode ? -1 : a.categoryCode > b.categoryCode ? 1 : 0,
      );
      const { index, departments } = await routingSnapshot(deps);
      return { items: docs.map((r) => presentRule(r, (c) => index.get(c)?.name ?? c, (d) => departments.get(d)?.name ?? '')) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/routing-rules',
    summary: '新建派遣规则：区县/功能区 × 类别（代码、类别组或 *）→ 处置单位（仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    body: CreateRoutingRuleRequest,
    responses: { 201: { description: '已创建', schema: RoutingRuleView }, 422: { description: 'unknown_district / unknown_department / unknown_category' } },
    handler: async (ctx, { body, principal: p, deps }) => {
      const area = await assertArea(deps, body.scopeCode, 'scopeCode');
      await assertRuleCategory(deps, body.categoryCode, 'categoryCode');
      await assertDepartment(deps, body.departmentId, 'departmentId');
      const r = await deps.models.RoutingRule.create({ ...body, name: body.name || ruleLabel(area.name, body.categoryCode), demo: false });
      await bumpRoutingVersion(deps);
      await recordAudit(deps, { actor: actorOf(p), action: 'routing_rule.create', targetType: 'routing_rule', targetId: String(r._id), ip: ipOf(ctx), details: { ...body } });
      ctx.status = 201;
      return loadRuleView(deps, String(r._id));
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: '/api/v1/admin/routing-rules/:id',
    summary: '修改派遣规则（仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    body: PatchRoutingRuleRequest,
    responses: { 200: { description: '修改后的规则', schema: RoutingRuleView }, 422: { description: 'unknown_district / unknown_department / unknown_category' } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      if (body.scopeCode) await assertArea(deps, body.scopeCode, 'scopeCode');
      if (body.categoryCode) await assertRuleCategory(deps, body.categoryCode, 'categoryCode');
      if (body.departmentId) await assertDepartment(deps, body.departmentId, 'departmentId');
      const res = await deps.models.RoutingRule.updateOne({ _id: params.id }, { $set: body });
      if (res.matchedCount === 0) throw fail('not_found', [], '派遣规则不存在');
      await bumpRoutingVersion(deps);
      await recordAudit(deps, { actor: actorOf(p), action: 'routing_rule.update', targetType: 'routing_rule', targetId: params.id, ip: ipOf(ctx), details: { ...body } });
      return loadRuleView(deps, params.id);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: '/api/v1/admin/routing-rules/:id',
    summary: '删除派遣规则（仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    responses: { 204: { description: '已删除' } },
    handler: async (ctx, { params, principal: p, deps }) => {
      const before = await deps.models.RoutingRule.findById(params.id).lean();
      if (!before) throw fail('not_found', [], '派遣规则不存在');
      await deps.models.RoutingRule.deleteOne({ _id: params.id });
      await bumpRoutingVersion(deps);
      await recordAudit(deps, {
        actor: actorOf(p),
        action: 'routing_rule.delete',
        targetType: 'routing_rule',
        targetId: params.id,
        ip: ipOf(ctx),
        details: { scopeCode: before.scopeCode, categoryCode: before.categoryCode, departmentId: before.departmentId },
      });
      ctx.status = 204;
      return undefined;
    },
  });
}
