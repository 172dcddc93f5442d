import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePasswordPolicy, DEFAULT_PASSWORD_POLICY, passwordProblems } from '@cgt/shared/auth/password-policy';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createStaff, loginAs } from '../../testing/staff-accounts.js';

/** mustChangePassword is enforced, and the 等保 password policy applies whenever a password is set. */

let t: TestServer;
let admin: { token: string };
const PW = 'Harbour-view-2026';

beforeAll(async () => {
  t = await startTestServer({ seed: false });
  await createStaff(t.deps.models, { username: 'boss', password: PW, roles: ['admin'] });
  admin = await loginAs(t, 'boss', PW);
});
afterAll(async () => t?.close());

async function newAccount(username: string, password = 'Initial-Pass-2026'): Promise<{ id: string; password: string }> {
  const res = await t.request('POST', '/api/v1/admin/users', { token: admin.token, body: { username, displayName: username, password, roles: ['dispatcher'] } });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, password };
}

const change = (token: string, oldPassword: string, newPassword: string) => t.request('POST', '/api/v1/auth/password', { token, body: { oldPassword, newPassword } });

describe('mustChangePassword', () => {
  it('limits the account to changing its password, /auth/me and logout', async () => {
    const acc = await newAccount('fresh.one');
    const s = await loginAs(t, 'fresh.one', acc.password);
    const blocked = await t.request('GET', '/api/v1/admin/tickets', { token: s.token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    expect((await t.request('GET', '/api/v1/admin/notifications', { token: s.token })).status).toBe(403);
    const meRes = await t.request('GET', '/api/v1/auth/me', { token: s.token });
    expect(meRes.status).toBe(200);
    expect(meRes.body.mustChangePassword).toBe(true);
    const changed = await change(s.token, acc.password, 'Lakeside-walk-2027');
    expect(changed.status).toBe(200);
    expect((await t.request('GET', '/api/v1/admin/tickets', { token: changed.body.token })).status).toBe(200);
  });

  it('an admin reset brings the restriction back', async () => {
    const acc = await newAccount('reset.one');
    const s = await loginAs(t, 'reset.one', acc.password);
    const changed = await change(s.token, acc.password, 'Lakeside-walk-2027');
    expect(changed.status).toBe(200);
    const reset = await t.request('POST', `/api/v1/admin/users/${acc.id}/reset-password`, { token: admin.token });
    expect(reset.status).toBe(200);
    const again = await loginAs(t, 'reset.one', reset.body.password);
    expect((await t.request('GET', '/api/v1/admin/tickets', { token: again.token })).body.error.code).toBe('password_change_required');
  });
});

describe('password policy (等保)', () => {
  it('is served to the console', async () => {
    const res = await t.request('GET', '/api/v1/auth/password-policy');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...DEFAULT_PASSWORD_POLICY, description: describePasswordPolicy(DEFAULT_PASSWORD_POLICY) });
  });

  it('refuses fewer than 3 character classes, the username, and short passwords', async () => {
    const acc = await newAccount('policy.one');
    const s = await loginAs(t, 'policy.one', acc.password);
    for (const weak of ['correct-horse-battery', 'alllowercase1', 'Policy.One', 'Ab1!short']) {
      const res = await change(s.token, acc.password, weak);
      expect(res.status, weak).toBe(400);
      expect(res.body.error.code).toBe('weak_password');
      expect(res.body.error.details[0].field).toBe('newPassword');
    }
  });

  it('refuses one of the last 5 passwords, allows an older one', async () => {
    const first = 'Password-zero-00';
    const acc = await newAccount('history.one', first);
    let s = await loginAs(t, 'history.one', first);
    let current = first;
    const chosen = [1, 2, 3, 4, 5].map((i) => `Password-${i}-chosen`);
    for (const pw of chosen) {
      const res = await change(s.token, current, pw);
      expect(res.status, pw).toBe(200);
      s = { ...s, token: res.body.token };
      current = pw;
    }
    for (const pw of chosen) {
      const res = await change(s.token, current, pw);
      expect(res.status, pw).toBe(400);
      expect(res.body.error.code).toBe('password_reused');
    }
    const sixth = await change(s.token, current, 'Password-6-chosen');
    expect(sixth.status).toBe(200);
    // history now holds 6, 5, 4, 3, 2: password 1 is six passwords back and may come again
    expect((await change(sixth.body.token, 'Password-6-chosen', chosen[0]!)).status).toBe(200);
    const stored = await t.deps.connection.db!.collection('staff_users').findOne({ username: 'history.one' });
    expect(stored!.passwordHistory).toHaveLength(5);
    expect(JSON.stringify(stored)).not.toContain('chosen');
  });

  it('applies to an administrator setting a password, and generated ones satisfy it', async () => {
    const weak = await t.request('POST', '/api/v1/admin/users', { token: admin.token, body: { username: 'weak.one', displayName: 'w', password: 'onlylowercaseletters', roles: ['viewer'] } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    expect(weak.body.error.details[0].field).toBe('password');
    for (let i = 0; i < 5; i++) {
      const gen = await t.request('POST', '/api/v1/admin/users', { token: admin.token, body: { username: `gen.${i}`, displayName: 'g', roles: ['viewer'] } });
      expect(gen.status).toBe(201);
      // at least 16 characters of at least 3 classes (base64url: a generated one may have - or _ and no digit)
      expect(gen.body.password).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(passwordProblems(gen.body.password, { username: `gen.${i}` }, DEFAULT_PASSWORD_POLICY)).toEqual([]);
      const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(gen.body.password)).length;
      expect(classes).toBeGreaterThanOrEqual(3);
    }
  });

  it('follows the configuration', async () => {
    const lax = await startTestServer({ seed: false, env: { PASSWORD_MIN_LENGTH: '12', PASSWORD_MIN_CLASSES: '4' } });
    try {
      await createStaff(lax.deps.models, { username: 'strict', password: PW, roles: ['viewer'] });
      const s = await loginAs(lax, 'strict', PW);
      expect((await lax.request('POST', '/api/v1/auth/password', { token: s.token, body: { oldPassword: PW, newPassword: 'Lakeside-walk-2027' } })).status).toBe(200);
      expect((await lax.request('POST', '/api/v1/auth/password', { token: s.token, body: { oldPassword: PW, newPassword: 'Lakesidewalk2027' } })).status).toBe(401); // the first change ended this session
      const s2 = await loginAs(lax, 'strict', 'Lakeside-walk-2027');
      const res = await lax.request('POST', '/api/v1/auth/password', { token: s2.token, body: { oldPassword: 'Lakeside-walk-2027', newPassword: 'Lakesidewalk2027' } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('4 类');
    } finally {
      await lax.close();
    }
  });
});
