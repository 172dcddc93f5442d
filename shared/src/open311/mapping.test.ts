import { describe, expect, it } from 'vitest';
import { TICKET_STATES } from '../ticket/machine';
import { gcj02ToWgs84, haversineMeters, toGcj02 } from '../geo/coords';
import { open311Date, open311Status, parseOpen311Date, statesOf } from './mapping';

describe('open311Status', () => {
  it('open before 结案, closed for closed / rejected (incl. duplicates) / withdrawn', () => {
    const open = TICKET_STATES.filter((s) => open311Status(s) === 'open');
    expect(open).toEqual(['submitted', 'accepted', 'dispatched', 'resolved']);
    expect(statesOf('closed')).toEqual(['closed', 'rejected', 'withdrawn']);
    expect([...statesOf('open'), ...statesOf('closed')].sort()).toEqual([...TICKET_STATES].sort());
  });
});

describe('dates', () => {
  it('formats with the explicit +08:00 offset', () => {
    expect(open311Date(new Date('2026-11-27T01:30:00Z'))).toBe('2026-11-27T09:30:00+08:00');
    expect(open311Date(new Date('2026-12-31T16:00:00.900Z'))).toBe('2027-01-01T00:00:00+08:00');
  });
  it('parses ISO 8601 with a zone and round-trips', () => {
    expect(parseOpen311Date('2026-11-27T09:30:00+08:00')?.toISOString()).toBe('2026-11-27T01:30:00.000Z');
    expect(parseOpen311Date('2026-11-27T01:30:00Z')?.toISOString()).toBe('2026-11-27T01:30:00.000Z');
    expect(parseOpen311Date('2026-11-27T09:30+0800')?.toISOString()).toBe('2026-11-27T01:30:00.000Z');
    expect(parseOpen311Date('2026-11-26T20:30:00.250-05:00')?.toISOString()).toBe('2026-11-27T01:30:00.250Z');
    const d = new Date('2026-03-05T06:07:08Z');
    expect(parseOpen311Date(open311Date(d))?.getTime()).toBe(d.getTime());
  });
  it('refuses dates without a zone or out of range', () => {
    for (const s of ['2026-11-27T09:30:00', '2026-11-27', 'yesterday', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-27T24:00:00Z', '2026-11-27T09:30:00+15:00', '']) {
      expect(parseOpen311Date(s), s).toBeNull();
    }
  });
});

describe('WGS-84 in, GCJ-02 stored, WGS-84 out', () => {
  it('round-trips Yueyang points within a metre', () => {
    for (const p of [{ lat: 29.3806, lng: 113.0912 }, { lat: 29.4584, lng: 113.0012 }, { lat: 29.1253, lng: 113.2561 }]) {
      const stored = toGcj02(p, 'wgs84');
      expect(haversineMeters(stored, p)).toBeGreaterThan(100);
      expect(haversineMeters(gcj02ToWgs84(stored), p)).toBeLessThan(1);
    }
  });
});
