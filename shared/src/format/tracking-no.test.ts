import { describe, expect, it } from 'vitest';
import { TRACKING_NO_PATTERN, formatTrackingNo, parseTrackingNo, trackingDayKey } from './tracking-no';

describe('formatTrackingNo', () => {
  it('uses the Shanghai date and a 6-digit sequence', () => {
    expect(formatTrackingNo(new Date('2026-11-27T03:00:00Z'), 123)).toBe('YY20261127-000123');
    // 23:30 UTC on Nov 26 is already Nov 27 in Shanghai.
    expect(formatTrackingNo(new Date('2026-11-26T23:30:00Z'), 1)).toBe('YY20261127-000001');
    expect(formatTrackingNo(new Date('2026-11-27T15:59:59Z'), 999999)).toBe('YY20261127-999999');
  });
  it('rejects out-of-range sequences and invalid dates', () => {
    expect(() => formatTrackingNo(new Date(), 0)).toThrow(RangeError);
    expect(() => formatTrackingNo(new Date(), 1_000_000)).toThrow(RangeError);
    expect(() => formatTrackingNo(new Date(), 1.5)).toThrow(RangeError);
    expect(() => trackingDayKey(new Date(Number.NaN))).toThrow(RangeError);
  });
  it('trackingDayKey', () => {
    expect(trackingDayKey(new Date('2026-09-30T16:00:00Z'))).toBe('20261001');
  });
});

describe('parseTrackingNo', () => {
  it('round-trips', () => {
    const no = formatTrackingNo(new Date('2026-10-08T01:00:00Z'), 42);
    expect(TRACKING_NO_PATTERN.test(no)).toBe(true);
    expect(parseTrackingNo(no)).toEqual({ day: '2026-10-08', seq: 42 });
    expect(parseTrackingNo(' yy20261008-000042 ')).toEqual({ day: '2026-10-08', seq: 42 });
  });
  it.each(['YY20261332-000001', 'YY20260230-000001', 'YY20261127-000000', 'YY20261127-12345', 'AB20261127-000001', ''])(
    'rejects %j',
    (s) => {
      expect(parseTrackingNo(s)).toBeNull();
    },
  );
});
