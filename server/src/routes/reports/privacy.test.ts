import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport, JUNSHAN_CODE, makeCitizen, makeStaff, YUEYANGLOU } from '../../testing/tickets.js';

/** What a report keeps about its reporter, and what a resident learns about other residents' reports. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const stored = (trackingNo: string) => t.deps.connection.db!.collection('tickets').findOne({ trackingNo });

describe('anonymous reports', () => {
  it('{"anonymous":true,"contactPhone":…} stores no phone (nor the account phone); dispatchers see 匿名', async () => {
    const c = await makeCitizen(t); // the account has a phone too (13812341234)
    const res = await fileReport(t, c.token, { anonymous: true, contactPhone: '13712345678' });
    expect(res.status).toBe(201);
    const doc = await stored(res.body.trackingNo);
    expect(doc!.reporter.anonymous).toBe(true);
    expect(doc!.reporter.phone ?? null).toBeNull();
    expect(JSON.stringify(doc)).not.toMatch(/1371234|1381234/);
    const admin = await makeStaff(t, ['admin']);
    const dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
    for (const s of [admin, dispatcher]) {
      const view = await t.request('GET', `/api/v1/admin/tickets/${res.body.trackingNo}`, { token: s.token });
      expect(view.status).toBe(200);
      expect(view.body.reporter).toEqual({ anonymous: true, phoneMasked: false });
      expect(JSON.stringify(view.body)).not.toMatch(/1371234|1381234|\*\*\*\*5678/);
    }
    // the resident still follows their own report
    expect((await t.request('GET', `/api/v1/reports/${res.body.id}`, { token: c.token })).status).toBe(200);
  });

  it('a named report keeps the phone it was given', async () => {
    const c = await makeCitizen(t);
    const res = await fileReport(t, c.token, { contactPhone: '13712345678' });
    expect((await stored(res.body.trackingNo))!.reporter.phone).toBe('13712345678');
  });
});

describe('possibleDuplicates in the resident answer', () => {
  it('names no other resident ticket: only the count, kind, distance and status; staff keep the full list', async () => {
    const alice = await makeCitizen(t);
    const bob = await makeCitizen(t);
    const spot = { lat: YUEYANGLOU.lat - 0.003, lng: YUEYANGLOU.lng + 0.001 };
    const first = await fileReport(t, alice.token, { location: spot, categoryCode: '06013' });
    const second = await fileReport(t, alice.token, { location: { lat: spot.lat + 0.0001, lng: spot.lng }, categoryCode: '06013' });
    const mine = await fileReport(t, bob.token, { location: { lat: spot.lat + 0.0002, lng: spot.lng }, categoryCode: '06013' });
    expect(mine.status).toBe(201);
    expect(mine.body.nearbyNotice).toBe('附近已有 2 条同类问题正在处理');
    expect(mine.body.possibleDuplicates).toHaveLength(2);
    for (const d of mine.body.possibleDuplicates) {
      expect(Object.keys(d).sort()).toEqual(['categoryCode', 'categoryName', 'distanceMeters', 'status', 'statusLabel']);
      expect(d).toMatchObject({ categoryCode: '06013', status: 'submitted', statusLabel: '已提交，等待受理' });
      expect(d.distanceMeters).toBeLessThan(50);
    }
    const text = JSON.stringify(mine.body.possibleDuplicates);
    for (const other of [first.body, second.body]) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.trackingNo);
    }
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const admin = await makeStaff(t, ['admin']);
    const staff = await t.request('GET', `/api/v1/admin/tickets/${mine.body.trackingNo}`, { token: admin.token });
    expect(staff.status, JSON.stringify(staff.body)).toBe(200);
    expect(staff.body.possibleDuplicates.map((d: { trackingNo: string }) => d.trackingNo).sort()).toEqual([first.body.trackingNo, second.body.trackingNo].sort());
    expect(staff.body.possibleDuplicates[0]).toHaveProperty('createdAt');
  });

  it('none nearby: an empty list and no notice', async () => {
    const c = await makeCitizen(t);
    const res = await fileReport(t, c.token, { location: { lat: YUEYANGLOU.lat + 0.02, lng: YUEYANGLOU.lng - 0.01 }, categoryCode: '01037' });
    expect(res.body.possibleDuplicates).toEqual([]);
    expect(res.body).not.toHaveProperty('nearbyNotice');
  });
});
