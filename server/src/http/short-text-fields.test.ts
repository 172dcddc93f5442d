import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { fileReport, JUNSHAN, makeCitizen, makeStaff, reportBody } from '../testing/tickets.js';
import { complaintBody } from '../testing/complaints.js';

/**
 * Short one-line fields (names, titles, car-park names, addresses) refuse control characters, bidi
 * overrides and lone surrogates with 400 naming the field, and store NFC. One helper (shared/format/short-text.ts)
 * behind every such schema; here a field of each kind through its real route.
 */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { DEMO_LOGIN: '1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const RLO = '\u202e';
const BAD = [
  ['a bidi override', `停车场${RLO}gpj.exe`],
  ['an isolate', `停车场\u2066x\u2069`],
  ['a control character', '停车\u0007场'],
  ['a lone surrogate', '停车场\ud800'],
] as const;

function expectFieldRefused(res: { status: number; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.details[0].field).toBe(field);
  expect(res.body.error.message).toContain(field);
}

describe('short text fields', () => {
  it.each(BAD)('a car-park name with %s → 400 naming `name`, nothing stored', async (_what, name) => {
    const admin = await makeStaff(t, ['admin']);
    const before = await t.deps.connection.db!.collection('car_parks').countDocuments({});
    const res = await t.request('POST', '/api/v1/admin/parking/car-parks', {
      token: admin.token,
      body: { name, address: '岳阳楼区', location: JUNSHAN, kind: '公共停车场', totalSpaces: 10, openingHours: { is24h: true, rules: [] } },
    });
    expectFieldRefused(res, 'name');
    expect(await t.deps.connection.db!.collection('car_parks').countDocuments({})).toBe(before);
  });

  it('the same car park with a clean name is created (so the refusals above are about the name only)', async () => {
    const admin = await makeStaff(t, ['admin']);
    const res = await t.request('POST', '/api/v1/admin/parking/car-parks', {
      token: admin.token,
      body: { name: '南湖停车场', address: '岳阳楼区', location: JUNSHAN, kind: '公共停车场', totalSpaces: 10, openingHours: { is24h: true, rules: [] } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('a report address with a bidi override → 400 naming `address`; no ticket', async () => {
    const c = await makeCitizen(t);
    expectFieldRefused(await fileReport(t, c.token, { address: `君山区${RLO}某路口` }), 'address');
    expect(await t.deps.connection.db!.collection('tickets').countDocuments({ 'reporter.citizenId': c.id })).toBe(0);
  });

  it('a 信访 petitioner name with a lone surrogate → 400 naming `petitioner.name`', async () => {
    const c = await makeCitizen(t);
    const body = complaintBody({ petitioner: { ...complaintBody().petitioner, name: '王建\udc00国' } });
    const res = await t.request('POST', '/api/v1/complaints', { token: c.token, body, headers: { 'idempotency-key': randomUUID() } });
    expectFieldRefused(res, 'petitioner.name');
  });

  it('a demo nickname with a control character → 400 naming `nickname`', async () => {
    expectFieldRefused(await t.request('POST', '/api/v1/auth/demo', { body: { nickname: '张\u0000三' } }), 'nickname');
    expectFieldRefused(await t.request('POST', '/api/v1/auth/demo', { body: { nickname: `张${RLO}三` } }), 'nickname');
  });

  it('a reply-template title with a bidi override → 400 naming `title`', async () => {
    const admin = await makeStaff(t, ['admin']);
    const res = await t.request('POST', '/api/v1/admin/reply-templates', { token: admin.token, body: { title: `模板${RLO}`, text: '已处理' } });
    expectFieldRefused(res, 'title');
  });

  it('decomposed input is stored NFC: one name, one spelling', async () => {
    const c = await makeCitizen(t);
    const nfd = '君山区Cafe\u0301路口';
    const res = await t.request('POST', '/api/v1/reports', { token: c.token, body: reportBody({ address: nfd }), headers: { 'idempotency-key': randomUUID() } });
    expect(res.status).toBe(201);
    const stored = await t.deps.connection.db!.collection('tickets').findOne({ trackingNo: res.body.trackingNo });
    expect(stored!.address).toBe('君山区Caf\u00e9路口');
  });
});
