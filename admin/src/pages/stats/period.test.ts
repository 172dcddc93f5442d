import { describe, expect, it } from 'vitest';
import { customPeriod, periodContaining, periodFromParams, periodLabel, previousPeriod, trailingMonths } from './period';

describe('assessment periods', () => {
  it('a month, quarter and year are whole calendar ranges with inclusive last days', () => {
    expect(periodContaining('month', '2026-02-14')).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(periodContaining('month', '2028-02-01')).toEqual({ kind: 'month', from: '2028-02-01', to: '2028-02-29' });
    expect(periodContaining('quarter', '2026-11-30')).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(periodContaining('quarter', '2026-04-01')).toEqual({ kind: 'quarter', from: '2026-04-01', to: '2026-06-30' });
    expect(periodContaining('year', '2026-07-09')).toEqual({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
  });

  it('the previous period crosses year ends and keeps a custom range length', () => {
    expect(previousPeriod(periodContaining('month', '2026-01-10'))).toEqual({ kind: 'month', from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod(periodContaining('month', '2026-03-31'))).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(periodContaining('quarter', '2026-02-01'))).toEqual({ kind: 'quarter', from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod(periodContaining('year', '2026-02-01'))).toEqual({ kind: 'year', from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod(customPeriod('2026-11-11', '2026-11-20'))).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-11-10' });
  });

  it('a custom range given backwards is put in order', () => {
    expect(customPeriod('2026-11-20', '2026-11-03')).toEqual({ kind: 'custom', from: '2026-11-03', to: '2026-11-20' });
  });

  it('twelve trailing months end with the month of `to`', () => {
    const months = trailingMonths('2026-11-15');
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ kind: 'month', from: '2025-12-01', to: '2025-12-31' });
    expect(months[11]).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
  });

  it('labels in Chinese', () => {
    expect(periodLabel(periodContaining('month', '2026-11-15'))).toBe('2026年11月');
    expect(periodLabel(periodContaining('quarter', '2026-11-15'))).toBe('2026年第4季度');
    expect(periodLabel(periodContaining('year', '2026-11-15'))).toBe('2026年度');
    expect(periodLabel(customPeriod('2026-11-03', '2026-11-20'))).toBe('2026-11-03 至 2026-11-20');
  });

  it('URL parameters round-trip, and bad ones fall back to the current month', () => {
    expect(periodFromParams(new URLSearchParams('period=quarter&from=2026-08-01'), '2026-12-02')).toEqual(periodContaining('quarter', '2026-08-01'));
    expect(periodFromParams(new URLSearchParams('period=custom&from=2026-11-03&to=2026-11-20'))).toEqual(customPeriod('2026-11-03', '2026-11-20'));
    expect(periodFromParams(new URLSearchParams('period=month&from=yesterday'), '2026-12-02')).toEqual(periodContaining('month', '2026-12-02'));
    expect(periodFromParams(new URLSearchParams(''), '2026-12-02')).toEqual({ kind: 'month', from: '2026-12-01', to: '2026-12-31' });
  });
});
