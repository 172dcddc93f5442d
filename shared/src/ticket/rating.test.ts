import { describe, expect, it } from 'vitest';
import { SATISFACTION_LABELS, SATISFACTION_LEVELS, isSatisfaction, ratingOutcome } from './rating';

const now = new Date('2026-11-27T12:00:00Z');
const recent = new Date('2026-11-25T12:00:00Z');
const old = new Date('2026-11-10T12:00:00Z');

describe('ratingOutcome', () => {
  it.each([
    ['submitted', 'satisfied', null, 'not_ratable'],
    ['dispatched', 'dissatisfied', null, 'not_ratable'],
    ['rejected', 'dissatisfied', null, 'not_ratable'],
    ['withdrawn', 'satisfied', null, 'not_ratable'],
    ['resolved', 'satisfied', null, 'record'],
    ['resolved', 'basically_satisfied', null, 'record'],
    ['resolved', 'dissatisfied', null, 'reopen'],
    ['closed', 'satisfied', recent, 'record'],
    ['closed', 'dissatisfied', recent, 'reopen'],
    ['closed', 'dissatisfied', old, 'record'],
    ['closed', 'dissatisfied', null, 'record'],
  ] as const)('%s + %s (closedAt %s) → %s', (status, satisfaction, closedAt, expected) => {
    expect(ratingOutcome({ status, satisfaction, closedAt, now })).toBe(expected);
  });
  it('labels and guard', () => {
    expect(SATISFACTION_LEVELS.map((s) => SATISFACTION_LABELS[s])).toEqual(['满意', '基本满意', '不满意']);
    expect(isSatisfaction('dissatisfied')).toBe(true);
    expect(isSatisfaction('angry')).toBe(false);
  });
});
