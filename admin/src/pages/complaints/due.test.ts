import { describe, expect, it } from 'vitest';
import { daysText, dueColor } from './due';

describe('deadline countdown', () => {
  it('counts days left, today, and days overdue', () => {
    expect(daysText({ daysLeft: 5, overdue: false })).toBe('剩 5 天');
    expect(daysText({ daysLeft: 0, overdue: false })).toBe('今天到期');
    expect(daysText({ daysLeft: -3, overdue: true })).toBe('超期 3 天');
    // overdue on its last day (after 23:59:59) still says at least one day
    expect(daysText({ daysLeft: 0, overdue: true })).toBe('超期 1 天');
  });

  it('is red when overdue, orange when due soon', () => {
    expect(dueColor({ overdue: true, dueSoon: false })).toBe('red');
    expect(dueColor({ overdue: false, dueSoon: true })).toBe('orange');
    expect(dueColor({ overdue: false, dueSoon: false })).toBe('blue');
  });
});
