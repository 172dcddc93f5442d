import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { fileReport, makeCitizen } from '../testing/tickets.js';
import { DEFAULT_JOBS } from './scheduler.js';

/** The scheduler recounts the 考核 rows that writes marked, so a later reader finds them settled. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('stats-rows job', () => {
  it('recounts every marked day and month row and leaves no marker', async () => {
    const c = await makeCitizen(t);
    await fileReport(t, c.token);
    const { StatDirty } = t.deps.models;
    const raw = t.deps.connection.db!; // the test's own look, outside the index-plan guard
    expect(await StatDirty.countDocuments({})).toBeGreaterThan(0); // the filing marked its day row
    const job = DEFAULT_JOBS.find((j) => j.name === 'stats-rows')!;
    expect(job.everyMs).toBeLessThanOrEqual(60_000);
    expect(await job.run(t.deps)).toMatchObject({ recounted: expect.any(Number) });
    expect(await StatDirty.countDocuments({})).toBe(0);
    expect(await raw.collection('stat_days').countDocuments({})).toBeGreaterThan(0);
    expect(await raw.collection('stat_months').countDocuments({})).toBeGreaterThan(0);
  });
});
