import { z } from 'zod';
import { QueryFlag } from './common';
import { DRILLABLE_INDICATORS, INDICATOR_NAMES, indicatorDef } from '../stats/indicators';
import { GRADES } from '../stats/score';
import { isDayString, isMonthString } from '../stats/period';

/**
 * Statistics API (/api/v1/admin/stats/*): the 考核 ranking, trends, category breakdown, weights, and the
 * drill-down parameters of the staff ticket list. Rates are fractions 0–1; null = empty denominator ("—").
 * Scope: a district's staff see their districts/zones and their departments only; viewer (局领导) and admin
 * accounts with no district see all; exports follow the same scope.
 */

const day = (label: string) =>
  z.string().trim().refine(isDayString, { message: `${label}应为 YYYY-MM-DD 格式的日期` });
const month = (label: string) => z.string().trim().refine(isMonthString, { message: `${label}应为 YYYY-MM 格式的月份` });

export const STAT_UNITS = ['district', 'department'] as const;
export const StatUnitSchema = z.enum(STAT_UNITS);

/** Longest range one request may ask for (days): two years. */
export const MAX_STATS_RANGE_DAYS = 731;

export const StatsFormatSchema = z.enum(['json', 'xlsx']);

const rangeShape = { from: day('开始日期'), to: day('结束日期') };

function checkRange(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  const days = (Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_STATS_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: '统计区间最长两年' });
}

/** GET /api/v1/admin/stats/assessment */
export const AssessmentQuery = z
  .object({
    ...rangeShape,
    unit: StatUnitSchema.default('district'),
    format: StatsFormatSchema.default('json'),
    /** also compute the previous period of the same length (month-on-month arrows) */
    compare: QueryFlag.optional(),
  })
  .superRefine(checkRange);
export type AssessmentQuery = z.infer<typeof AssessmentQuery>;

export const IndicatorValues = z.record(z.string(), z.number().nullable());

export const GradeSchema = z.enum(GRADES);

export const AssessmentItem = z.object({
  /** district/zone code (unit=district) */
  code: z.string().optional(),
  /** department id (unit=department) */
  id: z.string().optional(),
  name: z.string(),
  /** district | zone | department */
  kind: z.enum(['district', 'zone', 'department']),
  /** unit=department: the district/zone the department serves */
  districtCode: z.string().optional(),
  districtName: z.string().optional(),
  /** marks demo units and figures that come only from demo data */
  demo: z.boolean().optional(),
  /** 综合指标值 0–100, null when no weighted indicator has a denominator */
  score: z.number().nullable(),
  grade: GradeSchema.nullable(),
  gradeColor: z.string().nullable(),
  /** 1 = best; ties share a rank; units without a score are not ranked */
  rank: z.number().int().nullable(),
  indicators: IndicatorValues,
  /** with compare=true: the same unit in the previous period */
  previous: z.object({ score: z.number().nullable(), indicators: IndicatorValues }).optional(),
});
export type AssessmentItem = z.infer<typeof AssessmentItem>;

export const AssessmentResponse = z.object({
  from: z.string(),
  to: z.string(),
  unit: StatUnitSchema,
  /** effectiveFrom ('YYYY-MM') of the weights version used, or 'default' */
  weightsVersion: z.string(),
  /** the composite formula in words (tooltip of 综合指标值) */
  scoreFormula: z.string(),
  /** when the figures were read (ISO) and the "as of" rule in words */
  asOf: z.string(),
  asOfNote: z.string(),
  previousPeriod: z.object({ from: z.string(), to: z.string() }).optional(),
  items: z.array(AssessmentItem),
  /** 合计/全市 over the items in scope (a sum of the counters, not an average of the rates) */
  total: z.object({ name: z.string(), score: z.number().nullable(), grade: GradeSchema.nullable(), gradeColor: z.string().nullable(), indicators: IndicatorValues }),
});
export type AssessmentResponse = z.infer<typeof AssessmentResponse>;

const indicatorName = z.string().refine((s) => INDICATOR_NAMES.includes(s), { message: '未知的统计指标' });

/** GET /api/v1/admin/stats/trend — the last `months` months up to `to` of one indicator for one unit */
export const TrendQuery = z.object({
  indicator: indicatorName,
  unit: StatUnitSchema.default('district'),
  /** district/zone code or department id; absent = 全市 (everything in scope) */
  code: z.string().trim().max(64).optional(),
  to: month('截止月份').optional(),
  months: z.coerce.number().int().min(1).max(36, '最多 36 个月').default(12),
});
export type TrendQuery = z.infer<typeof TrendQuery>;

export const TrendResponse = z.object({
  indicator: z.string(),
  label: z.string(),
  kind: z.enum(['count', 'rate', 'hours']),
  unit: StatUnitSchema,
  code: z.string().optional(),
  name: z.string(),
  points: z.array(z.object({ month: z.string(), value: z.number().nullable() })),
});
export type TrendResponse = z.infer<typeof TrendResponse>;

/** GET /api/v1/admin/stats/categories — top problem categories per district/zone */
export const CategoryBreakdownQuery = z
  .object({
    ...rangeShape,
    /** one district/zone; absent = every district in scope */
    districtCode: z.string().trim().max(32).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .superRefine(checkRange);
export type CategoryBreakdownQuery = z.infer<typeof CategoryBreakdownQuery>;

export const CategoryCount = z.object({
  categoryCode: z.string(),
  categoryName: z.string(),
  reportedCount: z.number().int(),
  acceptedCount: z.number().int(),
  closedCount: z.number().int(),
});
export const CategoryBreakdownResponse = z.object({
  from: z.string(),
  to: z.string(),
  /** sorted by reportedCount, highest first, at most `limit` per unit */
  items: z.array(z.object({ code: z.string(), name: z.string(), categories: z.array(CategoryCount) })),
  /** 全市 over the units in scope */
  total: z.array(CategoryCount),
});
export type CategoryBreakdownResponse = z.infer<typeof CategoryBreakdownResponse>;

/** Weights of the 综合指标值 (shared/stats/score.ts), versioned by month. */
export const WeightTermSchema = z.object({
  indicator: indicatorName,
  weight: z.number().min(0, '权重不能为负').max(100, '权重最大 100'),
  invert: z.boolean(),
});
export const GradeBandSchema = z.object({
  grade: GradeSchema,
  min: z.number().min(0).max(100),
  color: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, '颜色应为 #RRGGBB'),
});
export const WeightsVersion = z.object({
  /** 'YYYY-MM', or 'default' for the built-in Chengdu Jinniu weights */
  effectiveFrom: z.string(),
  terms: z.array(WeightTermSchema),
  bands: z.array(GradeBandSchema),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type WeightsVersion = z.infer<typeof WeightsVersion>;

/** GET /api/v1/admin/stats/weights?month=YYYY-MM (month defaults to the current one) */
export const WeightsQuery = z.object({ month: month('月份').optional() });
export const WeightsResponse = z.object({
  month: z.string(),
  /** the version in force in `month` */
  current: WeightsVersion,
  /** every saved version, newest first (the default is not listed) */
  versions: z.array(WeightsVersion),
});
export type WeightsResponse = z.infer<typeof WeightsResponse>;

/** PUT /api/v1/admin/stats/weights (admin): saves the version that applies from `effectiveFrom` on */
export const WeightsUpdate = z.object({
  effectiveFrom: month('生效月份'),
  terms: z.array(WeightTermSchema).min(1, '至少一个指标').max(12),
  bands: z.array(GradeBandSchema).length(4, '等级须为优秀、良好、合格、不合格四档'),
});
export type WeightsUpdate = z.infer<typeof WeightsUpdate>;

/**
 * Drill-down on GET /api/v1/admin/tickets: `stat` = a drillable indicator, `statUnit` = district/zone code
 * or department id (absent = 全市 in scope), `statFrom`/`statTo` (or `from`/`to`) = the period's days.
 * The list is the events behind the indicator's numerator (a ticket appears once per event, e.g. closed
 * twice), so `total` equals the numerator shown in the ranking. `format=xlsx` streams the whole list.
 */
export const StatDrillQuery = z.object({
  stat: z
    .string()
    .refine((s) => DRILLABLE_INDICATORS.includes(s), { message: '该指标不能查看明细' })
    .optional(),
  statUnit: z.string().trim().max(64).optional(),
  /** district (district/zone code) or department (department id); inferred from statUnit when absent */
  statUnitKind: StatUnitSchema.optional(),
  /** only the events of this problem category (the 问题类型 breakdown's links); with a district or 全市 */
  statCategory: z.string().trim().regex(/^\d{5}$/, '问题类型编码应为 5 位数字').optional(),
  format: StatsFormatSchema.optional(),
});
export type StatDrillQuery = z.infer<typeof StatDrillQuery>;

/** The label of the drill-down, e.g. "按期处置率 的分子：按期处置数" (for the list page's title). */
export function drillTitle(stat: string): string {
  const def = indicatorDef(stat);
  if (!def) return stat;
  return def.kind === 'count' ? def.label : `${def.label}（分子）`;
}

/** POST /api/v1/admin/tickets/:id/transitions with action "supervise" (leader/dispatcher): 督办 */
export const SuperviseRequest = z.object({
  action: z.literal('supervise'),
  note: z.string().trim().min(1, '请填写督办意见').max(500, '督办意见最多 500 个字'),
  /** ISO date-time or YYYY-MM-DD (end of that Shanghai day) by which the ticket must be closed */
  deadline: z.string().trim().min(1, '请填写督办期限'),
  version: z.number().int().min(0).optional(),
});
export type SuperviseRequest = z.infer<typeof SuperviseRequest>;

/** What a ticket list item / detail shows of an open 督办 (red tag, sorted to the top of the handler's queue). */
export const SupervisionSchema = z.object({
  at: z.string(),
  deadline: z.string(),
  note: z.string(),
  byName: z.string(),
  overdue: z.boolean(),
});
export type Supervision = z.infer<typeof SupervisionSchema>;
