import { describe, expect, it } from 'vitest';
import { addMonths, daysInRange, isDayString, lastDayOfMonth, previousPeriod, shanghaiDayOf, splitRange } from './period';

describe('statistics periods', () => {
  it('validates days and knows month lengths', () => {
    expect(isDayString('2026-02-29')).toBe(false);
    expect(isDayString('2028-02-29')).toBe(true);
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(daysInRange('2026-01-01', '2026-12-31')).toBe(365);
  });

  it('dates an instant by the Shanghai day', () => {
    expect(shanghaiDayOf(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(shanghaiDayOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });

  it('splits a range into whole months and loose days', () => {
    expect(splitRange('2026-01-01', '2026-12-31')).toEqual({ months: Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`), days: [] });
    const r = splitRange('2026-01-30', '2026-03-02');
    expect(r.months).toEqual(['2026-02']);
    expect(r.days).toEqual(['2026-01-30', '2026-01-31', '2026-03-01', '2026-03-02']);
  });

  it('the previous period of a month is the month before; of a quarter the quarter before; else the same number of days', () => {
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2026-04-01', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(previousPeriod('2026-03-10', '2026-03-19')).toEqual({ from: '2026-02-28', to: '2026-03-09' });
  });
});
