import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingHours } from '@cgt/shared/calendar/working-time';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { deliverDueOutbox } from '../../jobs/deliver-outbox.js';
import { sweepSla } from '../../commands/notifications/sla-sweep.js';
import { autoCloseUnrated } from '../../commands/tickets/auto-close.js';
import { Types } from 'mongoose';
import { purgeOldAlerts, raiseAlerts } from '../../commands/notifications/staff-alerts.js';
import { act, departmentOf, fileReport, JUNSHAN, JUNSHAN_CODE, makeCitizen, makeStaff, YUEYANGLOU_CODE, type StaffFixture } from '../../testing/tickets.js';

let t: TestServer;
let clock: Date | null = null;
let dispatcher: StaffFixture;
let centre: StaffFixture;
let handler: StaffFixture;
let other: StaffFixture;
let dept: { id: string; name: string };

beforeAll(async () => {
  t = await startTestServer({ now: () => clock ?? new Date() });
  dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  centre = await makeStaff(t, ['dispatcher']);
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id] });
  other = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [] });
}, 90_000);
afterAll(async () => {
  await t?.close();
});

const alerts = (token: string, q = '') => t.request('GET', `/api/v1/admin/notifications${q}`, { token });
const alertsFor = async (staffId: string, ticketId: string) =>
  t.deps.connection.db!.collection('staff_alerts').find({ staffId, ticketId }).toArray();

async function dispatchedTicket(): Promise<{ id: string; dueAt: Date }> {
  const resident = await makeCitizen(t);
  const r = await fileReport(t, resident.token);
  expect(r.status).toBe(201);
  expect((await act(t, dispatcher.token, r.body.id, { action: 'accept' })).status).toBe(200);
  const d = await act(t, dispatcher.token, r.body.id, { action: 'dispatch', departmentId: dept.id });
  expect(d.status).toBe(200);
  const row = await t.deps.connection.db!.collection('ticket_queue').findOne({ trackingNo: r.body.trackingNo });
  return { id: r.body.id as string, dueAt: row!.dueAt as Date };
}

describe('console alerts from the outbox', () => {
  it('dispatch alerts the department’s staff once; the bell counts; marking read', async () => {
    const { id } = await dispatchedTicket();
    await deliverDueOutbox(t.deps);
    await deliverDueOutbox(t.deps);
    const mine = await alertsFor(handler.id, id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'dispatched', read: false });
    expect(await alertsFor(other.id, id)).toHaveLength(0);

    const list = await alerts(handler.token, '?unread=1');
    expect(list.status).toBe(200);
    expect(list.body.unread).toBeGreaterThanOrEqual(1);
    const item = list.body.items.find((i: { ticketId: string }) => i.ticketId === id);
    expect(item).toMatchObject({ kind: 'dispatched', read: false, trackingNo: expect.stringMatching(/^YY/) });

    // someone else cannot mark it
    expect((await t.request('POST', '/api/v1/admin/notifications/read', { token: other.token, body: { ids: [item.id] } })).status).toBe(200);
    expect((await alertsFor(handler.id, id))[0]).toMatchObject({ read: false });
    const read = await t.request('POST', '/api/v1/admin/notifications/read', { token: handler.token, body: { ids: [item.id] } });
    expect(read.status).toBe(200);
    expect((await alertsFor(handler.id, id))[0]).toMatchObject({ read: true });
    const all = await t.request('POST', '/api/v1/admin/notifications/read', { token: handler.token, body: { all: true } });
    expect(all.body.unread).toBe(0);
    expect((await t.request('POST', '/api/v1/admin/notifications/read', { token: handler.token, body: {} })).status).toBe(400);
    expect((await alerts('nope')).status).toBe(401);
  });
});

describe('console alerts for new, returned and transferred tickets', () => {
  it('new report → district dispatchers; 回退 → district dispatchers; each once', async () => {
    const { id } = await dispatchedTicket();
    expect((await act(t, handler.token, id, { action: 'return', reason: '不属于本单位职责' })).status).toBe(200);
    await deliverDueOutbox(t.deps);
    await deliverDueOutbox(t.deps);
    const kinds = (await alertsFor(dispatcher.id, id)).map((a) => a.kind).sort();
    expect(kinds).toEqual(['created', 'returned']);
    const returned = (await alertsFor(dispatcher.id, id)).find((a) => a.kind === 'returned')!;
    expect(returned.text).toContain('不属于本单位职责');
    expect((await alertsFor(handler.id, id)).map((a) => a.kind)).toEqual(['dispatched']);
    expect(await alertsFor(centre.id, id)).toHaveLength(0);
  });
});

describe('SLA sweep', () => {
  it('due soon, overdue, escalated: each alert once, even with concurrent sweeps', async () => {
    const { id, dueAt } = await dispatchedTicket();
    try {
      clock = new Date(dueAt.getTime() - 60_000);
      await Promise.all([sweepSla(t.deps), sweepSla(t.deps), sweepSla(t.deps)]);
      await sweepSla(t.deps);
      const kinds = async (staffId: string) => (await alertsFor(staffId, id)).map((a) => a.kind).filter((k) => ['due_soon', 'overdue', 'escalated'].includes(k)).sort();
      expect(await kinds(dispatcher.id)).toEqual(['due_soon']);
      expect(await kinds(handler.id)).toEqual(['due_soon']);

      clock = new Date(dueAt.getTime() + 60_000);
      await Promise.all([sweepSla(t.deps, { escalateAfterWorkingHours: 0.5 }), sweepSla(t.deps, { escalateAfterWorkingHours: 0.5 })]);
      expect(await kinds(dispatcher.id)).toEqual(['due_soon', 'overdue']);
      expect(await kinds(handler.id)).toEqual(['due_soon', 'overdue']);
      expect(await kinds(centre.id)).toEqual([]);

      clock = addWorkingHours(dueAt, 1);
      await Promise.all([sweepSla(t.deps, { escalateAfterWorkingHours: 0.5 }), sweepSla(t.deps, { escalateAfterWorkingHours: 0.5 })]);
      await sweepSla(t.deps, { escalateAfterWorkingHours: 0.5 });
      expect(await kinds(centre.id)).toEqual(['escalated']);
      expect(await kinds(dispatcher.id)).toEqual(['due_soon', 'overdue']);
      expect(await kinds(other.id)).toEqual([]);
    } finally {
      clock = null;
    }
  });
});

describe('SLA sweep, minute after minute', () => {
  it('reads a ticket’s marker once, not every minute; a new deadline is a new marker', async () => {
    const { id, dueAt } = await dispatchedTicket();
    const exists = t.deps.models.Claim.exists.bind(t.deps.models.Claim);
    const read: string[] = [];
    t.deps.models.Claim.exists = ((filter: { _id: string }) => (read.push(String(filter._id)), exists(filter))) as typeof exists;
    const mine = () => read.filter((m) => m.includes(id));
    try {
      clock = new Date(dueAt.getTime() + 60_000);
      await sweepSla(t.deps);
      expect(mine()).toEqual([`sla:overdue:${id}@${dueAt.getTime()}`]);
      // the next minutes: the marker is known, nothing is read for this ticket, nothing raised twice
      read.length = 0;
      clock = new Date(dueAt.getTime() + 120_000);
      await sweepSla(t.deps);
      await sweepSla(t.deps);
      expect(mine()).toEqual([]);
      expect((await alertsFor(dispatcher.id, id)).filter((a) => a.kind === 'overdue')).toHaveLength(1);
      // an extension of the same ticket (a later dueAt) is another threshold: read and raised
      await t.deps.models.TicketQueue.updateOne({ _id: id }, { $set: { dueAt: new Date(dueAt.getTime() + 30_000) } });
      await sweepSla(t.deps);
      expect(mine()).toEqual([`sla:overdue:${id}@${dueAt.getTime() + 30_000}`]);
    } finally {
      t.deps.models.Claim.exists = exists;
      clock = null;
    }
  });
});

describe('auto-close', () => {
  it('a resolved ticket unrated for 7 days is closed once, 默认满意 marked as system-given', async () => {
    const { id } = await dispatchedTicket();
    expect((await act(t, handler.token, id, { action: 'resolve', reply: '已清理' })).status).toBe(200);
    const stored = () => t.deps.connection.db!.collection('tickets').findOne({ _id: new Types.ObjectId(id) });
    try {
      clock = new Date(Date.now() + 3 * 24 * 3600_000);
      await autoCloseUnrated(t.deps);
      expect((await stored())!.status).toBe('resolved');
      clock = new Date(Date.now() + 8 * 24 * 3600_000);
      const runs = await Promise.all([autoCloseUnrated(t.deps), autoCloseUnrated(t.deps)]);
      expect(runs[0]! + runs[1]!).toBe(1);
      expect(await autoCloseUnrated(t.deps)).toBe(0);
    } finally {
      clock = null;
    }
    const doc = (await stored())!;
    expect(doc.status).toBe('closed');
    expect(doc.satisfaction).toMatchObject({ value: 'satisfied', bySystem: true });
    expect(doc.timeline.filter((e: { actor: { kind: string } }) => e.actor.kind === 'system').map((e: { type: string }) => e.type)).toEqual(['rated', 'verified']);
    const row = await t.deps.connection.db!.collection('ticket_queue').findOne({ _id: new Types.ObjectId(id) });
    expect(row?.status ?? 'closed').toBe('closed');
  });
});

describe('zone dispatchers', () => {
  it('a ticket transferred into a 功能区 alerts the zone’s own dispatchers too', async () => {
    const c = await makeCitizen(t);
    const r = await fileReport(t, c.token, { description: '实际在南湖新区', location: { lat: JUNSHAN.lat - 0.005, lng: JUNSHAN.lng } });
    const zoneOfficer = await makeStaff(t, ['dispatcher'], { districtCodes: ['Z-NHXQ'] });
    const countyOfficer = await makeStaff(t, ['dispatcher'], { districtCodes: [YUEYANGLOU_CODE] });
    const moved = await act(t, dispatcher.token, r.body.id, { action: 'transfer', districtCode: YUEYANGLOU_CODE, zoneId: 'Z-NHXQ', reason: '属南湖新区' });
    expect(moved.body).toMatchObject({ zoneCode: 'Z-NHXQ' });
    await deliverDueOutbox(t.deps);
    expect((await alertsFor(zoneOfficer.id, r.body.id)).map((a) => a.kind)).toEqual(['transferred']);
    expect((await alertsFor(countyOfficer.id, r.body.id)).map((a) => a.kind)).toEqual(['transferred']);
  });
});

describe('the bell at scale: alerts read day by day', () => {
  const day = 24 * 3600_000;
  it('pages newest first across days with a cursor (ties in one millisecond included), counts unread up to 100, marks all read', async () => {
    const me = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
    const base = Date.now();
    const raisedAt: number[] = [];
    try {
      // 3 days, 9 alerts a day, three of each day's sharing one millisecond
      for (let d = 2; d >= 0; d--) {
        for (let i = 0; i < 9; i++) {
          const at = base - d * day + Math.floor(i / 3) * 1000;
          clock = new Date(at);
          await raiseAlerts(t.deps, [me.id], { key: `test:${d}:${i}`, kind: 'created', text: `提醒 ${d}-${i}` });
          raisedAt.push(at);
        }
      }
    } finally {
      clock = null;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await alerts(me.token, `?pageSize=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.body.unread).toBe(27);
      const times = r.body.items.map((i: { createdAt: string }) => Date.parse(i.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      seen.push(...r.body.items.map((i: { id: string }) => i.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(7);
    expect(new Set(seen).size).toBe(27);
    expect(seen).toHaveLength(27);
    expect(seen[0]).toBe(`test:0:8:${me.id}`);
    expect((await alerts(me.token, '?cursor=bad')).body.error).toMatchObject({ code: 'validation_failed' });

    const read = await t.request('POST', '/api/v1/admin/notifications/read', { token: me.token, body: { all: true } });
    expect(read.body.unread).toBe(0);
    expect((await alerts(me.token, '?unread=1')).body).toMatchObject({ items: [], unread: 0, nextCursor: null });
    expect((await alerts(me.token, '?pageSize=100')).body.items).toHaveLength(27);

    // the count stops at 100: the bell shows 99+ without reading every unread alert
    await Promise.all(Array.from({ length: 110 }, (_, i) => raiseAlerts(t.deps, [me.id], { key: `bulk:${i}`, kind: 'created', text: `批量 ${i}` })));
    expect((await alerts(me.token, '?unread=1&pageSize=5')).body).toMatchObject({ unread: 100, nextCursor: expect.any(String) });
  });

  it('alerts older than the retention are purged by day; younger ones stay', async () => {
    const me = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
    const keep = t.deps.config.STAFF_ALERT_RETENTION_DAYS;
    try {
      clock = new Date(Date.now() - (keep + 3) * day);
      await raiseAlerts(t.deps, [me.id], { key: 'old', kind: 'created', text: '旧提醒' });
      clock = new Date(Date.now() - (keep - 1) * day);
      await raiseAlerts(t.deps, [me.id], { key: 'young', kind: 'created', text: '较新的提醒' });
    } finally {
      clock = null;
    }
    expect(await purgeOldAlerts(t.deps)).toBeGreaterThanOrEqual(1);
    const left = await t.deps.connection.db!.collection('staff_alerts').find({ staffId: me.id }).toArray();
    expect(left.map((a) => a._id)).toEqual([`young:${me.id}`]);
  });
});
