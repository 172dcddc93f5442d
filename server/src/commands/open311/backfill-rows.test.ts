import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport, makeCitizen } from '../../testing/tickets.js';
import { backfillOpen311Rows } from './backfill-rows.js';

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
});
