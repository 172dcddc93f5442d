import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { monthOfDay, shanghaiDayOf } from '@cgt/shared/stats/period';
import {
  AssessmentQuery,
  AssessmentResponse,
  CategoryBreakdownQuery,
  CategoryBreakdownResponse,
  TrendQuery,
  TrendResponse,
  WeightsQuery,
  WeightsResponse,
  WeightsUpdate,
  WeightsVersion,
} from '@cgt/shared/schemas/stats';
import type { AppDeps } from '../../deps.js';
import { defineRoute } from '../../http/route.js';
import { STATS_READER_ROLES } from '../../policies/stats.js';
import { assessment } from '../../commands/stats/assessment.js';
import { categoryBreakdown, trend } from '../../commands/stats/trend.js';
import { inForce, listWeights, presentWeights, saveWeights } from '../../commands/stats/weights.js';
import { writeAssessmentXlsx } from '../../commands/stats/xlsx.js';
import { ipOf } from '../../services/audit.js';

/** 考核 statistics: ranking (JSON or Excel), trend, category breakdown, weights. Roles: policies/stats.ts, declared per route. */

export function registerStatsRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/stats/assessment',
    summary: '考核排名：区域或部门的综合指标值、等级与各项指标（format=xlsx 导出 Excel）',
    description:
      '区县人员只看本辖区（及其处置单位），导出同样受限。' +
      '指标值：比率为 0–1 的小数，分母为 0 时为 null。统计口径见 asOfNote。只读预聚合的日/月统计行，不扫描工单。',
    tags: ['考核统计'],
    auth: { staff: STATS_READER_ROLES },
    query: AssessmentQuery,
    responses: {
      200: { description: '排名（format=xlsx 时为 Excel 文件，Content-Disposition 带中文文件名 filename*）', schema: AssessmentResponse },
    },
    handler: async (ctx, { query, principal: p, deps }) => {
      const result = await assessment(deps, p, query);
      if (query.format === 'xlsx') {
        writeAssessmentXlsx(ctx, deps, result);
        return undefined;
      }
      const { weights: _weights, ...body } = result;
      return body;
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/stats/trend',
    summary: '指标趋势：某区域/处置单位（或全市）近 N 个月的某项指标',
    tags: ['考核统计'],
    auth: { staff: STATS_READER_ROLES },
    query: TrendQuery,
    responses: { 200: { description: '逐月数值（分母为 0 的月份为 null）', schema: TrendResponse } },
    handler: async (_ctx, { query, principal, deps }) => trend(deps, principal, query),
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/stats/categories',
    summary: '问题类型分布：各区域上报最多的问题类型（前 N 名）',
    tags: ['考核统计'],
    auth: { staff: STATS_READER_ROLES },
    query: CategoryBreakdownQuery,
    responses: { 200: { description: '各区域前 N 类及全市合计', schema: CategoryBreakdownResponse } },
    handler: async (_ctx, { query, principal, deps }) => categoryBreakdown(deps, principal, query),
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/stats/weights',
    summary: '综合指标值权重：某月生效的版本及全部版本',
    tags: ['考核统计'],
    auth: { staff: STATS_READER_ROLES },
    query: WeightsQuery,
    responses: { 200: { description: '权重', schema: WeightsResponse } },
    handler: async (_ctx, { query, deps }) => {
      const month = query.month ?? monthOfDay(shanghaiDayOf(deps.now()));
      const versions = await listWeights(deps);
      return { month, current: presentWeights(inForce(versions, month)), versions: versions.map(presentWeights) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'put',
    path: '/api/v1/admin/stats/weights',
    summary: '保存综合指标值权重（管理员；自 effectiveFrom 月起生效，之前月份仍按原权重计算）',
    tags: ['考核统计'],
    auth: { staff: ['admin'] },
    body: WeightsUpdate,
    responses: { 200: { description: '保存的版本', schema: WeightsVersion } },
    handler: async (ctx, { body, principal, deps }) => presentWeights(await saveWeights(deps, principal, body, ipOf(ctx))),
  });
}
