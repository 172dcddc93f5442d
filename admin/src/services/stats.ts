import type {
  AssessmentResponse,
  CategoryBreakdownResponse,
  TrendResponse,
  WeightsResponse,
  WeightsUpdate,
  WeightsVersion,
} from '@cgt/shared/schemas/stats';
import type { StatUnitKind } from '@cgt/shared/stats/indicators';
import { http, type RequestOptions } from './request';
import { downloadFile } from './masterdata';

/** The 考核 statistics API (/api/v1/admin/stats/*); shapes from shared/schemas/stats.ts. */

export interface RangeQuery {
  from: string;
  to: string;
}

/** GET /admin/stats/assessment: the ranking of districts/zones or departments, with the previous period. */
export function getAssessment(q: RangeQuery & { unit: StatUnitKind; compare?: boolean }): Promise<AssessmentResponse> {
  return http.get<AssessmentResponse>('/admin/stats/assessment', { ...q, compare: q.compare ? 'true' : undefined });
}

/** The same ranking as the server's Excel file (Chinese headers, 合计 row, formula sheet), saved as `filename`. */
export function downloadAssessmentXlsx(q: RangeQuery & { unit: StatUnitKind }, filename: string): Promise<void> {
  return downloadFile('/admin/stats/assessment', filename, { ...q, format: 'xlsx' });
}

/** GET /admin/stats/trend: one indicator month by month for one unit (absent code = 全市 in scope). */
export function getTrend(q: { indicator: string; unit: StatUnitKind; code?: string; to?: string; months?: number }): Promise<TrendResponse> {
  return http.get<TrendResponse>('/admin/stats/trend', { ...q });
}

/** GET /admin/stats/categories: the top problem categories per district/zone. */
export function getCategoryBreakdown(q: RangeQuery & { districtCode?: string; limit?: number }): Promise<CategoryBreakdownResponse> {
  return http.get<CategoryBreakdownResponse>('/admin/stats/categories', { ...q });
}

/** GET /admin/stats/weights: the version in force in `month` and every saved version. */
export function getWeights(month?: string, opts?: RequestOptions): Promise<WeightsResponse> {
  return http.get<WeightsResponse>('/admin/stats/weights', { month }, opts);
}

/** PUT /admin/stats/weights (admin): a new version from `effectiveFrom` on; answers the saved version. */
export function saveWeights(body: WeightsUpdate): Promise<WeightsVersion> {
  return http.put<WeightsVersion>('/admin/stats/weights', body);
}
