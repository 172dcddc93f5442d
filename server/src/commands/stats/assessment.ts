import { addCounters, emptyCounters, type StatCounters } from '@cgt/shared/stats/counters';
import { computeIndicators } from '@cgt/shared/stats/indicators';
import { computeScore, gradeOf, scoreFormulaText } from '@cgt/shared/stats/score';
import { AS_OF_NOTE } from '@cgt/shared/stats/format';
import { monthOfDay, previousPeriod } from '@cgt/shared/stats/period';
import type { AssessmentItem, AssessmentQuery, AssessmentResponse } from '@cgt/shared/schemas/stats';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { readPeriod, type DistrictSums } from './read-rows.js';
import { departmentCounters, regionCounters, totalCounters, visibleDepartments, visibleRegions } from './units.js';
import { inForce, listWeights, type StoredWeights } from './weights.js';

/**
 * GET /api/v1/admin/stats/assessment: the ranking of districts/zones or departments over a period, with
 * 综合指标值 (weights in force in the period's last month), grade and every indicator; 合计/全市 is the
 * sum of the counters in scope (not an average of rates).
 */

interface UnitCounters {
  item: Omit<AssessmentItem, 'score' | 'grade' | 'gradeColor' | 'rank' | 'indicators' | 'previous'>;
  counters: StatCounters;
}

async function unitsOf(deps: AppDeps, p: StaffPrincipal, unit: 'district' | 'department', sums: Map<string, DistrictSums>) {
  const regions = await visibleRegions(deps, p);
  if (unit === 'district') {
    const units: UnitCounters[] = regions.map((r) => ({ item: { code: r.code, name: r.name, kind: r.kind, ...(r.demo ? { demo: true } : {}) }, counters: regionCounters(sums, r) }));
    return { units, total: totalCounters(sums, regions) };
  }
  const depts = await visibleDepartments(deps, p, regions);
  const units: UnitCounters[] = depts.map((d) => ({
    item: { id: d.id, name: d.name, kind: 'department' as const, districtCode: d.districtCode, districtName: d.districtName, ...(d.demo ? { demo: true } : {}) },
    counters: departmentCounters(sums, d.id),
  }));
  const total = emptyCounters();
  for (const u of units) addCounters(total, u.counters);
  return { units, total };
}

export interface AssessmentResult extends AssessmentResponse {
  weights: StoredWeights;
}

export async function assessment(deps: AppDeps, p: StaffPrincipal, q: Pick<AssessmentQuery, 'from' | 'to' | 'unit' | 'compare'>): Promise<AssessmentResult> {
  const versions = await listWeights(deps);
  const weights = inForce(versions, monthOfDay(q.to));
  const prev = q.compare ? previousPeriod(q.from, q.to) : null;
  const [sums, prevSums] = await Promise.all([readPeriod(deps, q.from, q.to), prev ? readPeriod(deps, prev.from, prev.to) : null]);
  const { units, total } = await unitsOf(deps, p, q.unit, sums);
  const prevUnits = prevSums ? (await unitsOf(deps, p, q.unit, prevSums)).units : null;
  const prevWeights = prev ? inForce(versions, monthOfDay(prev.to)) : weights;

  const items: AssessmentItem[] = units.map((u, i) => {
    const score = computeScore(weights, u.counters);
    const band = gradeOf(weights.bands, score);
    const out: AssessmentItem = { ...u.item, score, grade: band?.grade ?? null, gradeColor: band?.color ?? null, rank: null, indicators: computeIndicators(u.counters, q.unit) };
    const pu = prevUnits?.[i];
    if (pu) out.previous = { score: computeScore(prevWeights, pu.counters), indicators: computeIndicators(pu.counters, q.unit) };
    return out;
  });
  // rank by score (ties share a rank); units without a score are not ranked
  const scored = items.filter((i) => i.score !== null).sort((a, b) => b.score! - a.score!);
  scored.forEach((it, idx) => {
    it.rank = idx > 0 && scored[idx - 1]!.score === it.score ? scored[idx - 1]!.rank : idx + 1;
  });
  items.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const totalScore = computeScore(weights, total);
  const totalBand = gradeOf(weights.bands, totalScore);
  return {
    from: q.from,
    to: q.to,
    unit: q.unit,
    weightsVersion: weights.effectiveFrom,
    scoreFormula: scoreFormulaText(weights),
    asOf: deps.now().toISOString(),
    asOfNote: AS_OF_NOTE,
    ...(prev ? { previousPeriod: prev } : {}),
    items,
    total: {
      name: q.unit === 'district' && p.districtCodes.length === 0 ? '全市' : '合计',
      score: totalScore,
      grade: totalBand?.grade ?? null,
      gradeColor: totalBand?.color ?? null,
      indicators: computeIndicators(total, q.unit),
    },
    weights,
  };
}
