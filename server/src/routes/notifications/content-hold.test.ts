import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWechat, type FakeWechat } from '../../integrations/wechat/fake-server.js';
import { pushSignature } from '../../integrations/wechat/push-signature.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { deliverDueOutbox } from '../../jobs/deliver-outbox.js';
import { act, departmentOf, JUNSHAN_CODE, makeStaff, makeUploadDoc, reportBody, type StaffFixture } from '../../testing/tickets.js';
import { makeWeappResident } from '../../testing/notifications.js';

/** 待审核: a report WeChat calls risky is held from立案/派遣 until a dispatcher releases it; checks that cannot run hold nothing. */

const PUSH_TOKEN = 'push-token-hold';
let wx: FakeWechat;
let t: TestServer;
let dispatcher: StaffFixture;
let handler: StaffFixture;
let dept: { id: string; name: string };

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startTestServer({
    env: { WECHAT_APPID: 'wx-hold-test', WECHAT_SECRET: 'secret-hold', WECHAT_API_BASE: wx.url, WECHAT_PUSH_TOKEN: PUSH_TOKEN, PUBLIC_BASE_URL: 'https://cgt.example.gov.cn' },
  });
  dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id] });
}, 90_000);
afterAll(async () => {
  await t?.close();
  await wx?.close();
});

const stored = (id: string) => t.deps.connection.db!.collection('tickets').findOne({ _id: new Types.ObjectId(id) });
const detail = (id: string) => t.request('GET', `/api/v1/admin/tickets/${id}`, { token: dispatcher.token });
const release = (token: string, id: string, body: Record<string, unknown> = {}) => t.request('POST', `/api/v1/admin/tickets/${id}/content-release`, { token, body });

async function fileChecked(description: string, photos = 0): Promise<{ id: string; resident: string }> {
  const r = await makeWeappResident(t);
  const photoIds = [];
  for (let i = 0; i < photos; i++) photoIds.push(await makeUploadDoc(t, { kind: 'citizen', id: r.id }));
  const res = await t.request('POST', '/api/v1/reports', { token: r.token, body: reportBody({ description, photoIds }), headers: { 'idempotency-key': randomUUID() } });
  expect(res.status).toBe(201);
  await deliverDueOutbox(t.deps);
  return { id: res.body.id as string, resident: r.token };
}

describe('待审核 (content hold)', () => {
  it('risky text holds the report: listed with the label, 立案 refused until a dispatcher releases it', async () => {
    const { id, resident } = await fileChecked('有人在路边聚众赌博，还乱扔垃圾');
    expect((await stored(id))!.contentHold).toMatchObject({ state: 'held', source: 'text', label: 20006 });

    const list = await t.request('GET', '/api/v1/admin/tickets?status=submitted&pageSize=100', { token: dispatcher.token });
    expect(list.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ contentHeld: true });
    const d = await detail(id);
    expect(d.body.contentHold).toMatchObject({ state: 'held', source: 'text' });
    // the console offers only what a hold allows: 不予立案, not 受理立案
    expect(d.body.allowedActions).toContain('reject');
    expect(d.body.allowedActions).not.toContain('accept');
    expect(d.body.timeline.at(-1)).toMatchObject({ type: 'noted', note: '内容安全检测提示文字存在风险，待人工审核' });

    const before = (await stored(id))!.version;
    const refused = await act(t, dispatcher.token, id, { action: 'accept' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'content_held', details: [{ field: 'action' }] });
    expect((await stored(id))!).toMatchObject({ status: 'submitted', version: before });
    // the resident sees the report as usual (the check's note is internal)
    const mine = await t.request('GET', `/api/v1/reports/${id}`, { token: resident });
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).not.toContain('内容安全');

    expect((await release(handler.token, id)).status).toBe(404);
    const ok = await release(dispatcher.token, id, { note: '看过照片，是正常的垃圾问题' });
    expect(ok.status).toBe(200);
    expect(ok.body.contentHold).toMatchObject({ state: 'released', releasedByName: dispatcher.displayName });
    expect(ok.body.contentHeld).toBeUndefined();
    expect(ok.body.allowedActions).toContain('accept');
    expect(ok.body.timeline.at(-1)).toMatchObject({ type: 'noted', note: '内容审核通过，已放行：看过照片，是正常的垃圾问题' });
    expect((await release(dispatcher.token, id)).body.error).toMatchObject({ code: 'invalid_transition' });
    expect((await act(t, dispatcher.token, id, { action: 'accept' })).status).toBe(200);
    expect((await act(t, dispatcher.token, id, { action: 'dispatch', departmentId: dept.id })).status).toBe(200);
  });

  it('a risky photo verdict arriving by push holds it too; 不予立案 stays possible while held', async () => {
    const { id } = await fileChecked('井盖缺失，很危险', 1);
    expect((await stored(id))!.contentHold ?? null).toBeNull();
    const media = await t.deps.connection.db!.collection('content_checks').findOne({ ticketId: id, kind: 'media' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const q = new URLSearchParams({ timestamp, nonce: 'n1', signature: pushSignature(PUSH_TOKEN, timestamp, 'n1') }).toString();
    const event = { ToUserName: 'gh_x', FromUserName: 'oX', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx-hold-test', trace_id: media!._id, version: 2, result: { suggest: 'risky', label: 20002 } };
    expect((await t.request('POST', `/api/v1/wechat/push?${q}`, { body: event })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/wechat/push?${q}`, { body: event })).status).toBe(200);
    const s = (await stored(id))!;
    expect(s.contentHold).toMatchObject({ state: 'held', source: 'media', label: 20002 });
    expect(s.timeline.filter((e: { note?: string }) => e.note?.startsWith('内容安全检测'))).toHaveLength(1);
    expect((await act(t, dispatcher.token, id, { action: 'transfer', districtCode: '430602', reason: '属岳阳楼区' })).body.error).toMatchObject({ code: 'content_held' });
    const rejected = await act(t, dispatcher.token, id, { action: 'reject', reason: '照片含违规内容，不予受理' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
  });

  it('fails open: a check that cannot run holds nothing', async () => {
    const { id } = await fileChecked('http-500 路灯不亮');
    expect((await stored(id))!.contentHold ?? null).toBeNull();
    expect((await act(t, dispatcher.token, id, { action: 'accept' })).status).toBe(200);
  });
});
