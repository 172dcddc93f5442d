import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { claimVersion, nextSequence } from './cas.js';

describe('compare-and-set on the real database', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  it('documents why: on FerretDB a conditional update is not a compare-and-set', async () => {
    if (t.deps.engine !== 'ferretdb') return;
    const c = t.deps.connection.collection<{ _id: string; v: number }>('cas_probe');
    let doubleWins = 0;
    for (let round = 0; round < 5; round++) {
      await c.insertOne({ _id: `r${round}`, v: 0 });
      const results = await Promise.all(
        Array.from({ length: 8 }, () => c.updateOne({ _id: `r${round}`, v: 0 }, { $set: { v: 1 } })),
      );
      if (results.filter((r) => r.modifiedCount === 1).length > 1) doubleWins++;
    }
    // Not asserted as a failure of ours: recorded so a FerretDB upgrade that fixes it shows up here.
    console.info(`[cas] FerretDB conditional-update double wins: ${doubleWins}/5 rounds`);
  });

  it('claimVersion: of many concurrent claimers exactly one wins', async () => {
    const now = new Date();
    const wins = await Promise.all(Array.from({ length: 12 }, (_, i) => claimVersion(t.deps.models, 'ticket:abc', 3, `w${i}`, now)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await claimVersion(t.deps.models, 'ticket:abc', 4, 'next', now)).toBe(true);
  });

  it('nextSequence: concurrent callers never get the same number', async () => {
    const now = new Date();
    const nums = await Promise.all(Array.from({ length: 25 }, () => nextSequence(t.deps.models, 'day:20261127', now)));
    expect(new Set(nums).size).toBe(25);
    expect(Math.min(...nums)).toBeGreaterThanOrEqual(1);
    const later = await nextSequence(t.deps.models, 'day:20261127', now);
    expect(nums).not.toContain(later);
    expect(await nextSequence(t.deps.models, 'day:20261128', now)).toBe(1);
  });
});
