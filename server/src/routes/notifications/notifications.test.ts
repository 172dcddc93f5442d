import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWechat, type FakeWechat } from '../../integrations/wechat/fake-server.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { deliverDueOutbox } from '../../jobs/deliver-outbox.js';
import { SENDING_LEASE_MS } from '../../commands/notifications/deliver.js';
import { act, departmentOf, fileReport, JUNSHAN_CODE, makeStaff, type StaffFixture } from '../../testing/tickets.js';
import { makeWeappResident, TEMPLATE_CONFIG, TEMPLATES } from '../../testing/notifications.js';

let wx: FakeWechat;
let t: TestServer;
let clock: Date | null = null;
let admin: StaffFixture;
let dispatcher: StaffFixture;
let handler: StaffFixture;
let dept: { id: string; name: string };

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startTestServer({
    env: { WECHAT_APPID: 'wx-outbox-test', WECHAT_SECRET: 'secret-outbox', WECHAT_API_BASE: wx.url },
    now: () => clock ?? new Date(),
  });
  admin = await makeStaff(t, ['admin']);
  dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id] });
  const put = await t.request('PUT', '/api/v1/admin/notification-templates', { token: admin.token, body: { items: TEMPLATE_CONFIG } });
  expect(put.status).toBe(200);
}, 90_000);
afterAll(async () => {
  await t?.close();
  await wx?.close();
});

const db = () => t.deps.connection.db!;
const delivery = (id: string) => db().collection('outbox_deliveries').findOne({ _id: id as never });
const deliveriesOf = (ticketId: string) => db().collection('outbox_deliveries').find({ ticketId }).toArray();
const messagesTo = (openid: string) => wx.messages.filter((m) => m.touser === openid);
const subscribe = (token: string, results: Record<string, string>) => t.request('POST', '/api/v1/me/subscriptions', { token, body: { results } });

/** Runs the job until nothing due is left (each run handles a page). */
async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await deliverDueOutbox(t.deps);
    if (Object.keys(r).length === 0) return;
  }
}

async function acceptedTicket(token: string): Promise<string> {
  const r = await fileReport(t, token);
  expect(r.status).toBe(201);
  expect((await act(t, dispatcher.token, r.body.id, { action: 'accept' })).status).toBe(200);
  return r.body.id as string;
}

describe('POST /api/v1/me/subscriptions', () => {
  it('each accept adds one credit; reject is kept; filter changes nothing', async () => {
    const r = await makeWeappResident(t);
    expect((await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' })).body.items).toEqual([{ templateId: TEMPLATES.accepted, credits: 1, choice: 'accept' }]);
    const two = await subscribe(r.token, { [TEMPLATES.accepted]: 'accept', [TEMPLATES.resolved]: 'reject', [TEMPLATES.rejected]: 'filter' });
    expect(two.status).toBe(200);
    expect(two.body.items).toEqual([
      { templateId: TEMPLATES.accepted, credits: 2, choice: 'accept' },
      { templateId: TEMPLATES.resolved, credits: 0, choice: 'reject' },
    ]);
    expect((await t.request('GET', '/api/v1/me/subscriptions', { token: r.token })).body.items).toHaveLength(2);
  });

  it('is exact under concurrent taps', async () => {
    const r = await makeWeappResident(t);
    const res = await Promise.all(Array.from({ length: 8 }, () => subscribe(r.token, { [TEMPLATES.accepted]: 'accept' })));
    expect(res.every((x) => x.status === 200)).toBe(true);
    const stored = await db().collection('subscription_credits').findOne({ _id: `${r.id}:${TEMPLATES.accepted}` as never });
    expect(stored).toMatchObject({ credits: 8, choice: 'accept' });
  });

  it('with an Idempotency-Key, a repeated call (a retry after a cut connection) is recorded once', async () => {
    const r = await makeWeappResident(t);
    const send = (key: string, results: Record<string, string>) => t.request('POST', '/api/v1/me/subscriptions', { token: r.token, body: { results }, headers: { 'idempotency-key': key } });
    const first = await send('answer-key-1', { [TEMPLATES.accepted]: 'accept' });
    expect(first.status).toBe(200);
    const again = await send('answer-key-1', { [TEMPLATES.accepted]: 'accept' });
    expect(again.status).toBe(200);
    expect(again.body.items).toEqual([{ templateId: TEMPLATES.accepted, credits: 1, choice: 'accept' }]);
    const reused = await send('answer-key-1', { [TEMPLATES.accepted]: 'reject' });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect((await send('bad key', { [TEMPLATES.accepted]: 'accept' })).status).toBe(400);
    expect((await send('answer-key-2', { [TEMPLATES.accepted]: 'accept' })).body.items[0].credits).toBe(2); // a new answer counts
  });

  it('rejects bad input and non-residents', async () => {
    const r = await makeWeappResident(t);
    expect((await subscribe(r.token, { 'bad id!': 'accept' })).status).toBe(400);
    expect((await subscribe(r.token, { [TEMPLATES.accepted]: 'maybe' })).status).toBe(400);
    expect((await subscribe(r.token, {})).status).toBe(400);
    expect((await subscribe(admin.token, { [TEMPLATES.accepted]: 'accept' })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/me/subscriptions', { body: { results: { [TEMPLATES.accepted]: 'accept' } } })).status).toBe(401);
  });
});

describe('outbox delivery', () => {
  it('sends one subscribe message per credit, fitted to the template, and spends the credit', async () => {
    const r = await makeWeappResident(t);
    await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' });
    const id = await acceptedTicket(r.token);
    await drain();
    const sent = messagesTo(r.openid);
    expect(sent).toHaveLength(1);
    const ticket = await db().collection('tickets').findOne({ _id: new (await import('mongoose')).Types.ObjectId(id) });
    expect(sent[0]).toMatchObject({
      template_id: TEMPLATES.accepted,
      page: `packages/reports/pages/detail/index?id=${id}`,
      miniprogram_state: 'formal',
      lang: 'zh_CN',
      data: { character_string1: { value: ticket!.trackingNo }, thing2: { value: '暴露垃圾' }, phrase3: { value: '已受理' }, time4: { value: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/) } },
    });
    const entry = (ticket!.outbox as { _id: string; event: string }[]).find((e) => e.event === 'accepted')!;
    expect(sent[0]!.deliveryKey).toBe(entry._id);
    expect(await delivery(entry._id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect((await subscribe(r.token, { [TEMPLATES.accepted]: 'filter' })).body.items[0].credits).toBe(0);
    await drain();
    expect(messagesTo(r.openid)).toHaveLength(1);
  });

  it('sends nothing without a credit, and respects reject', async () => {
    const none = await makeWeappResident(t);
    const refused = await makeWeappResident(t);
    await subscribe(refused.token, { [TEMPLATES.accepted]: 'accept' });
    await subscribe(refused.token, { [TEMPLATES.accepted]: 'reject' });
    const a = await acceptedTicket(none.token);
    const b = await acceptedTicket(refused.token);
    await drain();
    expect(messagesTo(none.openid)).toHaveLength(0);
    expect(messagesTo(refused.openid)).toHaveLength(0);
    for (const id of [a, b]) {
      const d = (await deliveriesOf(id)).find((x) => x.event === 'accepted')!;
      expect(d).toMatchObject({ state: 'skipped' });
    }
  });

  it('retries a busy WeChat with backoff, then sends once; the credit is spent once', async () => {
    const r = await makeWeappResident(t);
    await subscribe(r.token, { [TEMPLATES.accepted]: 'accept', [TEMPLATES.resolved]: 'accept' });
    const id = await acceptedTicket(r.token);
    wx.sendReplies.push(-1, 'http-500');
    await drain();
    const d1 = (await deliveriesOf(id)).find((x) => x.event === 'accepted')!;
    expect(d1).toMatchObject({ state: 'pending', attempts: 1, lastError: { errcode: -1 } });
    const wait = d1.nextAt.getTime() - d1.updatedAt.getTime();
    expect(wait).toBeGreaterThanOrEqual(59_000);
    expect(wait).toBeLessThanOrEqual(61_000);
    try {
      clock = new Date(Date.now() + 61_000);
      await drain();
      expect(await delivery(d1._id as unknown as string)).toMatchObject({ state: 'pending', attempts: 2 });
      clock = new Date(Date.now() + 61_000 + 5 * 60_000 + 1000);
      await drain();
    } finally {
      clock = null;
    }
    expect(await delivery(d1._id as unknown as string)).toMatchObject({ state: 'sent', attempts: 3 });
    expect(messagesTo(r.openid)).toHaveLength(1);
    const credit = await db().collection('subscription_credits').findOne({ _id: `${r.id}:${TEMPLATES.accepted}` as never });
    expect(credit).toMatchObject({ credits: 0 });
  });

  it('47003 is a dead letter naming the key, refunds the credit, and an admin can send it again', async () => {
    const r = await makeWeappResident(t);
    await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' });
    const id = await acceptedTicket(r.token);
    wx.sendReplies.push({ errcode: 47003, errmsg: 'argument invalid! data.thing2.value exceeds limit rid: 1' });
    await drain();
    const d = (await deliveriesOf(id)).find((x) => x.event === 'accepted')!;
    expect(d).toMatchObject({ state: 'dead', lastError: { errcode: 47003, key: 'thing2' } });
    expect(await db().collection('subscription_credits').findOne({ _id: `${r.id}:${TEMPLATES.accepted}` as never })).toMatchObject({ credits: 1 });

    const list = await t.request('GET', '/api/v1/admin/outbox?state=dead&pageSize=100', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items.find((i: { id: string }) => i.id === String(d._id))).toMatchObject({ ticketId: id, event: 'accepted', lastError: { errcode: 47003, key: 'thing2' } });
    expect((await t.request('GET', '/api/v1/admin/outbox', { token: dispatcher.token })).status).toBe(403);
    // the final states grow with every ticket: not listed (400 naming the field), only dead / pending / sending
    const sentList = await t.request('GET', '/api/v1/admin/outbox?state=sent', { token: admin.token });
    expect(sentList.status).toBe(400);
    expect(sentList.body.error.details[0]).toMatchObject({ field: 'query.state' });

    const retry = await t.request('POST', `/api/v1/admin/outbox/${d._id}/retry`, { token: admin.token });
    expect(retry.status).toBe(200);
    expect((await t.request('POST', `/api/v1/admin/outbox/${d._id}/retry`, { token: admin.token })).status).toBe(409);
    await drain();
    expect(await delivery(d._id as unknown as string)).toMatchObject({ state: 'sent' });
    expect(messagesTo(r.openid)).toHaveLength(1);
  });

  it('43101 is recorded as refused, not retried, and leaves no credit', async () => {
    const r = await makeWeappResident(t);
    await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' });
    await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' });
    const id = await acceptedTicket(r.token);
    wx.sendReplies.push(43101);
    await drain();
    expect((await deliveriesOf(id)).find((x) => x.event === 'accepted')).toMatchObject({ state: 'refused', attempts: 1 });
    expect(await db().collection('subscription_credits').findOne({ _id: `${r.id}:${TEMPLATES.accepted}` as never })).toMatchObject({ credits: 0 });
  });

  it('a lost response is not sent again (may have been delivered) and keeps the credit spent', async () => {
    const r = await makeWeappResident(t);
    await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' });
    const id = await acceptedTicket(r.token);
    wx.sendReplies.push('drop');
    await drain();
    expect((await deliveriesOf(id)).find((x) => x.event === 'accepted')).toMatchObject({ state: 'dead' });
    expect(messagesTo(r.openid)).toHaveLength(1);
  });

  it('resolved: the reply’s first 20 characters', async () => {
    const r = await makeWeappResident(t);
    await subscribe(r.token, { [TEMPLATES.resolved]: 'accept' });
    const id = await acceptedTicket(r.token);
    expect((await act(t, dispatcher.token, id, { action: 'dispatch', departmentId: dept.id })).status).toBe(200);
    const reply = '已安排环卫工人清理完毕，现场已恢复整洁，感谢您的反映';
    expect((await act(t, handler.token, id, { action: 'resolve', reply })).status).toBe(200);
    await drain();
    const sent = messagesTo(r.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data.thing2!.value).toBe(Array.from(reply).slice(0, 19).join('') + '…');
  });

  it('many concurrent workers deliver each message exactly once', async () => {
    const residents = await Promise.all(Array.from({ length: 12 }, () => makeWeappResident(t)));
    for (const r of residents) await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' });
    for (const r of residents) await acceptedTicket(r.token);
    await Promise.all(Array.from({ length: 4 }, (_, i) => deliverDueOutbox(t.deps, { by: `worker-${i}` })));
    await drain();
    for (const r of residents) expect(messagesTo(r.openid)).toHaveLength(1);
    const keys = wx.messages.map((m) => m.deliveryKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a worker that died mid-delivery: back to pending if nothing was paid, dead if it may have sent', async () => {
    const r = await makeWeappResident(t);
    await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' });
    const id = await acceptedTicket(r.token);
    const d = (await deliveriesOf(id)).find((x) => x.event === 'accepted')!;
    const old = new Date(Date.now() - SENDING_LEASE_MS - 1000);
    await db().collection('outbox_deliveries').updateOne({ _id: d._id }, { $set: { state: 'sending', lease: { by: 'dead-worker', at: old }, attempts: 1 } });
    await drain();
    expect(await delivery(d._id as unknown as string)).toMatchObject({ state: 'sent' });
    expect(messagesTo(r.openid)).toHaveLength(1);

    const r2 = await makeWeappResident(t);
    await subscribe(r2.token, { [TEMPLATES.accepted]: 'accept' });
    const id2 = await acceptedTicket(r2.token);
    const d2 = (await deliveriesOf(id2)).find((x) => x.event === 'accepted')!;
    // the dead worker had paid (credit spent for this delivery, template recorded) and then vanished
    await db().collection('subscription_credits').updateOne({ _id: `${r2.id}:${TEMPLATES.accepted}` as never }, { $set: { credits: 0, spentFor: [d2._id] } });
    await db().collection('outbox_deliveries').updateOne({ _id: d2._id }, { $set: { state: 'sending', templateId: TEMPLATES.accepted, lease: { by: 'dead-worker', at: old }, attempts: 1 } });
    await drain();
    expect(await delivery(d2._id as unknown as string)).toMatchObject({ state: 'dead', lastError: { errmsg: expect.stringContaining('可能已送达') } });
    expect(messagesTo(r2.openid)).toHaveLength(0);
  });

  it('an entry whose ticket write never happened is voided after the grace period', async () => {
    const r = await makeWeappResident(t);
    const id = await acceptedTicket(r.token);
    const old = new Date(Date.now() - 10 * 60_000);
    await db().collection('outbox_deliveries').insertOne({
      _id: 'orphan-delivery-1' as never, ticketId: id, channel: 'wechat_subscribe', recipientKind: 'citizen', recipientId: r.id, event: 'accepted', text: '',
      state: 'pending', version: 0, attempts: 0, nextAt: old, lease: null, lastError: null, templateId: null, sentAt: null, createdAt: old, updatedAt: old,
    });
    await drain();
    expect(await delivery('orphan-delivery-1')).toMatchObject({ state: 'void' });
  });

  it('without WECHAT_APPID nothing goes out at all', async () => {
    const r = await makeWeappResident(t);
    await subscribe(r.token, { [TEMPLATES.accepted]: 'accept' });
    const id = await acceptedTicket(r.token);
    const before = wx.requests.length;
    const off = { ...t.deps, config: { ...t.deps.config, WECHAT_APPID: '', WECHAT_SECRET: '' } };
    for (let i = 0; i < 5; i++) await deliverDueOutbox(off);
    expect(wx.requests.length).toBe(before);
    expect((await deliveriesOf(id)).find((x) => x.event === 'accepted')).toMatchObject({ state: 'skipped' });
  });
});

describe('notification templates', () => {
  it('say when WeChat is not configured (the console warns: no messages, no content checks)', async () => {
    const bare = await startTestServer({ seed: false });
    try {
      const a = await makeStaff(bare, ['admin']);
      const get = await bare.request('GET', '/api/v1/admin/notification-templates', { token: a.token });
      expect(get.status).toBe(200);
      expect(get.body.wechat).toEqual({ configured: false, mediaChecks: false });
    } finally {
      await bare.close();
    }
  });

  it('admin reads and replaces them; others may not', async () => {
    const get = await t.request('GET', '/api/v1/admin/notification-templates', { token: admin.token });
    expect(get.status).toBe(200);
    expect(get.body.items.map((i: { event: string }) => i.event).sort()).toEqual(['ticket.accepted', 'ticket.rejected', 'ticket.resolved']);
    // appid + secret set, no push token / public URL: messages and text checks run, photos are not checked
    expect(get.body.wechat).toEqual({ configured: true, mediaChecks: false });
    expect((await t.request('GET', '/api/v1/admin/notification-templates', { token: dispatcher.token })).status).toBe(403);
    const pub = await t.request('GET', '/api/v1/notification-templates');
    expect(pub.status).toBe(200);
    expect(pub.body.templates).toEqual({ 'ticket.accepted': TEMPLATES.accepted, 'ticket.rejected': TEMPLATES.rejected, 'ticket.resolved': TEMPLATES.resolved });
    const bad = await t.request('PUT', '/api/v1/admin/notification-templates', { token: admin.token, body: { items: [{ event: 'ticket.nope', templateId: 'x', fields: { thing1: 'trackingNo' } }] } });
    expect(bad.status).toBe(400);
  });
});
