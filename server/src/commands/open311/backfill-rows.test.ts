import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport, makeCitizen } from '../../testing/tickets.js';
import { backfillOpen311Rows, repackOpen311Rows } from './backfill-rows.js';
import { unpackRow, type StoredOpen311Row } from './open311-rows.js';

/** Tickets filed before open311_rows existed get their row from the one-time backfill. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('backfillOpen311Rows', () => {
  it('writes the missing rows once, then does nothing', async () => {
    const c = await makeCitizen(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await fileReport(t, c.token, { description: `旧工单 ${i}` })).body.trackingNo);
    const rows = t.deps.connection.db!.collection('open311_rows');
    expect(await rows.countDocuments({})).toBe(3);
    await rows.deleteMany({});
    expect(await backfillOpen311Rows(t.deps)).toBe(3);
    const back = await rows.find({}).toArray();
    expect(back.map((r) => r.trackingNo).sort()).toEqual([...ids].sort());
    expect(back.every((r) => r.status === 'open')).toBe(true);
    await rows.deleteMany({});
    expect(await backfillOpen311Rows(t.deps)).toBe(0); // stamped: ran once
    expect(await rows.countDocuments({})).toBe(0);
  });

  it('an interrupted walk resumes after the last finished month, not from the newest', async () => {
    let clock: Date | null = null;
    const t2 = await startTestServer({ now: () => clock ?? new Date() });
    try {
      const c = await makeCitizen(t2);
      const file = async (at: Date, n: number) => {
        clock = at;
        const ids: string[] = [];
        for (let i = 0; i < n; i++) ids.push((await fileReport(t2, c.token)).body.id);
        clock = null;
        return ids;
      };
      const older = await file(new Date(Date.now() - 45 * 86400_000), 2);
      const newer = await file(new Date(), 2);
      const rows = t2.deps.connection.db!.collection('open311_rows');
      await rows.deleteMany({});
      const Open311Row = t2.deps.models.Open311Row;
      const findById = Open311Row.findById.bind(Open311Row);
      const asked: string[] = [];
      let failOn: string[] = older;
      Open311Row.findById = ((id: unknown, ...rest: unknown[]) => {
        asked.push(String(id));
        if (failOn.includes(String(id))) throw new Error('stopped');
        return (findById as (...a: unknown[]) => unknown)(id, ...rest);
      }) as typeof findById;
      try {
        // the newest month is finished and recorded, then the process "stops" in the month before
        await expect(backfillOpen311Rows(t2.deps)).rejects.toThrow('stopped');
        expect((await rows.find({}).toArray()).map((r) => String(r._id)).sort()).toEqual([...newer].sort());
        asked.length = 0;
        failOn = [];
        expect(await backfillOpen311Rows(t2.deps)).toBe(2);
        expect(asked.sort()).toEqual([...older].sort()); // the finished month is not walked again
        expect(await rows.countDocuments({})).toBe(4);
        expect(await backfillOpen311Rows(t2.deps)).toBe(0);
      } finally {
        Open311Row.findById = findById;
      }
    } finally {
      await t2.close();
    }
  }, 60_000);

  it('packs the rows of the default window written before packing, the same row as before', async () => {
    const c = await makeCitizen(t, '打包');
    for (let i = 0; i < 2; i++) await fileReport(t, c.token, { description: `打包前 ${i}` });
    const rows = t.deps.connection.db!.collection<StoredOpen311Row>('open311_rows');
    const stored = await rows.find({}).toArray();
    expect(stored.every((r) => typeof r.shown === 'string')).toBe(true); // written packed
    for (const r of stored) await rows.replaceOne({ _id: r._id }, unpackRow(r)); // the form before packing
    const listed = (await t.request('GET', '/open311/v2/requests.json')).body;
    await t.deps.models.SeedStamp.deleteOne({ _id: 'open311_rows_packed' });
    expect(await repackOpen311Rows(t.deps)).toBe(stored.length);
    const after = await rows.find({}).toArray();
    expect(after.every((r) => typeof r.shown === 'string' && !('description' in r))).toBe(true);
    const byId = (list: StoredOpen311Row[]) => list.map(unpackRow).sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1));
    expect(byId(after)).toEqual(byId(stored));
    expect((await t.request('GET', '/open311/v2/requests.json')).body).toEqual(listed); // the same answer from either form
    expect(await repackOpen311Rows(t.deps)).toBe(0);
  });
});
