import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { createModels } from '../models/index.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { takeRateSlot, takeRateSlots, windowKey, type RateRule } from './rate-limit.js';

/** The database-backed abuse limiter: exact under concurrency, shared by every process on the database. */

let t: TestServer;
let other: mongoose.Connection;
beforeAll(async () => {
  t = await startTestServer({ seed: false });
  // a second "server process": its own connection and models on the same database
  other = await mongoose.createConnection(inject('mongoUri'), { dbName: t.deps.connection.name }).asPromise();
}, 60_000);
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const rule = (name: string, limit: number, windowMs = 60_000): RateRule => ({ name, limit, windowMs, describe: `每分钟最多 ${limit} 次` });

async function outcome(p: Promise<unknown>): Promise<'ok' | number> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

describe('takeRateSlot', () => {
  it('two processes taking 30 slots at once of a limit of 7: exactly 7 succeed', async () => {
    const r = rule('test:two-procs', 7);
    const mine = { models: t.deps.models, now: () => new Date('2026-12-02T03:00:10Z') };
    const theirs = { models: createModels(other), now: mine.now };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => outcome(takeRateSlot(i % 2 ? mine : theirs, r, 'subject-a'))));
    expect(results.filter((x) => x === 'ok')).toHaveLength(7);
    expect(results.filter((x) => x === 429)).toHaveLength(23);
    const { key } = windowKey(r, 'subject-a', mine.now().getTime());
    expect(await t.deps.connection.db!.collection('rate_slots').countDocuments({ key })).toBe(7);
  }, 120_000);

  it('Retry-After counts to the end of the window, and an aligned day window ends at midnight in Beijing', async () => {
    const r: RateRule = { name: 'test:day', limit: 1, windowMs: 86_400_000, alignOffsetMs: 8 * 3600_000, describe: '每天 1 次' };
    const at = { models: t.deps.models, now: () => new Date('2026-12-02T15:59:00Z') }; // 23:59 in Beijing
    await takeRateSlot(at, r, 's');
    const err = await takeRateSlot(at, r, 's').catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).headers['Retry-After']).toBe('60');
    // one minute later it is a new day in Beijing
    await expect(takeRateSlot({ ...at, now: () => new Date('2026-12-02T16:00:00Z') }, r, 's')).resolves.toMatch(/#0$/);
  });

  it('takeRateSlots is all or nothing: a refusal by the second rule gives the first slot back', async () => {
    const d = { models: t.deps.models, now: () => new Date('2026-12-02T03:00:10Z') };
    const a = rule('test:all-a', 5);
    const b = rule('test:all-b', 1);
    await takeRateSlots(d, [{ rule: b, subject: 'x' }]);
    const status = await outcome(takeRateSlots(d, [{ rule: a, subject: 'x' }, { rule: b, subject: 'x' }]));
    expect(status).toBe(429);
    expect(await t.deps.connection.db!.collection('rate_slots').countDocuments({ key: windowKey(a, 'x', d.now().getTime()).key })).toBe(0);
  });
});
