import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketFacts } from '../../domain/stats/ticket-facts.js';
import type { TicketRecord } from '../../models/ticket.js';
import { RAISED_LIMITS, startTestServer, type TestServer } from '../../testing/harness.js';
import { act, fileReport, JUNSHAN, JUNSHAN_CODE, makeCitizen, makeStaff, makeUploadDoc, YUEYANGLOU, YUEYANGLOU_CODE, type StaffFixture } from '../../testing/tickets.js';

/** 新建工单 at the intake desk: POST /api/v1/admin/tickets. */

let t: TestServer;
let clerk: StaffFixture;
let dispatcher: StaffFixture;

beforeAll(async () => {
  t = await startTestServer({ env: { ...RAISED_LIMITS } });
  clerk = await makeStaff(t, ['intake']);
  dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const no = () => `YY${Date.now()}${randomBytes(3).toString('hex')}`;
const body = (over: Record<string, unknown> = {}) => ({
  channel: 'hotline12345',
  categoryCode: '06010',
  location: JUNSHAN,
  address: '君山区柳林洲街道某路口',
  description: '12345 转办：路口有暴露垃圾，已堆放两天',
  caller: { name: '王先生', phone: '0730-8123456' },
  ...over,
});
/** Tickets entered by these staff (their rows: reporter `staff:<id>`, an indexed equality). */
const enteredBy = async (...staff: StaffFixture[]) => {
  let n = 0;
  for (const s of staff) n += await t.deps.models.TicketRow.countDocuments({ citizenId: `staff:${s.id}` });
  return n;
};
const post = (token: string, b: unknown, headers?: Record<string, string>) => t.request('POST', '/api/v1/admin/tickets', { token, body: b, headers });

describe('POST /api/v1/admin/tickets', () => {
  it('a 受理员 enters a 12345 work order: 201, routed to its district, timed, sourced, audited, counted as 工作人员录入', async () => {
    const externalNo = no();
    const res = await post(clerk.token, body({ externalNo }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      districtCode: JUNSHAN_CODE,
      categoryCode: '06010',
      source: { kind: 'staff', channel: 'hotline12345', externalNo, label: `12345转办 · ${externalNo}`, contactName: '王先生' },
      slaClock: 'working',
      // the caller's landline, stored without separators like a resident's phone; the clerk took the call and sees it
      reporter: { anonymous: false, phone: '07308123456', phoneMasked: false },
    });
    expect(res.body.trackingNo).toMatch(/\S+/);
    const ticket = (await t.deps.models.Ticket.findById(res.body.id).lean()) as TicketRecord;
    expect(ticket.timeline[0]).toMatchObject({ type: 'created', actor: { kind: 'staff', id: clerk.id } });
    expect(ticket.dueAt.getTime()).toBeGreaterThan(ticket.createdAt.getTime());
    expect(ticketFacts(ticket).some((f) => f.c.reportedStaff === 1 && f.district === JUNSHAN_CODE)).toBe(true);
    expect(ticketFacts(ticket).some((f) => f.c.reportedResident)).toBe(false);
    const audit = await t.deps.models.AuditLog.findOne({ action: 'ticket.intake', targetId: res.body.id }).lean();
    expect(audit).toMatchObject({ actorId: clerk.id });

    // the normal loop: the district's dispatcher sees it in the queue with its source, and accepts it
    const list = await t.request('GET', `/api/v1/admin/tickets?q=${encodeURIComponent(ticket.trackingNo)}`, { token: dispatcher.token });
    expect(list.status).toBe(200);
    expect(list.body.items.find((i: { id: string }) => i.id === res.body.id)?.source).toEqual({ channel: 'hotline12345', externalNo });
    const accepted = await act(t, dispatcher.token, res.body.id, { action: 'accept' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.source).toMatchObject({ channel: 'hotline12345', externalNo });
  });

  it('the same 12345 number again → 200 with the same ticket, whatever else was typed; another channel may reuse it', async () => {
    const externalNo = no();
    const c = await makeStaff(t, ['intake']);
    const first = await post(c.token, body({ externalNo }));
    expect(first.status).toBe(201);
    const again = await post(dispatcher.token, body({ externalNo, description: '同一工单再次转办' }));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.description).toBe(first.body.description);
    expect(await enteredBy(c, dispatcher)).toBe(1);
    // a letter with the same 文号 is another thing
    const letter = await post(clerk.token, body({ externalNo, channel: 'letter' }));
    expect(letter.status).toBe(201);
    expect(letter.body.id).not.toBe(first.body.id);
  });

  it('two clerks entering the same number at the same moment → one ticket', async () => {
    const externalNo = no();
    const one = await makeStaff(t, ['intake']);
    const other = await makeStaff(t, ['intake']);
    const results = await Promise.all([post(one.token, body({ externalNo })), post(other.token, body({ externalNo })), post(one.token, body({ externalNo }))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await enteredBy(one, other)).toBe(1);
  });

  it('without a number: each entry is a new ticket (a call, a patrol finding); a repeated Idempotency-Key is one', async () => {
    const a = await post(clerk.token, body({ channel: 'phone', caller: undefined }));
    const b = await post(clerk.token, body({ channel: 'phone', caller: undefined }));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.source).toMatchObject({ kind: 'staff', channel: 'phone', label: '来电' });
    expect(a.body.reporter).toMatchObject({ anonymous: true });
    const key = `intake-${randomBytes(8).toString('hex')}`;
    const k1 = await post(clerk.token, body({ channel: 'patrol' }), { 'idempotency-key': key });
    const k2 = await post(clerk.token, body({ channel: 'patrol' }), { 'idempotency-key': key });
    expect([k1.status, k2.status]).toEqual([201, 200]);
    expect(k2.body.id).toBe(k1.body.id);
  });

  it('routes by the point: a finding in 岳阳楼区 goes to 岳阳楼区; photos the clerk uploaded are attached', async () => {
    const photo = await makeUploadDoc(t, { kind: 'staff', id: clerk.id });
    const res = await post(clerk.token, body({ channel: 'patrol', location: YUEYANGLOU, photoIds: [photo], caller: undefined }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.districtCode).toBe(YUEYANGLOU_CODE);
    expect(res.body.photos.map((p: { id: string }) => p.id)).toEqual([photo]);
    // someone else's upload is refused, naming the field
    const stranger = await makeUploadDoc(t, { kind: 'staff', id: dispatcher.id });
    const refused = await post(clerk.token, body({ channel: 'patrol', photoIds: [stranger] }));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].field).toBe('photoIds[0]');
  });

  it('an urgent category runs on the natural clock: 燃气隐患 2 小时 is due two hours after entry', async () => {
    const res = await post(clerk.token, body({ channel: 'phone', categoryCode: '90003', description: '楼道里有燃气味' }));
    expect(res.status).toBe(201);
    expect(res.body.slaClock).toBe('natural');
    const ticket = (await t.deps.models.Ticket.findById(res.body.id).lean()) as TicketRecord;
    expect(ticket.dueAt.getTime() - ticket.createdAt.getTime()).toBe(2 * 3600_000);
  });

  it('handlers, viewers and 信访专员 get 403; residents and anonymous callers 401', async () => {
    for (const roles of [['handler'], ['viewer'], ['complaint_officer']] as const) {
      const s = await makeStaff(t, [...roles]);
      const res = await post(s.token, body({ externalNo: no() }));
      expect(res.status, roles[0]).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const resident = await makeCitizen(t);
    expect((await post(resident.token, body())).status).toBe(401);
    expect((await t.request('POST', '/api/v1/admin/tickets', { body: body() })).status).toBe(401);
  });

  it('bad input: 4xx with a Chinese message naming the field, and nothing is written (the number stays free)', async () => {
    const externalNo = no();
    const c = await makeStaff(t, ['intake']);
    const cases: [Record<string, unknown>, string, number][] = [
      [body({ channel: 'fax' }), 'channel', 400],
      [body({ caller: { phone: '12345' } }), 'caller.phone', 400],
      [body({ description: '' }), 'description', 400],
      [body({ categoryCode: '99999', externalNo }), 'categoryCode', 400],
      [body({ location: { lat: 39.9, lng: 116.4 }, externalNo }), 'location', 422],
      [body({ externalNo: '带 空格' }), 'externalNo', 400],
    ];
    for (const [b, field, status] of cases) {
      const res = await post(c.token, b);
      expect(res.status, field).toBeGreaterThanOrEqual(400);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.details.map((d: { field: string }) => d.field), field).toContain(field);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await enteredBy(c)).toBe(0);
    // corrected, the same number files
    expect((await post(c.token, body({ externalNo }))).status).toBe(201);
    expect(await enteredBy(c)).toBe(1);
  });

  it('residents\' reports carry source miniapp in the staff views', async () => {
    const resident = await makeCitizen(t);
    const r = await fileReport(t, resident.token, { location: { lat: JUNSHAN.lat + 0.002, lng: JUNSHAN.lng } });
    const d = await t.request('GET', `/api/v1/admin/tickets/${r.body.id}`, { token: dispatcher.token });
    expect(d.body.source).toMatchObject({ kind: 'resident', channel: 'miniapp' });
    expect(d.body.source.externalNo).toBeUndefined();
  });
});
