import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromShanghai } from '@cgt/shared/calendar/working-time';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import {
  act,
  departmentOf,
  fileReport,
  JUNSHAN,
  JUNSHAN_CODE,
  makeCitizen,
  makeStaff,
  uploadPhoto,
  YUEYANGLOU,
  YUEYANGLOU_CODE,
  type StaffFixture,
} from '../../testing/tickets.js';

let t: TestServer;
let clock: Date | null = null;
let dispatcher: StaffFixture;
let dept: { id: string; name: string };
let handler: StaffFixture;

beforeAll(async () => {
  t = await startTestServer({ env: { DEMO_LOGIN: '1' }, now: () => clock ?? new Date() });
  dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE], name: '调度员张三' });
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id], name: '处置员李四' });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function residentToken(nickname: string): Promise<string> {
  const res = await t.request('POST', '/api/v1/auth/demo', { body: { nickname } });
  if (res.status === 200 || res.status === 201) return res.body.token as string;
  return (await makeCitizen(t, nickname)).token; // auth route not present: mint directly
}

/** File, accept, dispatch and resolve a report; returns its id. */
async function resolvedTicket(token: string, over: Record<string, unknown> = {}): Promise<string> {
  const r = await fileReport(t, token, over);
  expect(r.status).toBe(201);
  const id = r.body.id as string;
  expect((await act(t, dispatcher.token, id, { action: 'accept' })).status).toBe(200);
  expect((await act(t, dispatcher.token, id, { action: 'dispatch', departmentId: dept.id })).status).toBe(200);
  expect((await act(t, handler.token, id, { action: 'resolve', reply: '已清理' })).status).toBe(200);
  return id;
}

describe('the full loop through HTTP', () => {
  it('report → accept → dispatch → resolve with photo → resident sees reply → rating → verify → closed', async () => {
    const resident = await residentToken('王女士');
    const photo = await uploadPhoto(t, resident);
    expect(photo.status).toBe(201);

    const created = await fileReport(t, resident, { photoIds: [photo.body.id], contactPhone: '13912345678' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'submitted', district: { code: JUNSHAN_CODE, name: '君山区' }, possibleDuplicates: [] });
    expect(created.body.trackingNo).toMatch(/^YY\d{8}-\d{6}$/);
    expect(Date.parse(created.body.dueAt)).toBeGreaterThan(Date.now());
    const id = created.body.id as string;

    const queue = await t.request('GET', '/api/v1/admin/tickets?status=submitted', { token: dispatcher.token });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(queue.body.counts.submitted).toBeGreaterThanOrEqual(1);

    const accepted = await act(t, dispatcher.token, id, { action: 'accept', note: '内部备注：属实' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.allowedActions).toContain('dispatch');

    const dispatched = await act(t, dispatcher.token, id, { action: 'dispatch', departmentId: dept.id });
    expect(dispatched.body).toMatchObject({ status: 'dispatched', departmentId: dept.id, departmentName: dept.name });

    // the handler sees its department's ticket with the phone masked; the dispatcher sees it in full
    const hView = await t.request('GET', `/api/v1/admin/tickets/${id}`, { token: handler.token });
    expect(hView.status).toBe(200);
    expect(hView.body.reporter).toMatchObject({ phone: '139****5678', phoneMasked: true });
    expect(hView.body.allowedActions).toEqual(['return', 'resolve']);
    const dView = await t.request('GET', `/api/v1/admin/tickets/${id}`, { token: dispatcher.token });
    expect(dView.body.reporter).toMatchObject({ phone: '13912345678', phoneMasked: false });
    expect(dView.body.routing.reason).toBeTruthy();

    const after = await uploadPhoto(t, handler.token);
    expect(after.status).toBe(201);
    const resolved = await act(t, handler.token, id, { action: 'resolve', reply: '垃圾已清运，现场已冲洗。', photoIds: [after.body.id] });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.afterPhotos.map((p: { id: string }) => p.id)).toEqual([after.body.id]);

    const mine = await t.request('GET', `/api/v1/reports/${id}`, { token: resident });
    expect(mine.status).toBe(200);
    expect(mine.body.status).toBe('resolved');
    expect(mine.body.statusLabel).toBe('处理完成，等待确认');
    expect(mine.body.replies).toEqual([
      expect.objectContaining({ text: '垃圾已清运，现场已冲洗。', departmentName: dept.name, photos: [expect.objectContaining({ id: after.body.id })] }),
    ]);
    expect(mine.body.afterPhotos[0].url).toBe(`/api/v1/files/${after.body.id}`);
    expect(mine.body.photos[0].id).toBe(photo.body.id);
    expect(mine.body.canRate).toBe(true);
    // resident-safe: no staff names, no internal notes
    const text = JSON.stringify(mine.body);
    expect(text).not.toContain('调度员张三');
    expect(text).not.toContain('处置员李四');
    expect(text).not.toContain('内部备注');
    expect(mine.body.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'accepted', 'dispatched', 'resolved']);

    const list = await t.request('GET', '/api/v1/reports/mine?pageSize=10', { token: resident });
    expect(list.body).toMatchObject({ nextCursor: null });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id, status: 'resolved', rated: false });

    const rated = await t.request('POST', `/api/v1/reports/${id}/rating`, { token: resident, body: { satisfaction: 'satisfied', comment: '很快' } });
    expect(rated.status).toBe(200);
    expect(rated.body.satisfaction.value).toBe('satisfied');
    const twice = await t.request('POST', `/api/v1/reports/${id}/rating`, { token: resident, body: { satisfaction: 'satisfied' } });
    expect(twice.status).toBe(409);

    const closed = await act(t, dispatcher.token, id, { action: 'verify' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.overdue).toBe(false);
    expect(closed.body.timeline.map((e: { type: string; actor: { name: string } }) => `${e.type}:${e.actor.name}`)).toEqual([
      'created:市民',
      'accepted:调度员张三',
      'dispatched:调度员张三',
      'resolved:处置员李四',
      'rated:市民',
      'verified:调度员张三',
    ]);

    const audit = await t.deps.models.AuditLog.find({ targetId: id, action: { $not: /^personal_data\./ } }).lean(); // the writes (reads of the phone are entries too)
    expect(audit.map((a) => a.action).sort()).toEqual(['ticket.accept', 'ticket.dispatch', 'ticket.resolve', 'ticket.verify']);
    const stored = await t.deps.models.Ticket.findById(id).lean();
    expect(stored!.outbox.length).toBeGreaterThanOrEqual(5);
    expect(stored!.version).toBe(5);
  });

  it('another resident cannot see the report (404), and an unknown id is 404', async () => {
    const a = await residentToken('甲');
    const b = await residentToken('乙');
    const r = await fileReport(t, a);
    expect((await t.request('GET', `/api/v1/reports/${r.body.id}`, { token: b })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/reports/${r.body.id}/withdraw`, { token: b, body: {} })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/reports/${new Types.ObjectId().toHexString()}`, { token: a })).status).toBe(404);
  });
});

describe('重办 (reopen on a dissatisfied rating)', () => {
  it('dissatisfied within 7 days of closing → dispatched again, reworkCount 1', async () => {
    const resident = await residentToken('重办甲');
    const id = await resolvedTicket(resident);
    clock = new Date('2026-11-02T02:00:00Z');
    expect((await act(t, dispatcher.token, id, { action: 'verify' })).body.status).toBe('closed');
    clock = new Date('2026-11-08T02:00:00Z'); // 6 days later
    const res = await t.request('POST', `/api/v1/reports/${id}/rating`, { token: resident, body: { satisfaction: 'dissatisfied', comment: '没有清理干净' } });
    clock = null;
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('dispatched');
    expect(res.body.reworkCount).toBe(1);
    expect(res.body.timeline.map((e: { type: string }) => e.type).slice(-2)).toEqual(['rated', 'reopened']);
    // back with the same department, which may resolve again
    const again = await act(t, handler.token, id, { action: 'resolve', reply: '已再次清理' });
    expect(again.body.status).toBe('resolved');
  });

  it('dissatisfied more than 7 days after closing → recorded, no reopen', async () => {
    const resident = await residentToken('重办乙');
    const id = await resolvedTicket(resident);
    clock = new Date('2026-11-02T02:00:00Z');
    await act(t, dispatcher.token, id, { action: 'verify' });
    clock = new Date('2026-11-10T02:00:00Z'); // 8 days later
    const res = await t.request('POST', `/api/v1/reports/${id}/rating`, { token: resident, body: { satisfaction: 'dissatisfied' } });
    clock = null;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', reworkCount: 0, satisfaction: { value: 'dissatisfied' } });
  });

  it('rating before the ticket is handled → 409 invalid_transition', async () => {
    const resident = await residentToken('重办丙');
    const r = await fileReport(t, resident);
    const res = await t.request('POST', `/api/v1/reports/${r.body.id}/rating`, { token: resident, body: { satisfaction: 'satisfied' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
  });

  it('dispatcher rework sends a resolved ticket back to the department and counts it', async () => {
    const resident = await residentToken('返工');
    const id = await resolvedTicket(resident);
    const noReason = await act(t, dispatcher.token, id, { action: 'rework' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].field).toBe('reason');
    const res = await act(t, dispatcher.token, id, { action: 'rework', reason: '现场仍有垃圾' });
    expect(res.body).toMatchObject({ status: 'dispatched', reworkCount: 1 });
  });
});

describe('workflow rules', () => {
  it('two concurrent accepts: one 200, one 409', async () => {
    const c = await makeCitizen(t);
    const r = await fileReport(t, c.token);
    const other = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
    const [a, b] = await Promise.all([act(t, dispatcher.token, r.body.id, { action: 'accept' }), act(t, other.token, r.body.id, { action: 'accept' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(['conflict', 'invalid_transition']).toContain((a.status === 409 ? a : b).body.error.code);
    const stored = await t.deps.models.Ticket.findById(r.body.id).lean();
    expect(stored!.timeline.filter((e) => e.type === 'accepted')).toHaveLength(1);
  });

  it('an illegal action is 409 invalid_transition; a stale version is 409 conflict', async () => {
    const c = await makeCitizen(t);
    const r = await fileReport(t, c.token);
    const verify = await act(t, dispatcher.token, r.body.id, { action: 'verify' });
    expect(verify.status).toBe(409);
    expect(verify.body.error.code).toBe('invalid_transition');
    const stale = await act(t, dispatcher.token, r.body.id, { action: 'accept', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
  });

  it('dispatch only to a department of the ticket’s district', async () => {
    const c = await makeCitizen(t);
    const r = await fileReport(t, c.token);
    await act(t, dispatcher.token, r.body.id, { action: 'accept' });
    const foreign = await departmentOf(t, YUEYANGLOU_CODE);
    const res = await act(t, dispatcher.token, r.body.id, { action: 'dispatch', departmentId: foreign.id });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    expect(res.body.error.details[0].field).toBe('departmentId');
    expect((await t.deps.models.Ticket.findById(r.body.id).lean())!.status).toBe('accepted');
  });

  it('SLA: a 24 h category filed 2026-09-30 16:00 is due after the National Day holiday; overdue in lists', async () => {
    await t.deps.models.Category.updateOne({ _id: '06011' }, { $set: { slaHours: 24 } });
    const c = await makeCitizen(t);
    clock = fromShanghai('2026-09-30 16:00');
    const r = await fileReport(t, c.token, { categoryCode: '06011', location: { lat: JUNSHAN.lat + 0.01, lng: JUNSHAN.lng } });
    expect(r.status).toBe(201);
    expect(r.body.dueAt).toBe(fromShanghai('2026-10-12 09:30').toISOString());
    const before = await t.request('GET', `/api/v1/admin/tickets?categoryCode=06011`, { token: dispatcher.token });
    expect(before.body.items[0]).toMatchObject({ overdue: false, remainingWorkingHours: 24 });
    clock = fromShanghai('2026-10-12 10:30');
    const overdue = await t.request('GET', `/api/v1/admin/tickets?categoryCode=06011&overdue=true`, { token: dispatcher.token });
    clock = null;
    expect(overdue.body.total).toBe(1);
    expect(overdue.body.items[0]).toMatchObject({ id: r.body.id, overdue: true, remainingWorkingHours: -1 });
    expect(overdue.body.counts.overdue).toBe(1);
  });

  it('transfer moves the ticket out of the old district’s queue into the new one as accepted', async () => {
    const c = await makeCitizen(t);
    const r = await fileReport(t, c.token, { description: '其实在岳阳楼区' });
    const noReason = await act(t, dispatcher.token, r.body.id, { action: 'transfer', districtCode: YUEYANGLOU_CODE });
    expect(noReason.status).toBe(400);
    const moved = await act(t, dispatcher.token, r.body.id, { action: 'transfer', districtCode: YUEYANGLOU_CODE, reason: '定位错误，实际在岳阳楼区' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'accepted', districtCode: YUEYANGLOU_CODE, districtName: '岳阳楼区' });
    expect(moved.body.routing.movedBy).toMatchObject({ id: dispatcher.id, name: '调度员张三', reason: '定位错误，实际在岳阳楼区', fromDistrictCode: JUNSHAN_CODE });
    const oldQueue = await t.request('GET', '/api/v1/admin/tickets?pageSize=100', { token: dispatcher.token });
    expect(oldQueue.body.items.map((i: { id: string }) => i.id)).not.toContain(r.body.id);
    expect((await t.request('GET', `/api/v1/admin/tickets/${r.body.id}`, { token: dispatcher.token })).status).toBe(404);
    const ylDispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [YUEYANGLOU_CODE] });
    const newQueue = await t.request('GET', '/api/v1/admin/tickets?status=accepted', { token: ylDispatcher.token });
    expect(newQueue.body.items.map((i: { id: string }) => i.id)).toContain(r.body.id);
    const ylDept = await departmentOf(t, YUEYANGLOU_CODE);
    expect((await act(t, ylDispatcher.token, r.body.id, { action: 'dispatch', departmentId: ylDept.id })).status).toBe(200);
  });

  it('transfer into a functional zone: the zone officer sees it and dispatches to a zone unit', async () => {
    const c = await makeCitizen(t);
    const r = await fileReport(t, c.token, { description: '实际在南湖新区', location: { lat: JUNSHAN.lat - 0.005, lng: JUNSHAN.lng } });
    const moved = await act(t, dispatcher.token, r.body.id, { action: 'transfer', districtCode: YUEYANGLOU_CODE, zoneId: 'Z-NHXQ', reason: '属南湖新区' });
    expect(moved.body).toMatchObject({ status: 'accepted', zoneCode: 'Z-NHXQ', zoneName: '南湖新区' });
    const zoneOfficer = await makeStaff(t, ['dispatcher'], { districtCodes: ['Z-NHXQ'] });
    const zoneDept = await departmentOf(t, 'Z-NHXQ');
    expect((await act(t, zoneOfficer.token, r.body.id, { action: 'dispatch', departmentId: zoneDept.id })).body.status).toBe('dispatched');
  });

  it('a WGS-84 location is stored converted to GCJ-02', async () => {
    const c = await makeCitizen(t);
    const r = await fileReport(t, c.token, { location: { ...JUNSHAN, coordSys: 'wgs84' } });
    expect(r.status).toBe(201);
    const stored = await t.deps.models.Ticket.findById(r.body.id).lean();
    expect(stored!.location!.lat).not.toBe(JUNSHAN.lat);
    expect(Math.abs(stored!.location!.lng! - JUNSHAN.lng)).toBeLessThan(0.01); // GCJ-02 shifts a few hundred metres
  });

  it('possible duplicates are suggested; rejecting as a duplicate links both tickets', async () => {
    const c = await makeCitizen(t);
    const near = { lat: YUEYANGLOU.lat + 0.002, lng: YUEYANGLOU.lng };
    const first = await fileReport(t, c.token, { location: near, categoryCode: '09006' });
    const second = await fileReport(t, c.token, { location: { lat: near.lat + 0.0002, lng: near.lng }, categoryCode: '09006' });
    // the resident learns only kind, distance and status; staff see the ticket itself
    expect(second.body.possibleDuplicates).toEqual([{ categoryCode: '09006', categoryName: expect.any(String), distanceMeters: expect.any(Number), status: 'submitted', statusLabel: '已提交，等待受理' }]);
    expect(second.body.nearbyNotice).toBe('附近已有 1 条同类问题正在处理');
    expect(second.body.possibleDuplicates[0].distanceMeters).toBeLessThan(50);
    const admin = await makeStaff(t, ['admin']);
    const staffView = await t.request('GET', `/api/v1/admin/tickets/${second.body.trackingNo}`, { token: admin.token });
    expect(staffView.body.possibleDuplicates).toEqual([expect.objectContaining({ id: first.body.id, trackingNo: first.body.trackingNo, status: 'submitted' })]);
    const res = await act(t, admin.token, second.body.id, { action: 'reject', reason: '重复上报', duplicateOf: first.body.trackingNo });
    expect(res.body).toMatchObject({ status: 'rejected', duplicateOf: first.body.id });
    const orig = await t.request('GET', `/api/v1/admin/tickets/${first.body.trackingNo}`, { token: admin.token });
    expect(orig.body.duplicateIds).toEqual([second.body.id]);
    const resident = await t.request('GET', `/api/v1/reports/${second.body.id}`, { token: c.token });
    expect(resident.body.timeline.at(-1)).toMatchObject({ type: 'rejected', reason: '重复上报' });
  });

  it('a resident withdraws while submitted, not after acceptance', async () => {
    const c = await makeCitizen(t);
    const a = await fileReport(t, c.token);
    const w = await t.request('POST', `/api/v1/reports/${a.body.id}/withdraw`, { token: c.token, body: {} });
    expect(w.body).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    const b = await fileReport(t, c.token);
    await act(t, dispatcher.token, b.body.id, { action: 'accept' });
    const late = await t.request('POST', `/api/v1/reports/${b.body.id}/withdraw`, { token: c.token, body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invalid_transition');
  });

  it('a handler returns a ticket to the dispatch centre and then no longer sees it', async () => {
    const c = await makeCitizen(t);
    const r = await fileReport(t, c.token);
    await act(t, dispatcher.token, r.body.id, { action: 'accept' });
    await act(t, dispatcher.token, r.body.id, { action: 'dispatch', departmentId: dept.id });
    const res = await act(t, handler.token, r.body.id, { action: 'return', reason: '不属于本单位职责' });
    expect(res.body.status).toBe('accepted');
    expect((await t.request('GET', `/api/v1/admin/tickets/${r.body.id}`, { token: handler.token })).status).toBe(404);
  });
});

describe('reply templates', () => {
  it('writers create, edit and delete their own; every staff member reads; a viewer may not write', async () => {
    const viewer = await makeStaff(t, ['viewer']);
    const created = await t.request('POST', '/api/v1/admin/reply-templates', { token: handler.token, body: { title: '已清运', text: '垃圾已清运完毕。', categoryCode: '06010' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await t.request('POST', '/api/v1/admin/reply-templates', { token: viewer.token, body: { title: 'x', text: 'y' } })).status).toBe(403);
    const list = await t.request('GET', '/api/v1/admin/reply-templates?categoryCode=06010', { token: viewer.token });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(id);
    // the dispatcher is not its author
    expect((await t.request('PATCH', `/api/v1/admin/reply-templates/${id}`, { token: dispatcher.token, body: { text: '改' } })).status).toBe(403);
    const patched = await t.request('PATCH', `/api/v1/admin/reply-templates/${id}`, { token: handler.token, body: { text: '已清运并冲洗。', categoryCode: null } });
    expect(patched.body).toMatchObject({ text: '已清运并冲洗。' });
    expect(patched.body.categoryCode).toBeUndefined();
    expect((await t.request('PATCH', `/api/v1/admin/reply-templates/${id}`, { token: handler.token, body: {} })).status).toBe(400);
    expect((await t.request('DELETE', `/api/v1/admin/reply-templates/${id}`, { token: viewer.token })).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/admin/reply-templates/${id}`, { token: handler.token })).status).toBe(204);
    expect((await t.request('DELETE', `/api/v1/admin/reply-templates/${id}`, { token: handler.token })).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents every report, ticket and template route', async () => {
    const doc = await t.request('GET', '/api/v1/openapi.json');
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    const want: [string, string][] = [
      ['/api/v1/reports', 'post'],
      ['/api/v1/reports/mine', 'get'],
      ['/api/v1/reports/{id}', 'get'],
      ['/api/v1/reports/{id}/rating', 'post'],
      ['/api/v1/reports/{id}/withdraw', 'post'],
      ['/api/v1/admin/tickets', 'get'],
      ['/api/v1/admin/tickets/{id}', 'get'],
      ['/api/v1/admin/tickets/{id}/transitions', 'post'],
      ['/api/v1/admin/reply-templates', 'get'],
      ['/api/v1/admin/reply-templates', 'post'],
      ['/api/v1/admin/reply-templates/{id}', 'patch'],
      ['/api/v1/admin/reply-templates/{id}', 'delete'],
    ];
    for (const [p, m] of want) expect(paths[p]?.[m], `${m} ${p}`).toBeDefined();
  });
});
