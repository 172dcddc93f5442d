import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWechat, type FakeWechat } from '../../integrations/wechat/fake-server.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { deliverDueOutbox } from '../../jobs/deliver-outbox.js';
import { departmentOf, makeStaff, YUEYANGLOU_CODE, type StaffFixture } from '../../testing/tickets.js';
import { complaintBody, CONCLUDE, fileComplaint, makeOfficer, staffAct } from '../../testing/complaints.js';
import { makeWeappResident } from '../../testing/notifications.js';

/** 信访答复通知: the petitioner who filed in the mini-program hears of each written reply, once. */

const CONCLUDED_TPL = 'TPL_COMPLAINT_CONCLUDED_00000000000000000000004';
let wx: FakeWechat;
let t: TestServer;
let officer: StaffFixture;
let dept: { id: string; name: string };

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startTestServer({ env: { WECHAT_APPID: 'wx-complaint-test', WECHAT_SECRET: 'secret-complaint', WECHAT_API_BASE: wx.url } });
  const admin = await makeStaff(t, ['admin']);
  officer = await makeOfficer(t);
  dept = await departmentOf(t, YUEYANGLOU_CODE);
  const items = [
    { event: 'complaint.concluded', templateId: CONCLUDED_TPL, page: 'packages/complaints/pages/detail/index', fields: { character_string1: 'trackingNo', phrase2: 'statusLabel', thing3: 'reply', time4: 'eventTime' } },
  ];
  expect((await t.request('PUT', '/api/v1/admin/notification-templates', { token: admin.token, body: { items } })).status).toBe(200);
}, 90_000);
afterAll(async () => {
  await t?.close();
  await wx?.close();
});

async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) if (Object.keys(await deliverDueOutbox(t.deps)).length === 0) return;
}

describe('信访答复通知', () => {
  it('a written reply sends one message with the case number and the reply, spends one credit, and nothing without a credit', async () => {
    const r = await makeWeappResident(t);
    expect((await t.request('POST', '/api/v1/me/subscriptions', { token: r.token, body: { results: { [CONCLUDED_TPL]: 'accept' } } })).status).toBe(200);
    const filed = await fileComplaint(t, r.token);
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    expect((await staffAct(t, officer.token, id, { action: 'accept' })).status).toBe(200);
    expect((await staffAct(t, officer.token, id, { action: 'assign', departmentId: dept.id })).status).toBe(200);
    await drain();
    expect(wx.messages.filter((m) => m.touser === r.openid)).toHaveLength(0);

    const done = await staffAct(t, officer.token, id, { action: 'conclude', ...CONCLUDE });
    expect(done.status).toBe(200);
    await Promise.all([deliverDueOutbox(t.deps, { by: 'w1' }), deliverDueOutbox(t.deps, { by: 'w2' })]);
    await drain();
    const sent = wx.messages.filter((m) => m.touser === r.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: CONCLUDED_TPL, page: `packages/complaints/pages/detail/index?id=${id}` });
    expect(sent[0]!.data.character_string1!.value).toBe(filed.body.caseNo);
    expect(sent[0]!.data.phrase2!.value).toBe('已答复');
    expect(sent[0]!.data.thing3!.value).toBe(Array.from(CONCLUDE.reply).slice(0, 20).join(''));
    const stored = await t.deps.connection.db!.collection('outbox_deliveries').find({ complaintId: id }).toArray();
    expect(stored.map((d) => [d.event, d.state])).toEqual([['concluded', 'sent']]);
    const credits = await t.request('GET', '/api/v1/me/subscriptions', { token: r.token });
    expect(credits.body.items).toEqual([{ templateId: CONCLUDED_TPL, credits: 0, choice: 'accept' }]);

    // the next reply (复查意见) finds no credit left: recorded as skipped, nothing sent
    const review = await t.request('POST', `/api/v1/complaints/${id}/actions`, { token: r.token, body: { action: 'request_review', reason: '对处理意见不服' } });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect((await staffAct(t, officer.token, id, { action: 'conclude_review', ...CONCLUDE })).status).toBe(200);
    await drain();
    expect(wx.messages.filter((m) => m.touser === r.openid)).toHaveLength(1);
    const after = await t.deps.connection.db!.collection('outbox_deliveries').find({ complaintId: id }).toArray();
    expect(after.map((d) => d.state).sort()).toEqual(['sent', 'skipped']);
  });

  it('a case registered at the desk for a walk-in petitioner (no app account) records no notice', async () => {
    const desk = await t.request('POST', '/api/v1/admin/complaints', { token: officer.token, body: { ...complaintBody({ content: '来访反映：夜间施工噪音扰民' }), channel: 'visit' } });
    expect(desk.status, JSON.stringify(desk.body)).toBe(201);
    const id = desk.body.id as string;
    expect((await staffAct(t, officer.token, id, { action: 'accept' })).status).toBe(200);
    expect((await staffAct(t, officer.token, id, { action: 'assign', departmentId: dept.id })).status).toBe(200);
    expect((await staffAct(t, officer.token, id, { action: 'conclude', ...CONCLUDE })).status).toBe(200);
    expect(await t.deps.connection.db!.collection('outbox_deliveries').countDocuments({ complaintId: id })).toBe(0);
  });
});
