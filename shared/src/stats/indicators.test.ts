import { describe, expect, it } from 'vitest';
import { emptyCounters, type StatCounters } from './counters';
import { computeIndicator, computeIndicators, indicatorDef, indicatorNumerator, indicatorsFor, INDICATORS, DRILLABLE_INDICATORS } from './indicators';
import { EMPTY_VALUE, formatIndicator } from './format';

function counters(p: Partial<StatCounters>): StatCounters {
  return { ...emptyCounters(), ...p };
}
const v = (name: string, c: StatCounters) => computeIndicator(indicatorDef(name)!, c);

describe('assessment indicators (hand-computed cases)', () => {
  it('区域评价: 结案率 = 结案数/应结案数, 按期结案率 = 按期结案数/应结案数, 应结案 = 结案 + 超期未结', () => {
    // 8 closed (6 on time) and 2 due in the period still open: 应结案 10
    const c = counters({ closed: 8, closedOnTime: 6, overdueUnclosed: 2 });
    expect(v('dueToCloseCount', c)).toBe(10);
    expect(v('closeRate', c)).toBeCloseTo(0.8, 10);
    expect(v('onTimeCloseRate', c)).toBeCloseTo(0.6, 10);
    expect(v('overdueUnclosedCount', c)).toBe(2);
  });

  it('部门评价: 处置率, 按期处置率, 返工率 = 返工数/处置数, 超期待处置率, 延期率, 平均处置时长', () => {
    // 处置 15 (12 on time, 3 late), 5 overdue unresolved → 应处置 20; 返工 3; 延期 2; 45 working hours in all
    const c = counters({ resolved: 15, resolvedOnTime: 12, resolvedLate: 3, overdueUnresolved: 5, reworked: 3, extended: 2, handlingHours: 45, returned: 1 });
    expect(v('dueToHandleCount', c)).toBe(20);
    expect(v('handleRate', c)).toBeCloseTo(0.75, 10);
    expect(v('onTimeHandleRate', c)).toBeCloseTo(0.6, 10);
    expect(v('resolvedLateCount', c)).toBe(3);
    expect(v('reworkRate', c)).toBeCloseTo(0.2, 10);
    expect(v('overdueUnresolvedRate', c)).toBeCloseTo(0.25, 10);
    expect(v('extensionRate', c)).toBeCloseTo(0.1, 10);
    expect(v('avgHandlingHours', c)).toBe(3);
    expect(v('returnedCount', c)).toBe(1);
  });

  it('群众评价: 满意率 = (满意 + 基本满意)/参评数', () => {
    const c = counters({ rated: 8, satisfied: 5, basicallySatisfied: 1, dissatisfied: 2, reopened: 1 });
    expect(v('satisfactionRate', c)).toBeCloseTo(0.75, 10);
    expect(v('reopenedCount', c)).toBe(1);
  });

  it('信访 and 督办 rates', () => {
    const c = counters({ petitionNotified: 4, petitionNotifiedOnTime: 3, petitionConcluded: 5, petitionConcludedOnTime: 4, supervised: 4, supervisedClosedOnTime: 1 });
    expect(v('petitionNotifyOnTimeRate', c)).toBeCloseTo(0.75, 10);
    expect(v('petitionConcludeOnTimeRate', c)).toBeCloseTo(0.8, 10);
    expect(v('supervisedOnTimeCloseRate', c)).toBeCloseTo(0.25, 10);
  });

  it('empty denominators give null, shown as "—" (never 0% or NaN)', () => {
    const c = emptyCounters();
    for (const d of INDICATORS) {
      const value = computeIndicator(d, c);
      if (d.kind === 'count') expect(value).toBe(0);
      else {
        expect(value).toBeNull();
        expect(formatIndicator(d, value)).toBe(EMPTY_VALUE);
      }
    }
    // a numerator without denominator is still null (返工 with no 处置 in the period)
    expect(v('reworkRate', counters({ reworked: 2 }))).toBeNull();
  });

  it('formats rates with one decimal and hours with one decimal', () => {
    expect(formatIndicator({ kind: 'rate' }, 2 / 3)).toBe('66.7%');
    expect(formatIndicator({ kind: 'rate' }, 1)).toBe('100.0%');
    expect(formatIndicator({ kind: 'rate' }, 0)).toBe('0.0%');
    expect(formatIndicator({ kind: 'hours' }, 3.26)).toBe('3.3 小时');
    expect(formatIndicator({ kind: 'count' }, 12)).toBe('12');
  });

  it('every indicator has a unique camelCase name, a label, a formula and units; the numerator is what a drill-down totals', () => {
    const names = new Set<string>();
    for (const d of INDICATORS) {
      expect(d.name).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(names.has(d.name)).toBe(false);
      names.add(d.name);
      expect(d.label.length).toBeGreaterThan(0);
      expect(d.formula.length).toBeGreaterThan(0);
      expect(d.units.length).toBeGreaterThan(0);
      if (d.kind !== 'count') expect(d.denominator?.length).toBeGreaterThan(0);
    }
    expect(DRILLABLE_INDICATORS).toContain('onTimeHandleRate');
    expect(DRILLABLE_INDICATORS).not.toContain('avgHandlingHours');
    expect(indicatorNumerator(indicatorDef('satisfactionRate')!, counters({ satisfied: 2, basicallySatisfied: 3, rated: 9 }))).toBe(5);
  });

  it('district rankings show the region indicators, department rankings do not', () => {
    const d = indicatorsFor('district').map((x) => x.name);
    const p = indicatorsFor('department').map((x) => x.name);
    expect(d).toContain('closeRate');
    expect(p).not.toContain('closeRate');
    expect(p).toContain('handleRate');
    const all = computeIndicators(counters({ resolved: 1, overdueUnresolved: 1 }), 'department');
    expect(all.handleRate).toBe(0.5);
    expect(all).not.toHaveProperty('closeRate');
  });
});
