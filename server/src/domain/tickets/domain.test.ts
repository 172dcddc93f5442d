import { describe, expect, it } from 'vitest';
import { fromShanghai, toShanghaiString } from '@cgt/shared/calendar/working-time';
import { computeDueAt, isOverdue, remainingWorkingHours, slaRunning } from './sla.js';
import { findDuplicates, type DuplicateCandidate } from './duplicates.js';
import { canonicalJson, idempotencyRecordId, isValidIdempotencyKey, requestHash } from './idempotency.js';

describe('SLA', () => {
  it('counts a 24 h category across the 2026 National Day holiday and the Oct 10 调休 Saturday', () => {
    const due = computeDueAt(fromShanghai('2026-09-30 16:00'), 24);
    // Sep 30 16:00–18:00 = 2 h; Oct 1–7 off; Oct 8, 9, 10 (调休 working Saturday) 7 h each = 23 h;
    // Sunday Oct 11 off; the last hour on Monday Oct 12 from 08:30.
    expect(toShanghaiString(due)).toBe('2026-10-12 09:30');
  });
  it('overdue only while the clock runs', () => {
    const due = new Date('2026-01-01T00:00:00Z');
    const now = new Date('2026-01-02T00:00:00Z');
    expect(isOverdue('dispatched', due, now)).toBe(true);
    expect(isOverdue('resolved', due, now)).toBe(true);
    expect(isOverdue('closed', due, now)).toBe(false);
    expect(isOverdue('rejected', due, now)).toBe(false);
    expect(isOverdue('withdrawn', due, now)).toBe(false);
    expect(isOverdue('accepted', now, due)).toBe(false);
    expect(slaRunning('submitted')).toBe(true);
    expect(remainingWorkingHours('closed', due, now)).toBeNull();
  });
  it('remaining working hours go negative once overdue', () => {
    const now = fromShanghai('2026-11-27 10:00'); // a Friday
    expect(remainingWorkingHours('accepted', fromShanghai('2026-11-27 11:00'), now)).toBe(1);
    expect(remainingWorkingHours('accepted', fromShanghai('2026-11-27 09:00'), now)).toBe(-1);
  });
});

describe('duplicates', () => {
  const now = new Date('2026-11-27T04:00:00Z');
  const base = { lat: 29.37, lng: 113.13 };
  const cand = (id: string, dLatM: number, hoursAgo: number): DuplicateCandidate => ({
    id,
    trackingNo: `YY20261127-00000${id}`,
    categoryCode: '06010',
    location: { lat: base.lat + dLatM / 111_195, lng: base.lng },
    createdAt: new Date(now.getTime() - hoursAgo * 3600_000),
    status: 'submitted',
  });
  it('keeps same-category tickets within 50 m and 72 h, nearest first', () => {
    const found = findDuplicates(base, now, [cand('1', 40, 1), cand('2', 10, 2), cand('3', 60, 1), cand('4', 5, 73)]);
    expect(found.map((f) => f.id)).toEqual(['2', '1']);
    expect(found[0]!.distanceMeters).toBeCloseTo(10, 0);
  });
  it('excludes the ticket itself', () => {
    expect(findDuplicates(base, now, [cand('1', 0, 1)], '1')).toEqual([]);
  });
});

describe('idempotency', () => {
  it('hashes the canonical body: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
    expect(requestHash({ a: 1, b: 2 })).not.toBe(requestHash({ a: 1, b: 3 }));
    expect(requestHash({ a: 1, c: undefined })).toBe(requestHash({ a: 1 }));
  });
  it('validates keys and scopes them per caller', () => {
    expect(isValidIdempotencyKey('0b6f8a2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(true);
    expect(isValidIdempotencyKey('short')).toBe(false);
    expect(isValidIdempotencyKey('has space in it')).toBe(false);
    expect(idempotencyRecordId('report', 'c1', 'k')).not.toBe(idempotencyRecordId('report', 'c2', 'k'));
  });
});
