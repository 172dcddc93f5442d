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
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { routingSnapshot } from '../../services/routing.js';
import { createDepartment } from '../../commands/departments/create-department.js';
import { updateDepartment } from '../../commands/departments/update-department.js';
import type { DepartmentRecord } from '../../commands/departments/common.js';
import type { RoutingRuleRecord } from '../../commands/routing-rules/common.js';
import { createRule } from '../../commands/routing-rules/create-rule.js';
import { deleteRule } from '../../commands/routing-rules/delete-rule.js';
import { updateRule } from '../../commands/routing-rules/update-rule.js';
import { presentDepartment, presentRule } from '../../presenters/departments.js';

const TAGS = ['处置单位与派遣规则'];

async function zoneTest(deps: AppDeps): Promise<(code: string) => boolean> {
  const { index } = await routingSnapshot(deps);
  return (code) => index.get(code)?.kind === 'zone';
}

async function departmentView(deps: AppDeps, d: DepartmentRecord): Promise<DepartmentView> {
  return presentDepartment(d, await zoneTest(deps));
}

async function ruleView(deps: AppDeps, r: RoutingRuleRecord): Promise<RoutingRuleView> {
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
      const d = await createDepartment(deps, p, body, ipOf(ctx));
      ctx.status = 201;
      return departmentView(deps, d);
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
      return departmentView(deps, await updateDepartment(deps, p, params.id, body, ipOf(ctx)));
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
      const r = await createRule(deps, p, body, ipOf(ctx));
      ctx.status = 201;
      return ruleView(deps, r);
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
      return ruleView(deps, await updateRule(deps, p, params.id, body, ipOf(ctx)));
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
      await deleteRule(deps, p, params.id, ipOf(ctx));
      ctx.status = 204;
      return undefined;
    },
  });
}
