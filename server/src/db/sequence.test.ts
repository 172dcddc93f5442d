import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Models } from '../models/index.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { nextCaseNo, nextSequence, nextTrackingNo } from './sequence.js';

/** Sequences on the real database: the unique claim decides, never `$inc`. */

describe('nextSequence', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  /** Another server instance on the same database: its own process-local state (kept per models object). */
  const otherInstance = (): Models => ({ ...t.deps.models });

  it('50 concurrent draws get 50 distinct numbers, 1 to 50', async () => {
    const nums = await Promise.all(Array.from({ length: 50 }, () => nextSequence(t.deps.models, 'test:a')));
    expect([...nums].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await t.deps.models.Claim.countDocuments({ _id: /^seq:test:a#/ })).toBe(50);
  });

  it('two instances drawing at once never share a number and stay close to consecutive', async () => {
    const a = otherInstance();
    const b = otherInstance();
    const nums = await Promise.all(Array.from({ length: 50 }, (_, i) => nextSequence(i % 2 ? a : b, 'test:b')));
    expect(new Set(nums).size).toBe(50);
    expect(Math.min(...nums)).toBe(1);
    expect(Math.max(...nums)).toBeLessThanOrEqual(60);
  });

  it('a restarted instance goes on after the highest number taken', async () => {
    const before = await Promise.all(Array.from({ length: 5 }, () => nextSequence(t.deps.models, 'test:c')));
    const after = await nextSequence(otherInstance(), 'test:c');
    expect(after).toBe(Math.max(...before) + 1);
    expect(await nextSequence(t.deps.models, 'test:c')).toBe(after + 1); // this instance catches up too
  });

  it('keys are independent', async () => {
    expect(await nextSequence(t.deps.models, 'test:d1')).toBe(1);
    expect(await nextSequence(t.deps.models, 'test:d2')).toBe(1);
  });

  it('tracking and case numbers are formatted per day and per year', async () => {
    const at = new Date('2026-11-27T02:00:00Z');
    expect(await nextTrackingNo(t.deps.models, at)).toBe('YY20261127-000001');
    expect(await nextTrackingNo(t.deps.models, at)).toBe('YY20261127-000002');
    expect(await nextCaseNo(t.deps.models, at)).toBe('YYXF2026-000001');
    // a day's tracking claims go a few days later (housekeeping); case-number claims stay
    const tracking = await t.deps.models.Claim.findById('seq:ticket:20261127#1').lean();
    expect(tracking!.expiresAt!.getTime() - at.getTime()).toBe(3 * 24 * 3600_000);
    expect((await t.deps.models.Claim.findById('seq:complaint:2026#1').lean())!.expiresAt).toBeUndefined();
  });

  it('a database from before the kernel goes on where its old counters stood', async () => {
    const db = t.deps.connection;
    // tracking numbers came from $inc on `counters`; case-number hints lived in `seed_stamps`
    await db.collection<{ _id: string; seq: number }>('counters').insertOne({ _id: 'ticket:20261201', seq: 41 });
    await db.collection<{ _id: string; version: string; count: number }>('seed_stamps').insertOne({ _id: 'seq:complaint:2027', version: 'sequence', count: 7 });
    expect(await nextTrackingNo(otherInstance(), new Date('2026-12-01T02:00:00Z'))).toBe('YY20261201-000042');
    expect(await nextCaseNo(otherInstance(), new Date('2027-03-01T02:00:00Z'))).toBe('YYXF2027-000008');
  });
});
