import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../http/auth.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createStaff } from '../../testing/staff-accounts.js';
import { changePassword } from './change-password.js';
import { logout } from './logout.js';
import { refreshSession } from './refresh-session.js';
import { staffLogin } from './staff-login.js';

/** The session commands write and audit in one place: login, refresh (a reused token), logout, password change. */

let t: TestServer;
let userId: string;
const IP = '192.0.2.9';
const PW = 'correct-horse-battery';

beforeAll(async () => {
  t = await startTestServer({ seed: false });
  userId = await createStaff(t.deps.models, { username: 'cmd-sess', password: PW, roles: ['dispatcher'], displayName: '会话甲' });
});
afterAll(async () => t?.close());

const actions = async () => (await t.deps.models.AuditLog.find({ targetId: userId }).sort({ at: 1, _id: 1 }).lean()).map((e) => e.action);

describe('staff session commands', () => {
  it('login returns the account record; a reused refresh token is audited and refused; logout ends the session and is audited', async () => {
    const login = await staffLogin(t.deps, { username: 'cmd-sess', password: PW, ip: IP });
    expect(String(login.user._id)).toBe(userId);
    expect(login.user.displayName).toBe('会话甲');
    const rotated = await refreshSession(t.deps, login.refreshToken, IP);
    expect(rotated.refreshToken).not.toBe(login.refreshToken);
    await expect(refreshSession(t.deps, login.refreshToken, IP)).rejects.toMatchObject({ code: 'refresh_token_reused' });
    await expect(refreshSession(t.deps, 'not-a-token', IP)).rejects.toMatchObject({ code: 'invalid_refresh_token' });
    await logout(t.deps, 'not-a-token', IP); // unknown token: nothing ended, nothing audited
    expect(await actions()).toEqual(['auth.login', 'auth.refresh_reused']);

    const again = await staffLogin(t.deps, { username: 'cmd-sess', password: PW, ip: IP });
    await logout(t.deps, again.refreshToken, IP);
    await expect(refreshSession(t.deps, again.refreshToken, IP)).rejects.toMatchObject({ status: 401 });
    expect(await actions()).toEqual(['auth.login', 'auth.refresh_reused', 'auth.login', 'auth.logout']);
  });

  it('a password change audits once and opens a new session; a wrong old password changes and audits nothing', async () => {
    const me: StaffPrincipal = { kind: 'staff', userId, username: 'cmd-sess', displayName: '会话甲', roles: ['dispatcher'], districtCodes: [], departmentIds: [] };
    const before = (await actions()).length;
    await expect(changePassword(t.deps, me, { oldPassword: 'not-my-password-1', newPassword: 'Another-horse-77' }, IP)).rejects.toMatchObject({ code: 'wrong_password' });
    expect(await actions()).toHaveLength(before);
    const s = await changePassword(t.deps, me, { oldPassword: PW, newPassword: 'Another-horse-77' }, IP);
    expect(s.token).toBeTruthy();
    expect(s.refreshToken).toBeTruthy();
    expect((await actions()).slice(before)).toEqual(['auth.password_change']);
    const entry = await t.deps.models.AuditLog.findOne({ targetId: userId, action: 'auth.password_change' }).lean();
    expect(entry).toMatchObject({ actorKind: 'staff', actorId: userId, actorName: '会话甲', ip: IP });
    expect(JSON.stringify(entry)).not.toContain('Another-horse-77');
  });
});
