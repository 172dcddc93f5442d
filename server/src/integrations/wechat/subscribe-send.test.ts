import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { getAccessToken } from './access-token.js';
import { startFakeWechat, type FakeWechat } from './fake-server.js';
import { classifyReply, sendSubscribeMessage, type SubscribeMessage } from './subscribe-send.js';

let wx: FakeWechat;
let t: TestServer;

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startTestServer({ seed: false, env: { WECHAT_APPID: 'wx-notify-test', WECHAT_SECRET: 'secret-notify', WECHAT_API_BASE: wx.url } });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await wx?.close();
});
let d: TestServer['deps'];
let appid = '';
let n = 0;
beforeEach(() => {
  // each test is its own WeChat app: no cached token, no claims of an earlier test, a fresh script
  appid = `wx-notify-${++n}`;
  d = { ...t.deps, config: { ...t.deps.config, WECHAT_APPID: appid } };
  wx.sendReplies.length = 0;
  wx.tokenTtlSeconds = 7200;
});

const tokenCalls = () => wx.requests.filter((r) => r.path === '/cgi-bin/stable_token');
const msg = (touser = 'openid-a'): SubscribeMessage => ({ touser, template_id: 'TPL_ACCEPTED', page: 'pages/index/index', data: { thing1: { value: '暴露垃圾' } }, miniprogram_state: 'formal' });

describe('access token', () => {
  it('is fetched once with the documented body and cached in the database for every process', async () => {
    const before = tokenCalls().length;
    const a = await getAccessToken(d);
    const b = await getAccessToken(d);
    expect(a).toBe(b);
    const calls = tokenCalls().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual({ grant_type: 'client_credential', appid, secret: 'secret-notify', force_refresh: false });
    const stored = await t.deps.connection.db!.collection('wechat_tokens').findOne({ _id: `access_token:${appid}` as never });
    expect(stored).toMatchObject({ token: a, forced: false });
  });

  it('many concurrent callers without a token cause one refresh', async () => {
    const before = tokenCalls().length;
    const tokens = await Promise.all(Array.from({ length: 10 }, () => getAccessToken(d)));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenCalls().length - before).toBe(1);
  });

  it('is refreshed once within 5 minutes of expiry; meanwhile the others keep the old one', async () => {
    wx.tokenTtlSeconds = 200; // already inside the refresh margin
    wx.expireToken(); // the fake has one token for all apps: make it issue a fresh one
    const old = await getAccessToken(d);
    wx.tokenTtlSeconds = 7200;
    wx.expireToken(); // so that the fake issues a new token on the next non-forced call
    const before = tokenCalls().length;
    const tokens = await Promise.all(Array.from({ length: 6 }, () => getAccessToken(d)));
    expect(tokenCalls().length - before).toBe(1);
    // whoever lost the refresh race used the old token, which is valid for minutes still
    expect(tokens.filter((x) => x !== old).length).toBeGreaterThanOrEqual(1);
    const latest = await getAccessToken(d);
    expect(latest).not.toBe(old);
    expect(tokenCalls().length - before).toBe(1);
  });
});

describe('sendSubscribeMessage', () => {
  it('sends the documented body with the token in the query', async () => {
    const before = wx.messages.length;
    expect(await sendSubscribeMessage(d, msg('openid-body'), 'key-body')).toEqual({ kind: 'sent' });
    expect(wx.messages.slice(before)).toEqual([
      { touser: 'openid-body', template_id: 'TPL_ACCEPTED', page: 'pages/index/index', data: { thing1: { value: '暴露垃圾' } }, miniprogram_state: 'formal', lang: 'zh_CN', deliveryKey: 'key-body' },
    ]);
    const req = wx.requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send').at(-1)!;
    expect(req.query.access_token).toMatch(/^TOKEN-\d+$/);
  });

  it('40001: one forced refresh, one retry; a second 40001 within 30 s forces nothing more', async () => {
    await getAccessToken(d);
    wx.invalidateToken();
    const forced = wx.forcedRefreshes;
    const before = wx.messages.length;
    expect(await sendSubscribeMessage(d, msg('openid-40001'), 'key-40001')).toEqual({ kind: 'sent' });
    expect(wx.forcedRefreshes - forced).toBe(1);
    wx.invalidateToken();
    expect(await sendSubscribeMessage(d, msg('openid-40001b'), 'key-40001b')).toEqual({ kind: 'sent' });
    expect(wx.forcedRefreshes - forced).toBe(1);
    expect(wx.messages.length - before).toBe(2);
  });

  it('42001: refresh without force, one retry', async () => {
    await getAccessToken(d);
    wx.expireToken();
    const forced = wx.forcedRefreshes;
    expect(await sendSubscribeMessage(d, msg('openid-42001'), 'key-42001')).toEqual({ kind: 'sent' });
    expect(wx.forcedRefreshes).toBe(forced);
  });

  it('maps every documented answer to what the outbox does', async () => {
    wx.sendReplies.push(43101, { errcode: 47003, errmsg: 'argument invalid! data.thing2.value exceeds limit' }, 40003, 40037, 41030, -1, 45009, 'http-500', 'drop', 99999);
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push(await sendSubscribeMessage(d, msg(`openid-map-${i}`), `key-map-${i}`));
    expect(outcomes.map((o) => o.kind)).toEqual(['refused', 'dead', 'dead', 'dead', 'dead', 'retry', 'retry', 'retry', 'uncertain', 'dead']);
    expect(outcomes[1]).toMatchObject({ errcode: 47003, key: 'thing2' });
  });

  it('WeChat unreachable → retry', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const down = { ...d, config: { ...d.config, WECHAT_API_BASE: `http://127.0.0.1:${port}` } };
    await t.deps.connection.db!.collection('wechat_tokens').insertOne({ _id: `access_token:${appid}` as never, token: 'T', expiresAt: new Date(Date.now() + 3600_000), fetchedAt: new Date(), forced: false });
    expect((await sendSubscribeMessage(down, msg(), 'key-down')).kind).toBe('retry');
  });

  it('classifyReply: success without errcode', () => {
    expect(classifyReply({ errcode: 0, errmsg: 'ok' })).toEqual({ kind: 'sent' });
  });
});
