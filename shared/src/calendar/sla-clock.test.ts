import { describe, expect, it } from 'vitest';
import { findCategory } from '../categories/seed';
import { addSlaHours, defaultSlaClock, fromShanghai, slaHoursBetween, toShanghaiString } from './working-time';

const sh = fromShanghai;
const due = (start: string, hours: number, clock: 'natural' | 'working') => toShanghaiString(addSlaHours(sh(start), hours, clock));

describe('SLA clocks: natural (7×24) for urgent categories, working time for the others', () => {
  it('a 2-hour gas leak reported at 17:30 on a Friday is due at 19:30 the same evening on the natural clock', () => {
    expect(due('2026-11-13 17:30', 2, 'natural')).toBe('2026-11-13 19:30');
    // the same 2 hours in working time pause overnight and over the weekend: 30 min Friday + 1.5 h Monday
    expect(due('2026-11-13 17:30', 2, 'working')).toBe('2026-11-16 10:00');
  });

  it('natural hours run through the night, weekends and holidays', () => {
    expect(due('2026-10-01 23:00', 4, 'natural')).toBe('2026-10-02 03:00'); // National Day
    expect(due('2026-09-19 12:00', 7, 'natural')).toBe('2026-09-19 19:00'); // Saturday
    expect(due('2026-09-19 12:00', 0, 'natural')).toBe('2026-09-19 12:00');
  });

  it('working is the default clock (tickets stored before clocks existed)', () => {
    expect(toShanghaiString(addSlaHours(sh('2026-11-13 17:30'), 2))).toBe('2026-11-16 10:00');
  });

  it('hours left count on the same clock, negative once past', () => {
    const a = sh('2026-09-18 17:30');
    const b = sh('2026-09-18 19:30');
    expect(slaHoursBetween(a, b, 'natural')).toBe(2);
    expect(slaHoursBetween(b, a, 'natural')).toBe(-2);
    expect(slaHoursBetween(a, b, 'working')).toBe(0.5);
  });

  it('refuses bad input like the working-time functions', () => {
    expect(() => addSlaHours(sh('2026-09-18 17:30'), -1, 'natural')).toThrow(RangeError);
    expect(() => addSlaHours(new Date(Number.NaN), 1, 'natural')).toThrow(RangeError);
  });

  it('the seed puts urgent categories on the natural clock and ordinary ones on working time', () => {
    expect(findCategory('90003')).toMatchObject({ name: '燃气隐患', urgent: true, clock: 'natural', slaHours: 2 });
    expect(findCategory('06010')).toMatchObject({ urgent: false, clock: 'working' });
    expect(defaultSlaClock(true)).toBe('natural');
    expect(defaultSlaClock(false)).toBe('working');
  });
});
