import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWechat, type FakeWechat } from '../../integrations/wechat/fake-server.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';

let wx: FakeWechat;
let t: TestServer;
const ENV = { WECHAT_APPID: 'wx-test-appid', WECHAT_SECRET: 'wx-test-secret' };

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startTestServer({ seed: false, env: { ...ENV, WECHAT_API_BASE: wx.url } });
});
afterAll(async () => {
  await t?.close();
  await wx?.close();
});

const noSecrets = (body: unknown) => {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/session_key|SESSIONKEY|ACCESSTOKEN|wx-test-secret/);
};

describe('POST /api/v1/auth/wechat', () => {
  it('exchanges the code with the documented query and returns a citizen token', async () => {
    const before = wx.requests.length;
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'union-abc' } });
    expect(res.status).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.user).toEqual({ id: expect.any(String), nickname: '' });
    noSecrets(res.body);
    const req = wx.requests[before]!;
    expect(req.path).toBe('/sns/jscode2session');
    expect(req.query).toEqual({ appid: 'wx-test-appid', secret: 'wx-test-secret', js_code: 'union-abc', grant_type: 'authorization_code' });
    const citizen = await t.deps.models.Citizen.findOne({ openid: 'openid-union-abc' }).lean();
    expect(citizen).toMatchObject({ source: 'weapp', unionid: 'unionid-union-abc' });
    expect(JSON.stringify(citizen)).not.toContain('SESSIONKEY');
  });

  it('the token is a citizen token, not a staff one', async () => {
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'aud-check' } });
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.token });
    expect(me.status).toBe(401);
  });

  it('upserts: the same openid logs in as the same resident', async () => {
    const a = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'same' } });
    const b = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'same' } });
    expect(a.body.user.id).toBe(b.body.user.id);
    expect(await t.deps.models.Citizen.countDocuments({ openid: 'openid-same' })).toBe(1);
  });

  it('errcode 40029 → 401 wechat_login_failed with the errcode in details', async () => {
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'bad-code' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('wechat_login_failed');
    expect(res.body.error.details[0]).toMatchObject({ errcode: 40029, errmsg: 'invalid code' });
  });

  it('errcode 45011 (rate limit) → 401 wechat_login_failed', async () => {
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'busy' } });
    expect(res.status).toBe(401);
    expect(res.body.error.details[0].errcode).toBe(45011);
  });

  it('an HTTP error from WeChat → 502 wechat_unavailable', async () => {
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'http-500' } });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('wechat_unavailable');
  });

  it('WeChat not answering within 5 s → 502 wechat_unavailable', async () => {
    const started = Date.now();
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'hang' } });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('wechat_unavailable');
    expect(Date.now() - started).toBeLessThan(9000);
  }, 15_000);

  it('missing code → 400 naming the field, no call to WeChat', async () => {
    const before = wx.requests.length;
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('code');
    expect(wx.requests.length).toBe(before);
  });
});

describe('POST /api/v1/auth/wechat-h5', () => {
  it('uses sns/oauth2/access_token and never returns the access token', async () => {
    const before = wx.requests.length;
    const res = await t.request('POST', '/api/v1/auth/wechat-h5', { body: { code: 'h5code' } });
    expect(res.status).toBe(200);
    noSecrets(res.body);
    const req = wx.requests[before]!;
    expect(req.path).toBe('/sns/oauth2/access_token');
    expect(req.query).toEqual({ appid: 'wx-test-appid', secret: 'wx-test-secret', code: 'h5code', grant_type: 'authorization_code' });
    expect(await t.deps.models.Citizen.findOne({ openid: 'openid-h5code' }).lean()).toMatchObject({ source: 'h5' });
  });

  it('errcode → 401 wechat_login_failed', async () => {
    const res = await t.request('POST', '/api/v1/auth/wechat-h5', { body: { code: 'bad-code' } });
    expect(res.status).toBe(401);
    expect(res.body.error.details[0].errcode).toBe(40029);
  });
});

describe('WeChat unreachable', () => {
  it('a refused connection → 502 wechat_unavailable', async () => {
    // a port that was free a moment ago: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const t2 = await startTestServer({ seed: false, env: { ...ENV, WECHAT_API_BASE: `http://127.0.0.1:${port}` } });
    try {
      const res = await t2.request('POST', '/api/v1/auth/wechat', { body: { code: 'x' } });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('wechat_unavailable');
      noSecrets(res.body);
    } finally {
      await t2.close();
    }
  });
});

describe('WeChat not configured', () => {
  it('WECHAT_APPID empty → 503 wechat_not_configured, and no call goes out', async () => {
    const t2 = await startTestServer({ seed: false, env: { WECHAT_API_BASE: wx.url } });
    const before = wx.requests.length;
    try {
      for (const path of ['/api/v1/auth/wechat', '/api/v1/auth/wechat-h5']) {
        const res = await t2.request('POST', path, { body: { code: 'x' } });
        expect(res.status).toBe(503);
        expect(res.body.error).toMatchObject({ code: 'wechat_not_configured', message: expect.stringMatching(/微信/) });
      }
      expect(wx.requests.length).toBe(before);
    } finally {
      await t2.close();
    }
  });
});

describe('POST /api/v1/auth/demo', () => {
  it('is 404 unless DEMO_LOGIN is on', async () => {
    const res = await t.request('POST', '/api/v1/auth/demo', { body: { nickname: '张三' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('with DEMO_LOGIN=1 creates and then reuses a demo resident by nickname', async () => {
    const t2 = await startTestServer({ seed: false, env: { DEMO_LOGIN: '1' } });
    try {
      const a = await t2.request('POST', '/api/v1/auth/demo', { body: { nickname: '张三' } });
      expect(a.status).toBe(200);
      expect(a.body.user).toEqual({ id: expect.any(String), nickname: '张三' });
      const b = await t2.request('POST', '/api/v1/auth/demo', { body: { nickname: '张三' } });
      expect(b.body.user.id).toBe(a.body.user.id);
      expect(await t2.deps.models.Citizen.findOne({ openid: 'demo:张三' }).lean()).toMatchObject({ source: 'demo' });
    } finally {
      await t2.close();
    }
  });
});
