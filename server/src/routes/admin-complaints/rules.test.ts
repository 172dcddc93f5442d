import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromShanghai } from '@cgt/shared/calendar/working-time';
import { RAISED_LIMITS, startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport } from '../../testing/tickets.js';
import { CONCLUDE, complaintBody, countStored, fileComplaint, ID_A, ID_B, makeOfficer, makeResident, staffAct } from '../../testing/complaints.js';

/** Preconditions, windows, roles and scope of the 信访 API. */

let t: TestServer;
let clock = fromShanghai('2026-03-02 10:00');
type Officer = Awaited<ReturnType<typeof makeOfficer>>;
let officer: Officer;
let admin: Officer;
let resident: { id: string; token: string };
let other: { id: string; token: string };
let dept: string;

const sh = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19) : null);

beforeAll(async () => {
  // one resident files many cases here: not a test of the abuse limits
  t = await startTestServer({ now: () => clock, env: { ...RAISED_LIMITS } });
  officer = await makeOfficer(t);
  admin = await makeOfficer(t, ['admin']);
  resident = await makeResident(t);
  other = await makeResident(t);
  dept = String((await t.deps.models.Department.findOne({ active: true }).lean())!._id);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function newCase(over: Record<string, unknown> = {}): Promise<string> {
  const r = await fileComplaint(t, resident.token, over);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

/** Moves a fresh case to `concluded` at the current clock. */
async function concludedCase(): Promise<string> {
  const id = await newCase();
  for (const body of [{ action: 'accept' }, { action: 'assign', departmentId: dept }, { action: 'conclude', ...CONCLUDE }]) {
    const r = await staffAct(t, officer.token, id, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  return id;
}

describe('registration input', () => {
  it('ID number with a wrong check digit → 400 naming the field; nothing stored', async () => {
    const before = await countStored(t);
    const r = await fileComplaint(t, resident.token, { petitioner: { ...complaintBody().petitioner, idNumber: '430602198503121238' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details).toEqual([expect.objectContaining({ field: 'petitioner.idNumber', message: '身份证号码校验位不正确，请核对' })]);
    expect(JSON.stringify(r.body)).not.toContain('430602198503121238');
    expect(await countStored(t)).toBe(before);
  });

  it('real-name fields are required', async () => {
    const r = await fileComplaint(t, resident.token, { petitioner: { name: '王', phone: '123', address: '' } });
    expect(r.status).toBe(400);
    const fields = r.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['petitioner.address', 'petitioner.idNumber', 'petitioner.name', 'petitioner.phone']);
  });

  it('a lower-case x is accepted and normalised', async () => {
    const id = await newCase({ petitioner: { ...complaintBody().petitioner, idNumber: ID_B.toLowerCase() } });
    const d = await t.request('POST', `/api/v1/admin/complaints/${id}/reveal-id`, { token: officer.token });
    expect(d.body.idNumber).toBe(ID_B);
  });

  it('the office registers a letter received earlier: deadlines run from receipt; the future is refused', async () => {
    const r = await t.request('POST', '/api/v1/admin/complaints', {
      token: officer.token,
      body: { ...complaintBody({ request: '修复人行道井盖', content: '人行道井盖破损' }), channel: 'letter', receivedAt: fromShanghai('2026-02-27 09:00').toISOString(), note: '挂号信' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(sh(r.body.deadlines.acceptBy)).toBe('2026-03-14 23:59:59');
    const d = await t.request('GET', `/api/v1/admin/complaints/${r.body.id}`, { token: officer.token });
    expect(d.body).toMatchObject({ channel: 'letter', channelLabel: '来信', registeredBy: { kind: 'staff', name: officer.displayName } });
    expect(d.body.citizenId).toBeUndefined();
    expect(d.body.timeline[0]).toMatchObject({ type: 'registered', note: '挂号信' });
    const future = await t.request('POST', '/api/v1/admin/complaints', {
      token: officer.token,
      body: { ...complaintBody(), channel: 'visit', receivedAt: fromShanghai('2026-03-09 09:00').toISOString() },
    });
    expect([future.status, future.body.error.code]).toEqual([400, 'validation_failed']);
    expect(future.body.error.details[0].field).toBe('receivedAt');
  });
});

describe('actions and their preconditions', () => {
  it('not_accept needs a reason and the proper channel; then it is a dead end', async () => {
    const id = await newCase();
    const bare = await staffAct(t, officer.token, id, { action: 'not_accept' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.map((d: { field: string }) => d.field)).toEqual(['reason', 'redirectTo']);
    const r = await staffAct(t, officer.token, id, { action: 'not_accept', reason: '属于民事纠纷', redirectTo: '请向岳阳楼区人民法院提起诉讼' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'not_accepted', notAccepted: { reason: '属于民事纠纷', redirectTo: '请向岳阳楼区人民法院提起诉讼' }, due: null });
    const mine = await t.request('GET', `/api/v1/complaints/${id}`, { token: resident.token });
    expect(mine.body.notAccepted.redirectTo).toBe('请向岳阳楼区人民法院提起诉讼');
    expect((await staffAct(t, officer.token, id, { action: 'accept' })).status).toBe(409);
  });

  it('transfer names the receiving body', async () => {
    const id = await newCase();
    expect((await staffAct(t, officer.token, id, { action: 'transfer' })).status).toBe(400);
    const r = await staffAct(t, officer.token, id, { action: 'transfer', transferTo: '岳阳市住房和城乡建设局' });
    expect(r.body).toMatchObject({ status: 'transferred', transferredTo: '岳阳市住房和城乡建设局' });
  });

  it.each([
    ['conclude before acceptance', [], { action: 'conclude', ...CONCLUDE }],
    ['assign before acceptance', [], { action: 'assign', departmentId: 'x' }],
    ['request_review before a reply', [], { action: 'request_review', reason: 'x' }],
    ['accept twice', [{ action: 'accept' }], { action: 'accept' }],
    ['conclude without assigning a department', [{ action: 'accept' }], { action: 'conclude', ...CONCLUDE }],
    ['conclude_review without a 复查 request', [{ action: 'accept' }], { action: 'conclude_review', ...CONCLUDE }],
  ])('%s → 409 invalid_transition, nothing changes', async (_n, setup, body) => {
    const id = await newCase();
    for (const s of setup) expect((await staffAct(t, officer.token, id, s)).status).toBe(200);
    const before = await t.deps.models.Complaint.findById(id).lean();
    const r = await staffAct(t, officer.token, id, body);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('invalid_transition');
    const after = await t.deps.models.Complaint.findById(id).lean();
    expect(after!.version).toBe(before!.version);
  });

  it('assign to an unknown department → 422; a stale version → 409 conflict', async () => {
    const id = await newCase();
    await staffAct(t, officer.token, id, { action: 'accept' });
    const bad = await staffAct(t, officer.token, id, { action: 'assign', departmentId: '0123456789abcdef01234567' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('unknown_department');
    const stale = await staffAct(t, officer.token, id, { action: 'assign', departmentId: dept, version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await staffAct(t, officer.token, id, { action: 'assign', departmentId: dept, version: 1 })).status).toBe(200);
  });

  it('extension: 1–30 days, only before the conclusion deadline', async () => {
    clock = fromShanghai('2026-03-02 10:00');
    const id = await newCase();
    await staffAct(t, officer.token, id, { action: 'accept' }); // concludeBy 2026-05-01 23:59:59
    expect((await staffAct(t, officer.token, id, { action: 'extend', days: 31, reason: '复杂' })).status).toBe(400);
    expect((await staffAct(t, officer.token, id, { action: 'extend', reason: '复杂' })).status).toBe(400);
    clock = fromShanghai('2026-05-02 00:00');
    const late = await staffAct(t, officer.token, id, { action: 'extend', days: 10, reason: '复杂' });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('extension_too_late');
    clock = fromShanghai('2026-03-02 10:00');
  });
});

describe('复查 / 复核 windows (clock moved)', () => {
  it('复查 requested on day 31 → 422 review_window_expired', async () => {
    clock = fromShanghai('2026-03-10 10:00');
    const id = await concludedCase(); // reply on 03-10 → window ends 04-09 24:00
    clock = fromShanghai('2026-04-10 00:00');
    const r = await t.request('POST', `/api/v1/complaints/${id}/actions`, { token: resident.token, body: { action: 'request_review', reason: '不服' } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('review_window_expired');
    const viaStaff = await staffAct(t, officer.token, id, { action: 'request_review', reason: '来信' });
    expect(viaStaff.status).toBe(422);
    const d = await t.request('GET', `/api/v1/complaints/${id}`, { token: resident.token });
    expect(d.body).toMatchObject({ status: 'concluded', canRequestReview: false, window: { kind: 'review_request', overdue: true } });
  });

  it('复核 window: 30 days after the 复查 reply; a recheck cannot be asked before a review', async () => {
    clock = fromShanghai('2026-03-10 10:00');
    const id = await concludedCase();
    const early = await t.request('POST', `/api/v1/complaints/${id}/actions`, { token: resident.token, body: { action: 'request_recheck', reason: '不服' } });
    expect(early.status).toBe(409);
    clock = fromShanghai('2026-04-09 23:59');
    expect((await staffAct(t, officer.token, id, { action: 'request_review', reason: '不服' })).status).toBe(200);
    clock = fromShanghai('2026-04-20 10:00');
    const rv = await staffAct(t, officer.token, id, { action: 'conclude_review', ...CONCLUDE });
    expect(sh(rv.body.deadlines.recheckRequestBy)).toBe('2026-05-20 23:59:59');
    clock = fromShanghai('2026-05-21 08:00');
    const late = await t.request('POST', `/api/v1/complaints/${id}/actions`, { token: resident.token, body: { action: 'request_recheck', reason: '不服' } });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('recheck_window_expired');
    clock = fromShanghai('2026-03-02 10:00');
  });
});

describe('who may see and act', () => {
  it("another resident's case → 404 (read, act, rate)", async () => {
    const id = await newCase();
    expect((await t.request('GET', `/api/v1/complaints/${id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/complaints/${id}/rating`, { token: other.token, body: { satisfaction: 'satisfied' } })).status).toBe(404);
    const act = await t.request('POST', `/api/v1/complaints/${id}/actions`, { token: other.token, body: { action: 'request_review', reason: 'x' } });
    expect(act.status).toBe(404);
    expect((await t.request('GET', '/api/v1/complaints/mine', { token: other.token })).body.total).toBe(0);
    // an office-registered case is nobody's online case
    expect((await t.request('GET', `/api/v1/complaints/0123456789abcdef01234567`, { token: resident.token })).status).toBe(404);
  });

  it.each([['dispatcher'], ['handler'], ['viewer']] as const)('%s → 403 everywhere in the office API', async (role) => {
    const id = await newCase();
    const s = await makeOfficer(t, [role]);
    const calls = [
      t.request('GET', '/api/v1/admin/complaints', { token: s.token }),
      t.request('GET', '/api/v1/admin/complaints/backlog', { token: s.token }),
      t.request('GET', `/api/v1/admin/complaints/${id}`, { token: s.token }),
      staffAct(t, s.token, id, { action: 'accept' }),
      t.request('POST', '/api/v1/admin/complaints', { token: s.token, body: { ...complaintBody(), channel: 'phone' } }),
      t.request('POST', `/api/v1/admin/complaints/${id}/tickets`, { token: s.token, body: { ticket: 'YY20260302-000001' } }),
    ];
    for (const r of await Promise.all(calls)) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect((await t.deps.models.Complaint.findById(id).lean())!.status).toBe('registered');
  });

  it('residents cannot use the office API and staff cannot use the resident one; no token → 401', async () => {
    expect((await t.request('GET', '/api/v1/admin/complaints', { token: resident.token })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/complaints/mine', { token: officer.token })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/admin/complaints')).status).toBe(401);
  });

  it('admin may act; an officer limited to another district gets 404 for a district case', async () => {
    const id = await newCase({ districtCode: '430602' });
    const limited = await makeOfficer(t, ['complaint_officer'], { districtCodes: ['430611'] });
    expect((await t.request('GET', `/api/v1/admin/complaints/${id}`, { token: limited.token })).status).toBe(404);
    expect((await staffAct(t, limited.token, id, { action: 'accept' })).status).toBe(404);
    const list = await t.request('GET', '/api/v1/admin/complaints?pageSize=100', { token: limited.token });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const outside = await t.request('POST', '/api/v1/admin/complaints', { token: limited.token, body: { ...complaintBody({ districtCode: '430602' }), channel: 'visit' } });
    expect(outside.status).toBe(403);
    const ok = await staffAct(t, admin.token, id, { action: 'accept' });
    expect(ok.status).toBe(200);
    expect(ok.body.district).toEqual({ code: '430602', name: '岳阳楼区' });
    expect(ok.body.petitioner.idNumberMasked).toBe('430***********1237');
    expect((await t.request('POST', `/api/v1/admin/complaints/${id}/reveal-id`, { token: admin.token })).body.idNumber).toBe(ID_A);
  });

  it('lists show the ID number masked only', async () => {
    const list = await t.request('GET', '/api/v1/admin/complaints?pageSize=100', { token: officer.token });
    expect(list.status).toBe(200);
    expect(list.body.items[0].idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(JSON.stringify(list.body)).not.toContain(ID_A);
    const byId = await t.request('POST', '/api/v1/admin/complaints/search', { token: officer.token, body: { idNumber: ID_B.toLowerCase() } });
    expect(byId.status).toBe(200);
    expect(byId.body.total).toBe(1);
    const bad = await t.request('POST', '/api/v1/admin/complaints/search', { token: officer.token, body: { idNumber: '123' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('idNumber');
  });
});

describe('linked tickets', () => {
  it('link by tracking number, idempotent; listed by ticketId; unlink', async () => {
    const report = await fileReport(t, resident.token);
    expect(report.status).toBe(201);
    const id = await newCase();
    const linked = await t.request('POST', `/api/v1/admin/complaints/${id}/tickets`, { token: officer.token, body: { ticket: report.body.trackingNo } });
    expect(linked.status).toBe(200);
    expect(linked.body.linkedTickets).toEqual([expect.objectContaining({ id: report.body.id, trackingNo: report.body.trackingNo, status: 'submitted' })]);
    const again = await t.request('POST', `/api/v1/admin/complaints/${id}/tickets`, { token: officer.token, body: { ticket: report.body.id } });
    expect(again.body.linkedTickets).toHaveLength(1);
    const byTicket = await t.request('GET', `/api/v1/admin/complaints?ticketId=${report.body.id}`, { token: officer.token });
    expect(byTicket.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const unknown = await t.request('POST', `/api/v1/admin/complaints/${id}/tickets`, { token: officer.token, body: { ticket: 'YY20200101-000001' } });
    expect(unknown.status).toBe(422);
    const un = await t.request('DELETE', `/api/v1/admin/complaints/${id}/tickets/${report.body.id}`, { token: officer.token });
    expect(un.status).toBe(200);
    expect(un.body.linkedTickets).toEqual([]);
    expect((await t.request('DELETE', `/api/v1/admin/complaints/${id}/tickets/${report.body.id}`, { token: officer.token })).status).toBe(404);
    const mine = await t.request('GET', `/api/v1/complaints/${id}`, { token: resident.token });
    expect(mine.body.timeline.map((e: { type: string }) => e.type)).toEqual(['registered']);
  });
});
