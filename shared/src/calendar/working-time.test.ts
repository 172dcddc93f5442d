import { afterEach, describe, expect, it } from 'vitest';
import {
  WORKING_HOURS_PER_DAY,
  WORKING_PERIODS,
  addCalendarDays,
  addWorkingHours,
  fromShanghai,
  isWorkingDay,
  isWorkingTime,
  shanghaiDateString,
  toShanghaiString,
  workingHoursBetween,
} from './working-time';

const sh = fromShanghai;
const due = (start: string, hours: number) => toShanghaiString(addWorkingHours(sh(start), hours));

describe('constants and helpers', () => {
  it('7 working hours a day, 08:30–12:00 and 14:30–18:00', () => {
    expect(WORKING_HOURS_PER_DAY).toBe(7);
    expect(WORKING_PERIODS).toEqual([
      [510, 720],
      [870, 1080],
    ]);
  });
  it('round-trips Shanghai wall time independent of the machine TZ', () => {
    expect(sh('2026-10-01 00:30').toISOString()).toBe('2026-09-30T16:30:00.000Z');
    expect(toShanghaiString(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01 00:30');
    expect(shanghaiDateString(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(() => sh('2026/10/01')).toThrow(RangeError);
  });
});

describe('isWorkingDay (2026 data: National Day Oct 1–7 off, Sun Sep 20 and Sat Oct 10 make-up days)', () => {
  it.each([
    ['2026-09-18', true], // Fri
    ['2026-09-19', false], // Sat
    ['2026-09-20', true], // Sun, 调休 for National Day
    ['2026-09-25', false], // Fri, 中秋
    ['2026-09-30', true],
    ['2026-10-01', false],
    ['2026-10-05', false], // Mon inside the holiday
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Sat, 调休
    ['2026-10-11', false], // Sun
    ['2026-11-27', true],
    ['2026-11-28', false],
  ])('%s → %s', (day, expected) => {
    expect(isWorkingDay(sh(`${day} 12:00`))).toBe(expected);
  });
  it('uses the Shanghai date, not the UTC date', () => {
    // 2026-10-08 00:30 Shanghai is still 2026-10-07 in UTC (a holiday there).
    expect(isWorkingDay(new Date('2026-10-07T16:30:00Z'))).toBe(true);
    // 2026-10-01 07:00 Shanghai is 2026-09-30 in UTC (a working day there).
    expect(isWorkingDay(new Date('2026-09-30T23:00:00Z'))).toBe(false);
  });
});

describe('isWorkingTime', () => {
  it.each([
    ['2026-11-27 08:29', false],
    ['2026-11-27 08:30', true],
    ['2026-11-27 11:59', true],
    ['2026-11-27 12:00', false],
    ['2026-11-27 13:00', false],
    ['2026-11-27 14:30', true],
    ['2026-11-27 17:59', true],
    ['2026-11-27 18:00', false],
    ['2026-11-28 10:00', false],
    ['2026-10-10 10:00', true],
  ])('%s → %s', (t, expected) => {
    expect(isWorkingTime(sh(t))).toBe(expected);
  });
});

describe('addWorkingHours', () => {
  it('Friday 17:00 + 4 h → Monday 11:30 (weekend skipped)', () => {
    expect(due('2026-11-27 17:00', 4)).toBe('2026-11-30 11:30');
  });
  it('Friday 17:00 + 4 h before a make-up Sunday → that Sunday 11:30', () => {
    expect(due('2026-09-18 17:00', 4)).toBe('2026-09-20 11:30');
  });
  it('across National Day: Wed Sep 30 17:00 + 4 h → Thu Oct 8 11:30', () => {
    expect(due('2026-09-30 17:00', 4)).toBe('2026-10-08 11:30');
  });
  it('filed during the holiday: Oct 3 + 24 h → counts from Oct 8, make-up Sat Oct 10 counts', () => {
    // Oct 8: 7 h, Oct 9: 7 h, Sat Oct 10: 7 h → 21 h; 3 h more on Mon Oct 12 → 11:30.
    expect(due('2026-10-03 10:00', 24)).toBe('2026-10-12 11:30');
  });
  it('Friday Oct 9 17:00 + 4 h → make-up Saturday Oct 10 11:30', () => {
    expect(due('2026-10-09 17:00', 4)).toBe('2026-10-10 11:30');
  });
  it('lunch break does not count', () => {
    expect(due('2026-11-26 11:00', 2)).toBe('2026-11-26 15:30');
    expect(due('2026-11-26 12:30', 1)).toBe('2026-11-26 15:30');
  });
  it('a deadline that exactly uses up a period ends at its close', () => {
    expect(due('2026-11-26 08:30', 3.5)).toBe('2026-11-26 12:00');
    expect(due('2026-11-26 08:30', 7)).toBe('2026-11-26 18:00');
    expect(due('2026-11-26 07:00', 7)).toBe('2026-11-26 18:00');
  });
  it('starting after hours begins at the next opening', () => {
    expect(due('2026-11-26 20:00', 1)).toBe('2026-11-27 09:30');
  });
  it('fractional hours and zero', () => {
    expect(due('2026-11-26 09:00', 0.25)).toBe('2026-11-26 09:15');
    expect(addWorkingHours(sh('2026-11-28 03:00'), 0).getTime()).toBe(sh('2026-11-28 03:00').getTime());
  });
  it('rejects bad input', () => {
    expect(() => addWorkingHours(sh('2026-11-26 09:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingHours(sh('2026-11-26 09:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingHours(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('workingHoursBetween', () => {
  it('counts only office hours on working days', () => {
    expect(workingHoursBetween(sh('2026-11-27 17:00'), sh('2026-11-30 11:30'))).toBe(4);
    expect(workingHoursBetween(sh('2026-09-30 08:00'), sh('2026-10-08 09:30'))).toBe(8);
    expect(workingHoursBetween(sh('2026-11-26 11:00'), sh('2026-11-26 15:00'))).toBe(1.5);
    expect(workingHoursBetween(sh('2026-11-28 00:00'), sh('2026-11-29 23:59'))).toBe(0);
    expect(workingHoursBetween(sh('2026-10-09 00:00'), sh('2026-10-11 00:00'))).toBe(14);
  });
  it('is negative when b < a (overdue)', () => {
    expect(workingHoursBetween(sh('2026-11-30 11:30'), sh('2026-11-27 17:00'))).toBe(-4);
  });
  it('inverts addWorkingHours', () => {
    for (const [start, h] of [
      ['2026-09-18 17:00', 4],
      ['2026-09-29 10:00', 30],
      ['2026-12-31 16:00', 9.5],
    ] as const) {
      expect(workingHoursBetween(sh(start), addWorkingHours(sh(start), h))).toBeCloseTo(h, 9);
    }
  });
});

describe('addCalendarDays (信访 deadlines)', () => {
  it('ends at 23:59:59.999 Shanghai of start date + days', () => {
    expect(addCalendarDays(sh('2026-11-27 10:00'), 15).toISOString()).toBe('2026-12-12T15:59:59.999Z');
    expect(addCalendarDays(sh('2026-11-27 00:10'), 0).toISOString()).toBe('2026-11-27T15:59:59.999Z');
    expect(addCalendarDays(sh('2026-09-01 09:00'), 60).toISOString()).toBe('2026-10-31T15:59:59.999Z');
  });
  it('counts holidays as days, optionally rolls over a holiday last day', () => {
    expect(toShanghaiString(addCalendarDays(sh('2026-09-20 09:00'), 15))).toBe('2026-10-05 23:59');
    expect(toShanghaiString(addCalendarDays(sh('2026-09-20 09:00'), 15, { extendPastHolidays: true }))).toBe(
      '2026-10-08 23:59',
    );
  });
  it('rejects bad input', () => {
    expect(() => addCalendarDays(sh('2026-11-27 10:00'), 1.5)).toThrow(RangeError);
    expect(() => addCalendarDays(sh('2026-11-27 10:00'), -1)).toThrow(RangeError);
  });
});

describe('independent of the process time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
  // Each TZ checks dates no other test touched, so the per-day cache cannot hide a TZ bug.
  it.each([
    // West of UTC, a library reading local getters would see the day before: pick days whose
    // previous day has the opposite answer (Jan 3 is a holiday, Feb 14 a make-up working day).
    ['America/Los_Angeles', 480, '2026-01-04', '2026-02-15'],
    ['Pacific/Kiritimati', -840, '2026-02-28', '2026-02-23'],
    ['UTC', 0, '2026-05-09', '2026-05-04'],
    ['Asia/Shanghai', -480, '2026-02-14', '2026-04-06'],
  ])('TZ=%s', (tz, offset, makeUpDay, holiday) => {
    process.env.TZ = tz;
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(offset);
    expect(isWorkingDay(sh(`${makeUpDay} 00:10`))).toBe(true);
    expect(isWorkingDay(sh(`${holiday} 23:50`))).toBe(false);
    expect(due('2026-09-30 17:00', 4)).toBe('2026-10-08 11:30');
  });
});
