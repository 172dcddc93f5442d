import { describe, expect, it } from 'vitest';
import { emptyCounters, type StatCounters } from './counters';
import { computeScore, DEFAULT_WEIGHTS, gradeOf, scoreFormulaText, weightsInForce, weightsProblems, type WeightsConfig } from './score';

const c = (p: Partial<StatCounters>): StatCounters => ({ ...emptyCounters(), ...p });

describe('综合指标值 (Chengdu Jinniu default weights)', () => {
  it('computes 处置率×30 + 按期处置率×20 + (1−返工率)×20 + (1−超期待处置率)×20 + (1−延期率)×10', () => {
    // 应处置 20: 处置 15 (按期 12), 超期待处置 5; 返工 3 (÷15 = 0.2); 延期 2 (÷20 = 0.1)
    // 0.75×30 + 0.6×20 + 0.8×20 + 0.75×20 + 0.9×10 = 22.5 + 12 + 16 + 15 + 9 = 74.5
    const s = computeScore(DEFAULT_WEIGHTS, c({ resolved: 15, resolvedOnTime: 12, overdueUnresolved: 5, reworked: 3, extended: 2 }));
    expect(s).toBe(74.5);
    expect(gradeOf(DEFAULT_WEIGHTS.bands, s)?.grade).toBe('合格');
  });

  it('a perfect department scores 100 (优秀); nothing due → null score, no grade', () => {
    expect(computeScore(DEFAULT_WEIGHTS, c({ resolved: 4, resolvedOnTime: 4 }))).toBe(100);
    expect(gradeOf(DEFAULT_WEIGHTS.bands, 100)?.grade).toBe('优秀');
    expect(computeScore(DEFAULT_WEIGHTS, emptyCounters())).toBeNull();
    expect(gradeOf(DEFAULT_WEIGHTS.bands, null)).toBeNull();
  });

  it('the optional 满意率 term re-scales the weights to 100', () => {
    const w: WeightsConfig = { ...DEFAULT_WEIGHTS, terms: DEFAULT_WEIGHTS.terms.map((t) => (t.indicator === 'satisfactionRate' ? { ...t, weight: 10 } : t)) };
    // all Jinniu terms perfect (100 points of 100), 满意率 0.5 → 5 of 10: 105/110 = 95.45… → 95.5
    const s = computeScore(w, c({ resolved: 2, resolvedOnTime: 2, rated: 2, satisfied: 1, dissatisfied: 1 }));
    expect(s).toBe(95.5);
    expect(scoreFormulaText(w)).toContain('满意率×10');
    expect(scoreFormulaText(DEFAULT_WEIGHTS)).toContain('(1−返工率)×20');
  });

  it('grade bands: boundaries are inclusive of the lower limit', () => {
    const b = DEFAULT_WEIGHTS.bands;
    expect(gradeOf(b, 90)?.grade).toBe('优秀');
    expect(gradeOf(b, 89.9)?.grade).toBe('良好');
    expect(gradeOf(b, 80)?.grade).toBe('良好');
    expect(gradeOf(b, 60)?.grade).toBe('合格');
    expect(gradeOf(b, 59.9)?.grade).toBe('不合格');
    expect(gradeOf(b, 0)?.grade).toBe('不合格');
  });

  it('validates a weights config', () => {
    expect(weightsProblems(DEFAULT_WEIGHTS)).toEqual([]);
    expect(weightsProblems({ ...DEFAULT_WEIGHTS, terms: [{ indicator: 'closedCount', weight: 10, invert: false }] })[0]?.field).toBe('terms.0.indicator');
    expect(weightsProblems({ ...DEFAULT_WEIGHTS, terms: DEFAULT_WEIGHTS.terms.map((t) => ({ ...t, weight: 0 })) }).map((p) => p.field)).toContain('terms');
    const badBands = DEFAULT_WEIGHTS.bands.map((b) => (b.grade === '良好' ? { ...b, min: 95 } : b));
    expect(weightsProblems({ ...DEFAULT_WEIGHTS, bands: badBands }).map((p) => p.field)).toContain('bands');
  });

  it('picks the version in force for a month', () => {
    const versions = [{ effectiveFrom: '2026-01' }, { effectiveFrom: '2026-06' }];
    expect(weightsInForce(versions, '2025-12')).toBeNull();
    expect(weightsInForce(versions, '2026-05')?.effectiveFrom).toBe('2026-01');
    expect(weightsInForce(versions, '2026-06')?.effectiveFrom).toBe('2026-06');
    expect(weightsInForce(versions, '2027-01')?.effectiveFrom).toBe('2026-06');
  });
});
