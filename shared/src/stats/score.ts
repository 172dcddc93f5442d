import { computeIndicator, indicatorDef } from './indicators';
import type { StatCounters } from './counters';

/**
 * 综合指标值 (composite score) and 评价等级 (grade bands). The weights are configured by an admin and
 * versioned by month: a month's result is computed with the version in force that month (the newest
 * version whose effectiveFrom ≤ the month). Default: the Chengdu Jinniu example
 * 处置率×30 + 按期处置率×20 + (1−返工率)×20 + (1−超期待处置率)×20 + (1−延期率)×10, with 满意率 as an optional
 * term (weight 0 = off).
 */

export interface WeightTerm {
  /** an indicator of kind 'rate' (indicators.ts) */
  indicator: string;
  /** points of the term; terms are scaled so that all active weights add up to 100 */
  weight: number;
  /** use (1 − value): for rates where lower is better */
  invert: boolean;
}

export const GRADES = ['优秀', '良好', '合格', '不合格'] as const;
export type Grade = (typeof GRADES)[number];

export interface GradeBand {
  grade: Grade;
  /** lowest score (inclusive, 0–100) of the band */
  min: number;
  /** CSS colour for tables, the map and the bulletin */
  color: string;
}

export interface WeightsConfig {
  terms: WeightTerm[];
  /** from best to worst; the last band's min is 0 */
  bands: GradeBand[];
}

export const DEFAULT_WEIGHTS: WeightsConfig = {
  terms: [
    { indicator: 'handleRate', weight: 30, invert: false },
    { indicator: 'onTimeHandleRate', weight: 20, invert: false },
    { indicator: 'reworkRate', weight: 20, invert: true },
    { indicator: 'overdueUnresolvedRate', weight: 20, invert: true },
    { indicator: 'extensionRate', weight: 10, invert: true },
    { indicator: 'satisfactionRate', weight: 0, invert: false },
  ],
  bands: [
    { grade: '优秀', min: 90, color: '#389e0d' },
    { grade: '良好', min: 80, color: '#1677ff' },
    { grade: '合格', min: 60, color: '#d48806' },
    { grade: '不合格', min: 0, color: '#cf1322' },
  ],
};

/** The version id of the built-in default weights (in force until an admin saves a version). */
export const DEFAULT_WEIGHTS_VERSION = 'default';

/** The formula in words, e.g. for the Excel formula sheet and the tooltip of 综合指标值. */
export function scoreFormulaText(w: WeightsConfig): string {
  const parts = w.terms
    .filter((t) => t.weight > 0)
    .map((t) => {
      const label = indicatorDef(t.indicator)?.label ?? t.indicator;
      return `${t.invert ? `(1−${label})` : label}×${t.weight}`;
    });
  const total = w.terms.reduce((s, t) => s + (t.weight > 0 ? t.weight : 0), 0);
  const scaled = total === 100 ? '' : `，再按权重合计 ${total} 折算为百分制`;
  return `综合指标值 = ${parts.join(' + ')}${scaled}；分母为 0 的指标不参与，其余指标按权重折算`;
}

/**
 * The composite score 0–100 (one decimal) from the counters, or null when no weighted indicator has a value
 * (e.g. nothing was due). Terms whose indicator is null are left out and the rest re-scaled to 100, so a
 * unit is not punished (or rewarded) for an empty denominator.
 */
export function computeScore(w: WeightsConfig, c: StatCounters): number | null {
  let points = 0;
  let weights = 0;
  for (const t of w.terms) {
    if (!(t.weight > 0)) continue;
    const def = indicatorDef(t.indicator);
    if (!def) continue;
    const v = computeIndicator(def, c);
    if (v === null) continue;
    points += t.weight * (t.invert ? 1 - v : v);
    weights += t.weight;
  }
  if (weights === 0) return null;
  return Math.round((points / weights) * 1000) / 10;
}

/** The band a score falls in (bands sorted by min, highest first); null score → null. */
export function gradeOf(bands: readonly GradeBand[], score: number | null): GradeBand | null {
  if (score === null) return null;
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  for (const b of sorted) if (score >= b.min) return b;
  return sorted[sorted.length - 1] ?? null;
}

/** Problems of a weights config, for the admin form and the PUT route (empty = valid). */
export function weightsProblems(w: WeightsConfig): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  w.terms.forEach((t, i) => {
    const def = indicatorDef(t.indicator);
    if (!def || def.kind !== 'rate') out.push({ field: `terms.${i}.indicator`, message: '只能选择比率类指标' });
    if (seen.has(t.indicator)) out.push({ field: `terms.${i}.indicator`, message: '指标重复' });
    seen.add(t.indicator);
  });
  if (!w.terms.some((t) => t.weight > 0)) out.push({ field: 'terms', message: '至少一个指标的权重大于 0' });
  const grades = new Set(w.bands.map((b) => b.grade));
  if (grades.size !== w.bands.length || GRADES.some((g) => !grades.has(g))) {
    out.push({ field: 'bands', message: '等级须为优秀、良好、合格、不合格各一档' });
  } else {
    const order = GRADES.map((g) => w.bands.find((b) => b.grade === g)!.min);
    for (let i = 1; i < order.length; i++) {
      if (!(order[i - 1]! > order[i]!)) out.push({ field: 'bands', message: '等级下限须依次降低（优秀 > 良好 > 合格 > 不合格）' });
    }
    if (order[order.length - 1] !== 0) out.push({ field: 'bands', message: '不合格的下限须为 0' });
  }
  return out;
}

/** The version in force for a month ('YYYY-MM'): the newest with effectiveFrom ≤ month, else the default. */
export function weightsInForce<V extends { effectiveFrom: string }>(versions: readonly V[], month: string): V | null {
  let best: V | null = null;
  for (const v of versions) if (v.effectiveFrom <= month && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}
