import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '@cgt/shared/categories/seed';
import { getCategory } from '../../services/categories.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { staffToken } from '../../testing/staff-token.js';

let t: TestServer;
let admin: string;
let dispatcher: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await staffToken(t, ['admin']);
  dispatcher = await staffToken(t, ['dispatcher']);
});
afterAll(async () => t?.close());

describe('categories', () => {
  it('GET /api/v1/categories lists the whole seeded catalogue in grouped order', async () => {
    const res = await t.request('GET', '/api/v1/categories');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.map((c: { code: string }) => c.code)).toEqual(CATEGORIES.map((c) => c.code));
    const gas = res.body.find((c: { code: string }) => c.code === '90003');
    expect(gas).toMatchObject({ name: '燃气隐患', group: '90', groupName: '本地扩展', urgent: true, local: true, clock: 'natural' });
    // urgent categories count natural hours (7×24), ordinary ones working time
    expect(res.body.find((c: { code: string }) => c.code === '06010')).toMatchObject({ urgent: false, clock: 'working' });
    for (const c of res.body as { urgent: boolean; clock: string }[]) expect(c.clock).toBe(c.urgent ? 'natural' : 'working');
    expect(gas.notice).toContain('119');
    const groups = res.body.map((c: { group: string }) => c.group);
    expect(groups).toEqual([...groups].sort());
  });

  it('admins edit SLA, notice, urgency and active; others get 403; the list and getCategory follow', async () => {
    expect((await t.request('PATCH', '/api/v1/admin/categories/06010', { token: dispatcher, body: { slaHours: 3 } })).status).toBe(403);
    const res = await t.request('PATCH', '/api/v1/admin/categories/06010', { token: admin, body: { slaHours: 3, notice: '请拍清垃圾位置' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: '06010', slaHours: 3, notice: '请拍清垃圾位置', active: true });
    expect(await getCategory(t.deps, '06010')).toMatchObject({ slaHours: 3, notice: '请拍清垃圾位置', name: '暴露垃圾' });

    await t.request('PATCH', '/api/v1/admin/categories/90004', { token: admin, body: { active: false } });
    const list = await t.request('GET', '/api/v1/categories');
    expect(list.body.some((c: { code: string }) => c.code === '90004')).toBe(false);
    expect((await getCategory(t.deps, '90004'))?.active).toBe(false);
    const adminList = await t.request('GET', '/api/v1/admin/categories', { token: dispatcher });
    expect(adminList.body.some((c: { code: string }) => c.code === '90004')).toBe(true);
  });

  it('admins set the clock; a ticket filed afterwards runs on it; a bad clock is 400 naming the field', async () => {
    const res = await t.request('PATCH', '/api/v1/admin/categories/06014', { token: admin, body: { clock: 'natural' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: '06014', clock: 'natural', urgent: false });
    expect((await getCategory(t.deps, '06014'))?.clock).toBe('natural');
    const bad = await t.request('PATCH', '/api/v1/admin/categories/06014', { token: admin, body: { clock: 'lunar' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('clock');
    expect(bad.body.error.details[0].message).toContain('自然小时');
    const back = await t.request('PATCH', '/api/v1/admin/categories/06014', { token: admin, body: { clock: 'working' } });
    expect(back.body.clock).toBe('working');
  });

  it('bad edits: unknown code 404, bad values 400 naming the field, empty patch 400', async () => {
    expect((await t.request('PATCH', '/api/v1/admin/categories/99999', { token: admin, body: { slaHours: 3 } })).status).toBe(404);
    const neg = await t.request('PATCH', '/api/v1/admin/categories/06010', { token: admin, body: { slaHours: -1 } });
    expect(neg.status).toBe(400);
    expect(neg.body.error.details[0].field).toBe('slaHours');
    expect((await t.request('PATCH', '/api/v1/admin/categories/06010', { token: admin, body: {} })).status).toBe(400);
    expect((await t.request('PATCH', '/api/v1/admin/categories/06010', { token: admin, body: { name: 'x' } })).status).toBe(400);
    expect((await t.request('PATCH', '/api/v1/admin/categories/abc', { token: admin, body: { slaHours: 3 } })).status).toBe(400);
  });

  it('getCategory: null for unknown or malformed codes', async () => {
    expect(await getCategory(t.deps, '99999')).toBeNull();
    expect(await getCategory(t.deps, '{"$ne":1}')).toBeNull();
    expect(await getCategory(t.deps, '09011')).toMatchObject({ code: '09011', name: '共享单车乱象', group: '09' });
  });
});
