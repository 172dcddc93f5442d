import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport, makeCitizen } from '../../testing/tickets.js';
import { unpackRow, type StoredPeriodRow } from '../../models/stat.js';
import { drainStats } from './recount.js';
import { readPeriod } from './read-rows.js';
import { repackStatRows } from './repack-rows.js';
import { shanghaiDayOf } from '@cgt/shared/stats/period';

/** Rows stored before packing are read as they are, and the one-time repack rewrites them packed, unchanged. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('repackStatRows', () => {
  it('reads legacy rows, rewrites them packed with the same sums, then does nothing', async () => {
    const c = await makeCitizen(t);
    for (let i = 0; i < 3; i++) await fileReport(t, c.token, { description: `统计行 ${i}` });
    await drainStats(t.deps);
    const db = t.deps.connection.db!;
    const stored = (await db.collection('stat_days').find({}).toArray()) as unknown as StoredPeriodRow[];
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((r) => typeof r.sums === 'string')).toBe(true); // written packed
    const today = shanghaiDayOf(t.deps.now());
    const before = await readPeriod(t.deps, today, today);

    // the form rows had before packing: the four fields as documents
    for (const r of stored) await db.collection<StoredPeriodRow>('stat_days').replaceOne({ _id: r._id }, { ...unpackRow(r) });
    await t.deps.models.SeedStamp.deleteOne({ _id: 'stat_rows_packed' });
    expect(await db.collection('stat_days').countDocuments({ sums: { $exists: true } })).toBe(0);
    expect(await readPeriod(t.deps, today, today)).toEqual(before); // readers take both forms

    expect(await repackStatRows(t.deps)).toBe(stored.length);
    const after = (await db.collection('stat_days').find({}).toArray()) as unknown as StoredPeriodRow[];
    expect(after.every((r) => typeof r.sums === 'string' && !('byDept' in r))).toBe(true);
    expect(after.map(unpackRow).sort((a, b) => (a._id < b._id ? -1 : 1))).toEqual(stored.map(unpackRow).sort((a, b) => (a._id < b._id ? -1 : 1)));
    expect(await readPeriod(t.deps, today, today)).toEqual(before);
    expect(await repackStatRows(t.deps)).toBe(0); // stamped: ran once
  });
});
