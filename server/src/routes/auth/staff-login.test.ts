import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createStaff, loginAs } from '../../testing/staff-accounts.js';

let t: TestServer;
let clock = new Date('2026-11-27T08:00:00Z');
const PW = 'correct-horse-battery';

beforeAll(async () => {
  // the per-(account, IP) lock that replaced the in-memory rate limit is tested in login-throttle.test.ts
  t = await startTestServer({ seed: false, now: () => clock });
  await createStaff(t.deps.models, { username: 'alice', password: PW, roles: ['dispatcher'], districtCodes: ['430602'] });
  await createStaff(t.deps.models, { username: 'locky', password: PW, roles: ['viewer'] });
  await createStaff(t.deps.models, { username: 'ghost', password: PW, roles: ['viewer'], disabled: true });
  await createStaff(t.deps.models, { username: 'rotor', password: PW, roles: ['viewer'] });
  await createStaff(t.deps.models, { username: 'changer', password: PW, roles: ['viewer'] });
});
afterAll(async () => t?.close());

const login = (username: string, password: string, ip?: string) =>
  t.request('POST', '/api/v1/auth/login', { body: { username, password }, headers: ip ? { 'x-forwarded-for': ip } : {} });

describe('POST /api/v1/auth/login', () => {
  it('returns a staff token with tv, a refresh token and the user', async () => {
    const res = await login('alice', PW);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      username: 'alice',
      displayName: 'alice',
      roles: ['dispatcher'],
      districtCodes: ['430602'],
      departmentIds: [],
      mustChangePassword: false,
    });
    expect(res.body.refreshToken).toMatch(/^[\w-]{40,}$/);
    const claims = jwt.decode(res.body.token) as { aud: string; tv: number; sub: string };
    expect(claims).toMatchObject({ aud: 'staff', tv: 0, sub: res.body.user.id });
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('alice');
  });

  it('wrong password and unknown user give the same 401 invalid_credentials', async () => {
    const a = await login('alice', 'wrong-password-1');
    const b = await login('nobody-here', 'wrong-password-1');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error.code).toBe('invalid_credentials');
    expect(b.body.error).toEqual(a.body.error);
  });

  it('stores no refresh token in clear', async () => {
    const res = await login('alice', PW);
    const stored = await t.deps.models.RefreshToken.find({}).lean();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(res.body.refreshToken);
  });

  it('a disabled account → 403 account_disabled (only with the right password)', async () => {
    expect((await login('ghost', 'wrong-password-1')).body.error.code).toBe('invalid_credentials');
    const res = await login('ghost', PW);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_disabled');
  });

  it('5 failures within 15 min lock the account for 15 min, even for the right password', async () => {
    clock = new Date('2026-11-27T09:00:00Z');
    for (let i = 0; i < 4; i++) {
      clock = new Date(clock.getTime() + 60_000);
      expect((await login('locky', `bad-password-${i}`)).status).toBe(401);
    }
    clock = new Date(clock.getTime() + 60_000);
    const fifth = await login('locky', 'bad-password-5');
    expect(fifth.status).toBe(423);
    const lockedAt = clock;
    const right = await login('locky', PW);
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
    expect(right.body.error.details[0].lockedUntil).toBe(new Date(lockedAt.getTime() + 15 * 60_000).toISOString());
    clock = new Date(lockedAt.getTime() + 14 * 60_000);
    expect((await login('locky', PW)).status).toBe(423);
    clock = new Date(lockedAt.getTime() + 15 * 60_000);
    expect((await login('locky', PW)).status).toBe(200);
    const audit = await t.deps.models.AuditLog.find({ action: { $in: ['auth.account_locked', 'auth.login_locked'] } }).lean();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.account_locked', 'auth.login_locked']));
  });

  it('concurrent failures still lock the account (atomic counters, no lost lock)', async () => {
    clock = new Date('2026-11-27T10:00:00Z');
    await createStaff(t.deps.models, { username: 'racer', password: PW, roles: ['viewer'] });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login('racer', `bad-password-${i}`)));
    // 4 × 401, then the 5th failure locks and every later one sees the lock
    expect(results.filter((r) => r.status === 401)).toHaveLength(4);
    expect(results.filter((r) => r.status === 423)).toHaveLength(4);
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'auth.account_locked', actorName: 'racer' })).toBe(1);
    expect((await login('racer', PW)).status).toBe(423);
  });

  it('failures spread over more than 15 min do not lock', async () => {
    clock = new Date('2026-11-27T12:00:00Z');
    // 4 failures over 12 minutes, a pause that closes the window, then 2 more: never 5 in one window
    for (let i = 0; i < 6; i++) {
      clock = new Date(clock.getTime() + (i === 4 ? 20 : 4) * 60_000);
      expect((await login('locky', `bad-${i}-password`)).status).toBe(401);
    }
    expect((await login('locky', PW)).status).toBe(200);
  });

  it('a success resets the failure counter', async () => {
    clock = new Date('2026-11-27T14:00:00Z');
    for (let i = 0; i < 4; i++) expect((await login('locky', `bad-${i}-password`)).status).toBe(401);
    expect((await login('locky', PW)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('locky', `bad-${i}-password`)).status).toBe(401);
    expect((await login('locky', PW)).status).toBe(200);
  });

  it('logs success and failure in the audit log without secrets', async () => {
    const entries = await t.deps.models.AuditLog.find({ action: { $in: ['auth.login', 'auth.login_failed'] } }).lean();
    expect(entries.some((e) => e.action === 'auth.login')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.login_failed' && (e.details as { reason?: string }).reason === 'unknown_user')).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/correct-horse|wrong-password|bad-password/);
  });
});

describe('refresh rotation', () => {
  it('rotates, and reuse of a rotated token revokes the whole family', async () => {
    clock = new Date('2026-11-29T08:00:00Z');
    const first = await loginAs(t, 'rotor', PW);
    const r1 = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(first.refreshToken);
    expect((await t.request('GET', '/api/v1/auth/me', { token: r1.body.token })).status).toBe(200);
    const r2 = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(200);
    // replaying the first (rotated) token: reuse → the family, including r2's token, is revoked
    const replay = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('refresh_token_reused');
    const after = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: r2.body.refreshToken } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_refresh_token');
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'auth.refresh_reused' })).toBe(1);
  });

  it('two concurrent refreshes with one token: exactly one wins', async () => {
    const s = await loginAs(t, 'rotor', PW);
    const results = await Promise.all([1, 2, 3].map(() => t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    const winner = results.find((r) => r.status === 200)!;
    // the losers were replays: the family, including the winner's new token, is revoked
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: winner.body.refreshToken } })).status).toBe(401);
  });

  it('another login session is unaffected by a reused family', async () => {
    const a = await loginAs(t, 'rotor', PW);
    const b = await loginAs(t, 'rotor', PW);
    await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: a.refreshToken } });
    await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: a.refreshToken } });
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: b.refreshToken } })).status).toBe(200);
  });

  it('an expired refresh token (30 days) is refused', async () => {
    const s = await loginAs(t, 'rotor', PW);
    clock = new Date(clock.getTime() + 30 * 24 * 3600_000 + 1000);
    const res = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_refresh_token');
  });

  it('unknown token → 401; logout revokes the session', async () => {
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'nope' } })).status).toBe(401);
    const s = await loginAs(t, 'rotor', PW);
    const out = await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: s.refreshToken } });
    expect(out.status).toBe(204);
    const res = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(res.status).toBe(401);
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'auth.logout' })).toBeGreaterThan(0);
  });
});

describe('POST /api/v1/auth/password', () => {
  it('validates length, username and old password', async () => {
    const s = await loginAs(t, 'changer', PW);
    const short = await t.request('POST', '/api/v1/auth/password', { token: s.token, body: { oldPassword: PW, newPassword: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].field).toBe('newPassword');
    const wrongOld = await t.request('POST', '/api/v1/auth/password', { token: s.token, body: { oldPassword: 'not-my-password', newPassword: 'A-new-long-passw0rd' } });
    expect(wrongOld.status).toBe(422);
    expect(wrongOld.body.error.details[0].field).toBe('oldPassword');
    expect((await t.request('GET', '/api/v1/auth/me', { token: s.token })).status).toBe(200);
  });

  it('refuses a new password equal to the username', async () => {
    await createStaff(t.deps.models, { username: 'longusername1', password: PW, roles: ['viewer'] });
    const s = await loginAs(t, 'longusername1', PW);
    const res = await t.request('POST', '/api/v1/auth/password', { token: s.token, body: { oldPassword: PW, newPassword: 'LongUserName1' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('weak_password');
    expect(res.body.error.details[0].field).toBe('newPassword');
  });

  it('changes the password, bumps tokenVersion and ends the other sessions', async () => {
    const s = await loginAs(t, 'changer', PW);
    const res = await t.request('POST', '/api/v1/auth/password', { token: s.token, body: { oldPassword: PW, newPassword: 'A-brand-new-passw0rd' } });
    expect(res.status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { token: s.token })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { token: res.body.token })).status).toBe(200);
    expect((await login('changer', PW)).status).toBe(401);
    expect((await login('changer', 'A-brand-new-passw0rd')).status).toBe(200);
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'auth.password_change' })).toBe(1);
  });
});
