import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createStaff, loginAs, startPeerServer } from '../../testing/staff-accounts.js';

/**
 * Sessions: an access token carries its session id (`sid`), checked against the session record,
 * so logout, refresh-token reuse, a password change and disabling an account end it at once; staff
 * sessions end after the configured idle time; claims are validated before use.
 */

let t: TestServer;
let clock = new Date('2026-12-01T08:00:00Z');
const PW = 'Harbour-view-2026';
const CACHE_MS = 400;

beforeAll(async () => {
  t = await startTestServer({ seed: false, now: () => clock, env: { SESSION_CACHE_MS: String(CACHE_MS), STAFF_SESSION_IDLE_MINUTES: '30' } });
  t.deps.wallClock = () => clock; // the session clock (deps.ts), moved by this file like the business clock
  await createStaff(t.deps.models, { username: 'admin1', password: PW, roles: ['admin'] });
  for (const u of ['leaver', 'replayer', 'changer', 'disabled1', 'idler', 'busy', 'twoproc', 'cached'])
    await createStaff(t.deps.models, { username: u, password: PW, roles: ['dispatcher'] });
});
afterAll(async () => t?.close());

const me = (token: string) => t.request('GET', '/api/v1/auth/me', { token });
const tickets = (token: string) => t.request('GET', '/api/v1/admin/tickets', { token });
const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));

describe('ending a session ends its access tokens at once', () => {
  it('logout: the access token stops working on /auth/me and /admin/tickets', async () => {
    const s = await loginAs(t, 'leaver', PW);
    expect((jwt.decode(s.token) as { sid?: string }).sid).toMatch(/^[\w-]{16,}$/);
    expect((await me(s.token)).status).toBe(200);
    expect((await tickets(s.token)).status).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(204);
    const after = await me(s.token);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('session_ended');
    expect((await tickets(s.token)).status).toBe(401);
    // another session of the same account is not touched
    const other = await loginAs(t, 'leaver', PW);
    expect((await me(other.token)).status).toBe(200);
  });

  it('refresh-token reuse: every access token of the revoked family stops working', async () => {
    const first = await loginAs(t, 'replayer', PW);
    const rotated = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(rotated.status).toBe(200);
    expect((jwt.decode(rotated.body.token) as { sid: string }).sid).toBe((jwt.decode(first.token) as { sid: string }).sid);
    expect((await me(rotated.body.token)).status).toBe(200);
    const replay = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.body.error.code).toBe('refresh_token_reused');
    for (const token of [first.token, rotated.body.token]) {
      const r = await me(token);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('session_ended');
    }
  });

  it('password change: the other sessions of the account end, the new token works', async () => {
    const a = await loginAs(t, 'changer', PW);
    const b = await loginAs(t, 'changer', PW);
    const res = await t.request('POST', '/api/v1/auth/password', { token: a.token, body: { oldPassword: PW, newPassword: 'Lakeside-walk-2027' } });
    expect(res.status).toBe(200);
    expect((await me(a.token)).status).toBe(401);
    expect((await me(b.token)).status).toBe(401);
    expect((await me(res.body.token)).status).toBe(200);
    const sessions = await t.deps.connection.db!.collection('staff_sessions').find({ userId: a.id }).toArray();
    expect(sessions.filter((s) => !s.endedAt)).toHaveLength(1);
  });

  it('an admin disabling the account ends its sessions', async () => {
    const admin = await loginAs(t, 'admin1', PW);
    const s = await loginAs(t, 'disabled1', PW);
    const res = await t.request('PATCH', `/api/v1/admin/users/${s.id}`, { token: admin.token, body: { disabled: true } });
    expect(res.status).toBe(200);
    expect((await tickets(s.token)).status).toBe(401);
    const stored = await t.deps.connection.db!.collection('staff_sessions').find({ userId: s.id }).toArray();
    expect(stored.every((x) => x.endReason === 'disabled')).toBe(true);
  });

  it('a second server process refuses an ended session within the cache window', async () => {
    const peer = await startPeerServer(t, { SESSION_CACHE_MS: String(CACHE_MS) });
    try {
      const s = await loginAs(t, 'twoproc', PW);
      expect((await peer.request('GET', '/api/v1/auth/me', { token: s.token })).status).toBe(200); // now cached on the peer
      await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: s.refreshToken } });
      const started = performance.now();
      let status = 200;
      while (status === 200 && performance.now() - started < 10_000) {
        status = (await peer.request('GET', '/api/v1/auth/me', { token: s.token })).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(401);
      // the window plus a generous margin for a busy machine
      expect(performance.now() - started).toBeLessThan(CACHE_MS + 3000);
    } finally {
      await peer.close();
    }
  });

  it('the process that ends a session does not wait for its cache', async () => {
    const s = await loginAs(t, 'cached', PW);
    expect((await me(s.token)).status).toBe(200);
    await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: s.refreshToken } });
    expect((await me(s.token)).status).toBe(401); // immediately, not after CACHE_MS
  });
});

describe('idle timeout (等保)', () => {
  it('a staff session ends after 30 minutes without a request; refresh cannot revive it', async () => {
    const s = await loginAs(t, 'idler', PW);
    minutes(29);
    expect((await me(s.token)).status).toBe(200);
    minutes(31);
    await new Promise((r) => setTimeout(r, CACHE_MS + 50));
    const res = await me(s.token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('session_expired');
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(refreshed.status).toBe(401);
  });

  it('activity keeps the session alive; last-seen is written at most once a minute', async () => {
    const s = await loginAs(t, 'busy', PW);
    const sid = (jwt.decode(s.token) as { sid: string }).sid;
    const sessions = t.deps.connection.db!.collection<{ _id: string; lastSeenAt: Date }>('staff_sessions');
    const seen0 = (await sessions.findOne({ _id: sid }))!.lastSeenAt.getTime();
    minutes(0.5);
    await new Promise((r) => setTimeout(r, CACHE_MS + 50));
    expect((await me(s.token)).status).toBe(200);
    expect((await sessions.findOne({ _id: sid }))!.lastSeenAt.getTime()).toBe(seen0); // < 1 min: no write
    for (let i = 0; i < 3; i++) {
      minutes(20);
      await new Promise((r) => setTimeout(r, CACHE_MS + 50));
      expect((await me(s.token)).status).toBe(200);
    }
    expect((await sessions.findOne({ _id: sid }))!.lastSeenAt.getTime()).toBe(clock.getTime());
  });
});

describe('token claims are validated before use', () => {
  const forge = (payload: object, opts: jwt.SignOptions = {}) =>
    jwt.sign(payload, t.deps.config.JWT_SECRET, { algorithm: 'HS256', issuer: 'chengguantong', ...opts });

  it('a citizen token whose sub is an object → 401 invalid_token (not every resident’s records)', async () => {
    const token = forge({ sub: { $ne: null } }, { audience: 'citizen', expiresIn: 3600 });
    const res = await t.request('GET', '/api/v1/reports/mine', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
  });

  it('a token without exp → 401 invalid_token', async () => {
    const citizen = await t.deps.models.Citizen.create({ openid: 'claims-test', source: 'demo', nickname: '' });
    const token = forge({ sub: String(citizen._id) }, { audience: 'citizen' });
    const res = await t.request('GET', '/api/v1/reports/mine', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
  });

  it('a staff token without sid, or with an unknown sid → 401', async () => {
    const s = await loginAs(t, 'admin1', PW);
    const claims = jwt.decode(s.token) as { sub: string; tv: number };
    const noSid = forge({ sub: claims.sub, tv: claims.tv }, { audience: 'staff', expiresIn: 600 });
    const r1 = await me(noSid);
    expect(r1.status).toBe(401);
    expect(r1.body.error.code).toBe('invalid_token');
    const badSid = forge({ sub: claims.sub, tv: claims.tv, sid: 'no-such-session-000000' }, { audience: 'staff', expiresIn: 600 });
    const r2 = await me(badSid);
    expect(r2.status).toBe(401);
    expect(r2.body.error.code).toBe('session_ended');
    const objSub = forge({ sub: { id: claims.sub }, sid: 'x'.repeat(20) }, { audience: 'staff', expiresIn: 600 });
    expect((await me(objSub)).body.error.code).toBe('invalid_token');
  });

  it('a token with another issuer or audience stays refused', async () => {
    const s = await loginAs(t, 'admin1', PW);
    const claims = jwt.decode(s.token) as { sub: string; sid: string };
    expect((await me(jwt.sign({ sub: claims.sub, sid: claims.sid }, t.deps.config.JWT_SECRET, { audience: 'staff', issuer: 'elsewhere', expiresIn: 60 }))).status).toBe(401);
    expect((await me(jwt.sign({ sub: claims.sub, sid: claims.sid }, t.deps.config.JWT_SECRET, { audience: 'citizen', issuer: 'chengguantong', expiresIn: 60 }))).status).toBe(401);
  });
});
