import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { act, departmentOf, fileReport, JUNSHAN, JUNSHAN_CODE, makeCitizen, makeStaff } from '../../testing/tickets.js';
import { streetsChanged } from '../../services/map-base.js';

/**
 * What the resident's detail says about who acted and where: the unit that really acted (a district's
 * 指挥分中心, not always the city centre; the department for its own steps), the same unit in the console's
 * timeline, and the place as district · street unit even when no address was typed.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 90_000);
afterAll(async () => {
  await t?.close();
});

type Entry = { type: string; actorLabel?: string; actor?: { kind: string; name: string; unit?: string } };

describe('resident detail: acting unit and place', () => {
  it('a 君山区 dispatcher acts for 君山区城市管理指挥分中心, a city-wide one for 城市管理指挥中心; resident and console agree', async () => {
    const me = await makeCitizen(t);
    const dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
    const district = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE], name: '君山调度员' });
    const city = await makeStaff(t, ['dispatcher'], { name: '市级调度员' });
    const handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id], name: '处置员' });
    const filed = await fileReport(t, me.token);
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    expect((await act(t, district.token, id, { action: 'accept' })).status).toBe(200);
    expect((await act(t, district.token, id, { action: 'dispatch', departmentId: dept.id })).status).toBe(200);
    expect((await act(t, handler.token, id, { action: 'resolve', reply: '已清运' })).status).toBe(200);
    expect((await act(t, city.token, id, { action: 'verify' })).status).toBe(200);

    const mine = await t.request('GET', `/api/v1/reports/${id}`, { token: me.token });
    expect(mine.status).toBe(200);
    const units = Object.fromEntries((mine.body.timeline as Entry[]).map((e) => [e.type, e.actorLabel]));
    expect(units).toMatchObject({ accepted: '君山区城市管理指挥分中心', dispatched: '君山区城市管理指挥分中心', resolved: dept.name, verified: '城市管理指挥中心' });
    expect(JSON.stringify(mine.body.timeline)).not.toMatch(/君山调度员|市级调度员|处置员/);

    const staff = await t.request('GET', `/api/v1/admin/tickets/${id}`, { token: city.token });
    expect(staff.status).toBe(200);
    const byType = Object.fromEntries((staff.body.timeline as Entry[]).map((e) => [e.type, e.actor]));
    expect(byType.dispatched).toMatchObject({ kind: 'staff', name: '君山调度员', unit: '君山区城市管理指挥分中心' });
    expect(byType.resolved).toMatchObject({ name: '处置员', unit: dept.name });
    expect(byType.verified).toMatchObject({ name: '市级调度员', unit: '城市管理指挥中心' });
    expect(byType.created?.unit).toBeUndefined();
  }, 60_000);

  it('the place is district · street unit, with or without a typed address', async () => {
    const me = await makeCitizen(t);
    const bare = await fileReport(t, me.token, { address: undefined });
    expect(bare.status).toBe(201);
    const stored = await t.deps.connection.db!.collection('tickets').findOne({ trackingNo: bare.body.trackingNo });
    expect(stored?.address ?? '').toBe('');
    const view = async (id: string) => (await t.request('GET', `/api/v1/reports/${id}`, { token: me.token })).body;
    // no street seat known yet: the district alone
    expect(await view(bare.body.id)).toMatchObject({ place: '君山区' });
    expect((await view(bare.body.id)).address).toBeUndefined();

    // with seats: the nearest unit of the ticket's own district (a closer one across the border does not count)
    await t.deps.models.Street.updateOne({ name: '柳林洲街道' }, { $set: { center: { lat: JUNSHAN.lat + 0.01, lng: JUNSHAN.lng } } });
    await t.deps.models.Street.updateOne({ code: '430602001' }, { $set: { center: { lat: JUNSHAN.lat, lng: JUNSHAN.lng } } });
    streetsChanged(t.deps);
    expect(await view(bare.body.id)).toMatchObject({ place: '君山区 · 柳林洲街道' });
    const typed = await fileReport(t, me.token, { address: '君山区某路口' });
    expect(await view(typed.body.id)).toMatchObject({ address: '君山区某路口', place: '君山区 · 柳林洲街道' });
  }, 60_000);
});
