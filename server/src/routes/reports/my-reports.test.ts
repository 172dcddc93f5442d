import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { backfillCitizenMonths } from '../../commands/tickets/my-reports.js';
import { fileReport, makeCitizen } from '../../testing/tickets.js';

/** 我的诉求: newest first across months by cursor, one resident × month per query, and the migration of older data. */

let t: TestServer;
let clock: Date | null = null;
beforeAll(async () => {
  t = await startTestServer({ now: () => clock ?? new Date() });
}, 90_000);
afterAll(async () => {
  await t?.close();
});

const DAY = 24 * 3600_000;
const mine = (token: string, q = '', on: TestServer = t) => on.request('GET', `/api/v1/reports/mine?pageSize=4${q}`, { token });

async function fileAt(token: string, at: Date, n: number, on: TestServer = t): Promise<string[]> {
  const ids: string[] = [];
  try {
    clock = at;
    for (let i = 0; i < n; i++) {
      const r = await fileReport(on, token, { description: `第 ${i + 1} 条：路边暴露垃圾` });
      expect(r.status).toBe(201);
      ids.push(r.body.id as string);
    }
  } finally {
    clock = null;
  }
  return ids;
}

async function walk(token: string, on: TestServer = t): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await mine(token, cursor ? `&cursor=${cursor}` : '', on);
    expect(r.status).toBe(200);
    const times = r.body.items.map((i: { createdAt: string }) => Date.parse(i.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    ids.push(...r.body.items.map((i: { id: string }) => i.id));
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 30);
  return { ids, pages };
}

describe('GET /api/v1/reports/mine', () => {
  it('pages newest first across months with a cursor; every report once; nobody else’s', async () => {
    const me = await makeCitizen(t);
    const other = await makeCitizen(t);
    const now = Date.now();
    // three months, the same millisecond three times in the oldest (a clock that does not move)
    const old = await fileAt(me.token, new Date(now - 70 * DAY), 3);
    const mid = await fileAt(me.token, new Date(now - 35 * DAY), 2);
    await fileAt(other.token, new Date(now - 35 * DAY), 2);
    const recent: string[] = [];
    for (let i = 0; i < 4; i++) recent.push(...(await fileAt(me.token, new Date(now - i * 60_000), 1)));

    const { ids, pages } = await walk(me.token);
    expect(ids).toHaveLength(9);
    expect(new Set(ids)).toEqual(new Set([...old, ...mid, ...recent]));
    expect(ids.slice(0, 4)).toEqual(recent);
    expect(pages).toBe(3);
    expect((await walk(other.token)).ids).toHaveLength(2);
    expect((await mine(me.token, '&cursor=abc')).status).toBe(400);
    const months = await t.deps.connection.db!.collection('citizen_months').find({ citizenId: me.id }).toArray();
    expect(months).toHaveLength(3);
  });

  it('a database from before citizen months: listed by resident until the one-time migration, then by month, same answer', async () => {
    // its own server: the migration state is cached per process (per models) once stamped
    const t2 = await startTestServer({ now: () => clock ?? new Date() });
    try {
      const me = await makeCitizen(t2);
      const now = Date.now();
      const filed = [...(await fileAt(me.token, new Date(now - 40 * DAY), 2, t2)), ...(await fileAt(me.token, new Date(now - 5 * DAY), 3, t2))];
      const db = t2.deps.connection.db!;
      // what an older database looks like: no stamp, no month keys
      await db.collection('seed_stamps').deleteOne({ _id: 'citizen_months' as never });
      await db.collection('citizen_months').deleteMany({});
      await db.collection('ticket_rows').updateMany({}, { $unset: { citizenMonth: '' } });
      const before = await walk(me.token, t2);
      expect(new Set(before.ids)).toEqual(new Set(filed));
      expect(await backfillCitizenMonths(t2.deps)).toBe(5);
      expect(await db.collection('seed_stamps').findOne({ _id: 'citizen_months' as never })).toBeTruthy();
      expect(await db.collection('ticket_rows').countDocuments({ citizenMonth: { $exists: false } })).toBe(0);
      expect(await db.collection('citizen_months').countDocuments({ citizenId: me.id })).toBe(2);
      const after = await walk(me.token, t2);
      expect(after.ids).toEqual(before.ids);
      expect(await backfillCitizenMonths(t2.deps)).toBe(0);
    } finally {
      await t2.close();
    }
  }, 120_000);
});
