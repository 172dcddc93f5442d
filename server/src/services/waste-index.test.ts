import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { recordWasteMiss } from './waste-index.js';

describe('waste miss counts (no $inc: FerretDB would lose increments)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  it('concurrent misses of one text from two instances: every one that reports success is counted, once', async () => {
    const other = { ...t.deps, models: { ...t.deps.models } };
    const counted = await Promise.all(Array.from({ length: 12 }, (_, i) => recordWasteMiss(i % 2 ? t.deps : other, '火星岩石')));
    const stored = await t.deps.models.WasteMiss.findById('火星岩石').lean();
    expect(stored!.count).toBe(counted.filter(Boolean).length);
    expect(stored!.count).toBeGreaterThanOrEqual(6);
  });
});
