import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { claimLease } from './lease.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seed: false });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('claimLease', () => {
  it('exactly one of many concurrent callers gets a fresh lease', async () => {
    const got = await Promise.all(Array.from({ length: 12 }, (_, i) => claimLease(t.deps.models, 'lease-test:a', { leaseMs: 60_000, by: `w${i}` })));
    expect(got.filter(Boolean)).toEqual(['lease-test:a']);
  });

  it('a stale lease (crashed holder) is taken over by exactly one caller', async () => {
    await t.deps.models.Claim.create({ _id: 'lease-test:b', at: new Date(Date.now() - 120_000) });
    const got = await Promise.all(Array.from({ length: 8 }, () => claimLease(t.deps.models, 'lease-test:b', { leaseMs: 30_000 })));
    expect(got.filter(Boolean)).toEqual(['lease-test:b~g1']);
  });
});
