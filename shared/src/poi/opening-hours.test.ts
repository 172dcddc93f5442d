import { describe, expect, it } from 'vitest';
import { describeOpeningHours, formatOpeningHours, isOpenAt, parseOpeningHours, validateOpeningHours, type OpeningHours } from './opening-hours';

/** A Shanghai wall-clock time as an instant (so the test does not depend on the machine's TZ). */
const sh = (wall: string) => new Date(`${wall}+08:00`);
const parse = (t: string): OpeningHours => {
  const r = parseOpeningHours(t);
  if ('error' in r) throw new Error(r.error);
  return r.value;
};

describe('opening hours', () => {
  const school = parse('workday 18:00-07:30; restday 00:00-24:00');
  const day = parse('Mo-Fr 08:00-20:00; Sa,Su 09:00-18:00');

  it('a range crossing midnight is open until the next morning, closed during school hours', () => {
    // 2026-11-26 is a Thursday (working day), 11-28 Saturday
    expect(isOpenAt(school, sh('2026-11-26T17:59:00'))).toBe(false);
    expect(isOpenAt(school, sh('2026-11-26T18:00:00'))).toBe(true);
    expect(isOpenAt(school, sh('2026-11-26T23:59:00'))).toBe(true);
    expect(isOpenAt(school, sh('2026-11-27T00:30:00'))).toBe(true); // Thursday's window, next day
    expect(isOpenAt(school, sh('2026-11-27T07:29:00'))).toBe(true);
    expect(isOpenAt(school, sh('2026-11-27T07:30:00'))).toBe(false);
    expect(isOpenAt(school, sh('2026-11-27T12:00:00'))).toBe(false);
    expect(isOpenAt(school, sh('2026-11-28T12:00:00'))).toBe(true); // Saturday: rest day all day
  });

  it('statutory holidays and 调休 working weekends follow chinese-days', () => {
    // 2026-10-01 (Thursday) is 国庆节: rest day, open all day
    expect(isOpenAt(school, sh('2026-10-01T12:00:00'))).toBe(true);
    // a fake calendar where every day is a working day: the weekend noon is closed
    expect(isOpenAt(school, sh('2026-11-28T12:00:00'), () => true)).toBe(false);
  });

  it('24-hour places are always open; plain weekly ranges', () => {
    const always = parse('24h');
    expect(always.is24h).toBe(true);
    for (const w of ['2026-11-27T03:00:00', '2026-11-28T23:59:59', '2026-01-01T00:00:00']) expect(isOpenAt(always, sh(w))).toBe(true);
    expect(isOpenAt(day, sh('2026-11-27T19:59:00'))).toBe(true);
    expect(isOpenAt(day, sh('2026-11-27T20:00:00'))).toBe(false);
    expect(isOpenAt(day, sh('2026-11-28T08:30:00'))).toBe(false);
    expect(isOpenAt(day, sh('2026-11-29T17:00:00'))).toBe(true);
  });

  it('does not depend on the machine time zone (Shanghai wall clock via UTC instants)', () => {
    // 2026-11-26T10:30Z = 18:30 Shanghai, open; the same UTC wall time read as Shanghai would be closed
    expect(isOpenAt(school, new Date(Date.UTC(2026, 10, 26, 10, 30)))).toBe(true);
    expect(isOpenAt(school, new Date(Date.UTC(2026, 10, 26, 2, 30)))).toBe(false);
  });

  it('round-trips the text form and describes in Chinese', () => {
    expect(formatOpeningHours(school)).toBe('workday 18:00-07:30; restday 00:00-24:00');
    expect(formatOpeningHours(day)).toBe('Mo-Fr 08:00-20:00; Sa,Su 09:00-18:00');
    expect(parse(formatOpeningHours(day))).toEqual(day);
    expect(describeOpeningHours(school)).toBe('工作日 18:00–次日07:30；休息日及节假日 全天');
    expect(describeOpeningHours(parse('全天'))).toBe('24 小时开放');
    expect(parse('每天 06:00-22:00').rules[0]!.days).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects malformed text and values with a message', () => {
    for (const bad of ['', 'Mo-Fr 8:00-20:00', 'Xx 08:00-20:00', 'Mo 25:00-26:00', 'Mo 08:00-08:00', 'Fr-Mo 08:00-09:00']) {
      expect('error' in parseOpeningHours(bad)).toBe(true);
    }
    expect(validateOpeningHours({ is24h: false, rules: [] })).toHaveLength(1);
    expect(validateOpeningHours({ is24h: false, rules: [{ days: [8], open: '08:00', close: '09:00' }] })).toHaveLength(1);
  });
});
