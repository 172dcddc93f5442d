import { describe, expect, it } from 'vitest';
import { fromShanghai, toShanghaiString } from '../calendar/working-time';
import {
  checkExtension,
  computeComplaintDeadlines,
  deadlineStatus,
  officeDeadline,
  petitionerWindow,
  withinDeadline,
} from './deadlines';

const sh = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 23) : null);

describe('信访 deadlines (calendar days, end of the last day, Shanghai)', () => {
  it('acceptance notice: 15 days from registration', () => {
    const d = computeComplaintDeadlines({ registeredAt: fromShanghai('2026-03-02 10:00') });
    expect(sh(d.acceptBy)).toBe('2026-03-17 23:59:59.999');
    expect(d.concludeBy).toBeNull();
    expect(d.reviewRequestBy).toBeNull();
  });

  it('registration late at night (UTC already the previous day) still counts from the Shanghai date', () => {
    // 2026-03-02 23:30 Shanghai = 15:30 UTC the same day; 00:30 Shanghai = 16:30 UTC the previous day
    expect(sh(computeComplaintDeadlines({ registeredAt: fromShanghai('2026-03-02 23:30') }).acceptBy)).toBe('2026-03-17 23:59:59.999');
    expect(sh(computeComplaintDeadlines({ registeredAt: fromShanghai('2026-03-03 00:30') }).acceptBy)).toBe('2026-03-18 23:59:59.999');
  });

  it('conclusion: 60 days from acceptance, across month ends', () => {
    const d = computeComplaintDeadlines({ registeredAt: fromShanghai('2026-01-05 09:00'), acceptedAt: fromShanghai('2026-01-10 09:00') });
    expect(sh(d.concludeBy)).toBe('2026-03-11 23:59:59.999'); // Jan 10 + 60 = Mar 11 (Feb has 28 days)
  });

  it('across a leap day: 2028-02 has 29 days', () => {
    const d = computeComplaintDeadlines({ registeredAt: fromShanghai('2028-02-14 09:00'), acceptedAt: fromShanghai('2028-01-10 09:00') });
    expect(sh(d.acceptBy)).toBe('2028-02-29 23:59:59.999');
    expect(sh(d.concludeBy)).toBe('2028-03-10 23:59:59.999'); // Jan 10 + 60 = Mar 10 in a leap year
  });

  it('holidays do not move the end (the regulation counts 日, not 工作日)', () => {
    // 2026-10-01 is 国庆; the period simply ends on it
    const d = computeComplaintDeadlines({ registeredAt: fromShanghai('2026-09-16 09:00') });
    expect(sh(d.acceptBy)).toBe('2026-10-01 23:59:59.999');
  });

  it('one extension adds its days to the 60', () => {
    const d = computeComplaintDeadlines({
      registeredAt: fromShanghai('2026-01-05 09:00'),
      acceptedAt: fromShanghai('2026-01-10 09:00'),
      extensionDays: 30,
    });
    expect(sh(d.concludeBy)).toBe('2026-04-10 23:59:59.999'); // Jan 10 + 90
  });

  it('复查 window and decision, 复核 window and decision: 30 days each', () => {
    const d = computeComplaintDeadlines({
      registeredAt: fromShanghai('2026-01-05 09:00'),
      acceptedAt: fromShanghai('2026-01-06 09:00'),
      concludedAt: fromShanghai('2026-02-10 16:00'),
      reviewRequestedAt: fromShanghai('2026-03-01 11:00'),
      reviewConcludedAt: fromShanghai('2026-03-20 11:00'),
      recheckRequestedAt: fromShanghai('2026-04-15 11:00'),
    });
    expect(sh(d.reviewRequestBy)).toBe('2026-03-12 23:59:59.999'); // Feb 10 + 30
    expect(sh(d.reviewBy)).toBe('2026-03-31 23:59:59.999');
    expect(sh(d.recheckRequestBy)).toBe('2026-04-19 23:59:59.999');
    expect(sh(d.recheckBy)).toBe('2026-05-15 23:59:59.999');
  });

  it('office deadline and petitioner window by state', () => {
    const d = computeComplaintDeadlines({
      registeredAt: fromShanghai('2026-01-05 09:00'),
      acceptedAt: fromShanghai('2026-01-06 09:00'),
      concludedAt: fromShanghai('2026-02-10 16:00'),
    });
    expect(officeDeadline('registered', d)).toEqual({ kind: 'accept', at: d.acceptBy });
    expect(officeDeadline('accepted', d)).toEqual({ kind: 'conclude', at: d.concludeBy });
    expect(officeDeadline('handling', d)).toEqual({ kind: 'conclude', at: d.concludeBy });
    expect(officeDeadline('concluded', d)).toBeNull();
    expect(officeDeadline('final', d)).toBeNull();
    expect(petitionerWindow('concluded', d)).toEqual({ kind: 'review_request', at: d.reviewRequestBy });
    expect(petitionerWindow('handling', d)).toBeNull();
  });
});

describe('days left and flags', () => {
  const due = fromShanghai('2026-03-17 23:59:59');
  it.each([
    ['2026-03-10 08:00', 7, false, false],
    ['2026-03-14 08:00', 3, false, true],
    ['2026-03-17 00:01', 0, false, true],
    ['2026-03-17 23:59', 0, false, true],
    ['2026-03-18 00:00', -1, true, false],
    ['2026-03-20 12:00', -3, true, false],
  ] as const)('now %s → %i days left, overdue %s, dueSoon %s', (now, daysLeft, overdue, dueSoon) => {
    expect(deadlineStatus(due, fromShanghai(now))).toEqual({ daysLeft, overdue, dueSoon });
  });

  it('withinDeadline includes the whole last day', () => {
    const by = computeComplaintDeadlines({ registeredAt: fromShanghai('2026-03-02 10:00') }).acceptBy;
    expect(withinDeadline(by, fromShanghai('2026-03-17 23:59'))).toBe(true);
    expect(withinDeadline(by, fromShanghai('2026-03-18 00:00'))).toBe(false);
    expect(withinDeadline(null, fromShanghai('2026-03-01 00:00'))).toBe(false);
    expect(toShanghaiString(by)).toBe('2026-03-17 23:59');
  });
});

describe('extension rules', () => {
  const concludeBy = fromShanghai('2026-03-11 23:59');
  const now = fromShanghai('2026-03-01 10:00');
  it('once, 1–30 days, before the deadline', () => {
    expect(checkExtension({ alreadyExtended: false, days: 30, concludeBy, now })).toEqual({ ok: true });
    expect(checkExtension({ alreadyExtended: false, days: 1, concludeBy, now })).toEqual({ ok: true });
    expect(checkExtension({ alreadyExtended: true, days: 10, concludeBy, now })).toEqual({ ok: false, code: 'already_extended' });
    expect(checkExtension({ alreadyExtended: false, days: 31, concludeBy, now })).toEqual({ ok: false, code: 'invalid_extension_days' });
    expect(checkExtension({ alreadyExtended: false, days: 0, concludeBy, now })).toEqual({ ok: false, code: 'invalid_extension_days' });
    expect(checkExtension({ alreadyExtended: false, days: 2.5, concludeBy, now })).toEqual({ ok: false, code: 'invalid_extension_days' });
    expect(checkExtension({ alreadyExtended: false, days: 10, concludeBy, now: fromShanghai('2026-03-12 00:01') })).toEqual({
      ok: false,
      code: 'extension_too_late',
    });
  });
});
