import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWechat, type FakeWechat } from '../../integrations/wechat/fake-server.js';
import { pushSignature } from '../../integrations/wechat/push-signature.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { deliverDueOutbox } from '../../jobs/deliver-outbox.js';
import { makeUploadDoc, reportBody } from '../../testing/tickets.js';
import { makeWeappResident } from '../../testing/notifications.js';

const PUSH_TOKEN = 'push-token-for-tests';
let wx: FakeWechat;
let t: TestServer;

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startTestServer({
    env: { WECHAT_APPID: 'wx-push-test', WECHAT_SECRET: 'secret-push', WECHAT_API_BASE: wx.url, WECHAT_PUSH_TOKEN: PUSH_TOKEN, PUBLIC_BASE_URL: 'https://cgt.example.gov.cn' },
  });
}, 90_000);
afterAll(async () => {
  await t?.close();
  await wx?.close();
});

const signed = (over: Record<string, string> = {}) => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID().slice(0, 8);
  return new URLSearchParams({ timestamp, nonce, signature: pushSignature(PUSH_TOKEN, timestamp, nonce), ...over }).toString();
};
const checks = (ticketId: string) => t.deps.connection.db!.collection('content_checks').find({ ticketId }).sort({ _id: 1 }).toArray();

async function fileChecked(description: string, photos = 1): Promise<string> {
  const r = await makeWeappResident(t);
  const photoIds = [];
  for (let i = 0; i < photos; i++) photoIds.push(await makeUploadDoc(t, { kind: 'citizen', id: r.id }));
  const res = await t.request('POST', '/api/v1/reports', { token: r.token, body: reportBody({ description, photoIds }), headers: { 'idempotency-key': randomUUID() } });
  expect(res.status).toBe(201);
  await deliverDueOutbox(t.deps);
  return res.body.id as string;
}

describe('message push endpoint', () => {
  it('GET: echoes echostr only with a valid, fresh signature', async () => {
    const ok = await fetch(`${t.url}/api/v1/wechat/push?${signed({ echostr: 'hello-123' })}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('hello-123');
    expect((await fetch(`${t.url}/api/v1/wechat/push?${signed({ echostr: 'x', signature: 'deadbeef' })}`)).status).toBe(401);
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    expect((await fetch(`${t.url}/api/v1/wechat/push?${signed({ echostr: 'x', timestamp: old, signature: pushSignature(PUSH_TOKEN, old, 'n'), nonce: 'n' })}`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/v1/wechat/push?echostr=x`)).status).toBe(401);
  });

  it('a new report’s text and photos are checked once; the photo verdict arrives by push; bad signature → 401, nothing changes', async () => {
    const id = await fileChecked('路边有人摆摊赌博，还有暴露垃圾', 1);
    await deliverDueOutbox(t.deps);
    const all = await checks(id);
    const text = all.find((c) => c.kind === 'text');
    const media = all.find((c) => c.kind === 'media');
    expect(text).toMatchObject({ _id: `text:${id}`, kind: 'text', state: 'risky', label: 20006 });
    expect(media).toMatchObject({ kind: 'media', state: 'pending' });
    const sec = wx.requests.filter((r) => r.path === '/wxa/msg_sec_check').at(-1)!;
    expect(sec.body).toMatchObject({ version: 2, scene: 2, content: '路边有人摆摊赌博，还有暴露垃圾', openid: expect.stringMatching(/^openid-/) });
    const mc = wx.requests.filter((r) => r.path === '/wxa/media_check_async').at(-1)!;
    expect(mc.body).toMatchObject({ version: 2, scene: 2, media_type: 2, media_url: expect.stringMatching(/^https:\/\/cgt\.example\.gov\.cn\/api\/v1\/files\//) });
    expect(wx.requests.filter((r) => r.path === '/wxa/msg_sec_check' && (r.body as { content: string }).content.includes('摆摊赌博'))).toHaveLength(1);

    const event = { ToUserName: 'gh_x', FromUserName: 'oX', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx-push-test', trace_id: media!._id, version: 2, result: { suggest: 'risky', label: 20002 } };
    const bad = await t.request('POST', `/api/v1/wechat/push?${signed({ signature: '0'.repeat(40) })}`, { body: event });
    expect(bad.status).toBe(401);
    const mediaNow = async () => (await checks(id)).find((c) => c.kind === 'media');
    expect(await mediaNow()).toMatchObject({ state: 'pending' });
    const good = await t.request('POST', `/api/v1/wechat/push?${signed()}`, { body: event });
    expect(good.status).toBe(200);
    expect(good.body).toBe('success');
    expect(await mediaNow()).toMatchObject({ state: 'risky', label: 20002 });
  });

  it('fails open: the check service down is recorded, the report stands', async () => {
    const id = await fileChecked('http-500 路灯不亮', 0);
    expect(await checks(id)).toMatchObject([{ kind: 'text', state: 'error' }]);
    const ticket = await t.deps.connection.db!.collection('tickets').findOne({ _id: new Types.ObjectId(id) });
    expect(ticket).toMatchObject({ status: 'submitted' });
  });
});
