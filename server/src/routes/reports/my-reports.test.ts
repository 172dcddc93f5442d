import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { backfillCitizenMonthGroups, backfillCitizenMonths } from '../../commands/tickets/my-reports.js';
import { act, departmentOf, fileReport, JUNSHAN_CODE, makeCitizen, makeStaff, uploadPhoto } from '../../testing/tickets.js';

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

  it('a row’s thumbnail is its first photo’s, served as an image, without reading the uploads', async () => {
    const me = await makeCitizen(t);
    const photo = await uploadPhoto(t, me.token);
    expect(photo.status).toBe(201);
    const withPhoto = await fileReport(t, me.token, { photoIds: [photo.body.id] });
    const without = await fileReport(t, me.token);
    // a page of twenty used to read each row's upload only to build an address made from its id
    const findById = t.deps.models.Upload.findById.bind(t.deps.models.Upload);
    let uploadReads = 0;
    t.deps.models.Upload.findById = ((...args: Parameters<typeof findById>) => (uploadReads++, findById(...args))) as typeof findById;
    let r;
    try {
      r = await mine(me.token);
    } finally {
      t.deps.models.Upload.findById = findById;
    }
    expect(r.status).toBe(200);
    expect(uploadReads).toBe(0);
    const item = (id: string) => r.body.items.find((i: { id: string }) => i.id === id);
    expect(item(withPhoto.body.id).thumbnailUrl).toBe(`/api/v1/files/${photo.body.id}/thumb`);
    expect(item(without.body.id).thumbnailUrl).toBeUndefined();
    const img = await fetch(t.url + item(withPhoto.body.id).thumbnailUrl);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
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

describe('GET /api/v1/reports/mine?group=', () => {
  /** One report in each situation a resident meets, by tab: what each tab must list. */
  async function fileOneOfEach(on: TestServer, token: string) {
    const dept = await departmentOf(on, JUNSHAN_CODE, '环卫所');
    const dispatcher = await makeStaff(on, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
    const handler = await makeStaff(on, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id] });
    const ok = async (p: Promise<{ status: number }>) => expect((await p).status).toBe(200);
    const file = async () => {
      const r = await fileReport(on, token);
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const handled = async (id: string) => {
      await ok(act(on, dispatcher.token, id, { action: 'accept' }));
      await ok(act(on, dispatcher.token, id, { action: 'dispatch', departmentId: dept.id }));
      await ok(act(on, handler.token, id, { action: 'resolve', reply: '已清理' }));
    };
    const rate = (id: string) => ok(on.request('POST', `/api/v1/reports/${id}/rating`, { token, body: { satisfaction: 'satisfied' } }));
    const ids = { submitted: await file(), dispatched: await file(), resolved: await file(), resolvedRated: await file(), closed: await file(), closedRated: await file(), rejected: await file(), withdrawn: await file() };
    await ok(act(on, dispatcher.token, ids.dispatched, { action: 'accept' }));
    await ok(act(on, dispatcher.token, ids.dispatched, { action: 'dispatch', departmentId: dept.id }));
    await handled(ids.resolved);
    await handled(ids.resolvedRated);
    await rate(ids.resolvedRated);
    await handled(ids.closed);
    await ok(act(on, dispatcher.token, ids.closed, { action: 'verify' }));
    await handled(ids.closedRated);
    await ok(act(on, dispatcher.token, ids.closedRated, { action: 'verify' }));
    await rate(ids.closedRated);
    await ok(act(on, dispatcher.token, ids.rejected, { action: 'reject', reason: '不属于城管职责' }));
    await ok(on.request('POST', `/api/v1/reports/${ids.withdrawn}/withdraw`, { token, body: {} }));
    return {
      all: Object.values(ids),
      active: [ids.submitted, ids.dispatched, ids.resolvedRated],
      to_rate: [ids.resolved, ids.closed],
      done: [ids.closedRated, ids.rejected, ids.withdrawn],
    };
  }

  async function tab(on: TestServer, token: string, group: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await on.request('GET', `/api/v1/reports/mine?pageSize=2&group=${group}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(r.status).toBe(200);
      ids.push(...r.body.items.map((i: { id: string }) => i.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    return ids;
  }

  it('each tab lists exactly its reports, paged, newest first; a rating moves a report on; a bad group is 400', async () => {
    const me = await makeCitizen(t);
    const other = await makeCitizen(t);
    await fileReport(t, other.token);
    const want = await fileOneOfEach(t, me.token);
    for (const g of ['all', 'active', 'to_rate', 'done'] as const) {
      expect(new Set(await tab(t, me.token, g)), g).toEqual(new Set(want[g]));
    }
    expect(new Set(await tab(t, other.token, 'active'))).toHaveLength(1);
    // rating a 待评价 one moves it to 已办结 (closed) at once
    expect((await t.request('POST', `/api/v1/reports/${want.to_rate[1]}/rating`, { token: me.token, body: { satisfaction: 'satisfied' } })).status).toBe(200);
    expect(await tab(t, me.token, 'to_rate')).toEqual([want.to_rate[0]]);
    expect(await tab(t, me.token, 'done')).toContain(want.to_rate[1]);
    // the tab is an equality on the row's key: one key per report
    const rows = await t.deps.connection.db!.collection('ticket_rows').find({ citizenId: me.id }).toArray();
    expect(rows.every((r) => typeof r.citizenMonthGroup === 'string' && r.citizenMonthGroup.startsWith(`${me.id}|`))).toBe(true);

    const bad = await t.request('GET', '/api/v1/reports/mine?group=closed', { token: me.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.[0]?.field ?? JSON.stringify(bad.body.error)).toMatch(/group/);
  }, 120_000);

  it('rows from before the tab key: listed by state until the one-time migration, then by key, same answer', async () => {
    const t2 = await startTestServer();
    try {
      const me = await makeCitizen(t2);
      const want = await fileOneOfEach(t2, me.token);
      const db = t2.deps.connection.db!;
      await db.collection('seed_stamps').deleteOne({ _id: 'citizen_month_groups' as never });
      await db.collection('ticket_rows').updateMany({}, { $unset: { citizenMonthGroup: '' } });
      await db.collection('ticket_queue').updateMany({}, { $unset: { citizenMonthGroup: '' } });
      // its own server: the stamp is cached per models once seen, and no tab has been listed here yet
      for (const g of ['active', 'to_rate', 'done'] as const) expect(new Set(await tab(t2, me.token, g)), g).toEqual(new Set(want[g]));
      expect(await backfillCitizenMonthGroups(t2.deps)).toBe(8);
      expect(await db.collection('ticket_rows').countDocuments({ citizenMonthGroup: { $exists: false } })).toBe(0);
      for (const g of ['active', 'to_rate', 'done'] as const) expect(new Set(await tab(t2, me.token, g)), g).toEqual(new Set(want[g]));
      expect(await backfillCitizenMonthGroups(t2.deps)).toBe(0);
    } finally {
      await t2.close();
    }
  }, 120_000);
});
