import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createStaff, loginAs, startPeerServer } from '../../testing/staff-accounts.js';

/**
 * Login throttling: the same answer for unknown and known names; failures counted per
 * (account, IP) in the database, so a stranger cannot lock a colleague out from another IP; an alert and
 * an audit entry when one account sees failures from many IPs; administrators can unlock.
 */

let t: TestServer;
let clock = new Date('2026-12-01T08:00:00Z');
const PW = 'Harbour-view-2026';
let adminId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer({ seed: false, now: () => clock, env: { TRUST_PROXY: '1', LOGIN_ALERT_DISTINCT_IPS: '4' } });
  adminId = await createStaff(t.deps.models, { username: 'root', password: PW, roles: ['admin'] });
  for (const u of ['known', 'victim', 'sprayed', 'unlockme', 'shared', 'timer']) ids[u] = await createStaff(t.deps.models, { username: u, password: PW, roles: ['viewer'] });
});
afterAll(async () => t?.close());

const login = (username: string, password: string, ip = '10.0.0.1', server: Pick<TestServer, 'request'> = t) =>
  server.request('POST', '/api/v1/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': ip } });
const fail5 = async (username: string, ip: string) => {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await login(username, `Wrong-guess-${i}x`, ip)).status);
  return statuses;
};
const withoutTimes = (e: { code: string; message: string; details: { lockedUntil?: string }[] }) => ({ code: e.code, message: e.message, n: e.details.length });

describe('the same answer for unknown and known usernames', () => {
  it('five failures lock a known and an unknown name alike (status, code, message)', async () => {
    expect(await fail5('known', '10.1.0.1')).toEqual([401, 401, 401, 401, 423]);
    expect(await fail5('no-such-user', '10.1.0.1')).toEqual([401, 401, 401, 401, 423]);
    const a = await login('known', 'Wrong-guess-9x', '10.1.0.1');
    const b = await login('no-such-user', 'Wrong-guess-9x', '10.1.0.1');
    expect(a.status).toBe(423);
    expect(b.status).toBe(423);
    expect(withoutTimes(b.body.error)).toEqual(withoutTimes(a.body.error));
    // while locked even the right password is refused from that IP
    expect((await login('known', PW, '10.1.0.1')).status).toBe(423);
  });

  it('an unknown name takes about as long as a known one (a dummy hash is verified)', async () => {
    const time = async (u: string) => {
      const started = performance.now();
      await login(u, 'Wrong-guess-0x', `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await time('timer'));
      unknown.push(await time(`ghost-${i}`));
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    // argon2 dominates both; without the dummy hash an unknown name answers in a fraction of the time
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });
});

describe('per (account, IP)', () => {
  it('a stranger failing from one IP does not lock the owner out from another', async () => {
    expect(await fail5('victim', '203.0.113.9')).toEqual([401, 401, 401, 401, 423]);
    expect((await login('victim', PW, '203.0.113.9')).status).toBe(423);
    expect((await login('victim', PW, '10.2.0.7')).status).toBe(200);
  });

  it('the lock is stored in the database: another server process sees it', async () => {
    const peer = await startPeerServer(t);
    try {
      expect(await fail5('shared', '198.51.100.4')).toEqual([401, 401, 401, 401, 423]);
      expect((await login('shared', PW, '198.51.100.4', peer)).status).toBe(423);
      const stored = await t.deps.connection.db!.collection('login_failures').countDocuments({ account: 'shared' });
      expect(stored).toBe(5);
    } finally {
      await peer.close();
    }
  });

  it('the lock ends after 15 minutes', async () => {
    clock = new Date('2026-12-01T10:00:00Z');
    expect(await fail5('known', '10.3.0.1')).toEqual([401, 401, 401, 401, 423]);
    clock = new Date(clock.getTime() + 14 * 60_000);
    expect((await login('known', PW, '10.3.0.1')).status).toBe(423);
    clock = new Date(clock.getTime() + 60_000);
    expect((await login('known', PW, '10.3.0.1')).status).toBe(200);
  });
});

describe('failures from many IPs', () => {
  it('alert the administrators and are audited once', async () => {
    clock = new Date('2026-12-01T12:00:00Z');
    for (let i = 1; i <= 6; i++) expect((await login('sprayed', 'Wrong-guess-1x', `192.0.2.${i}`)).status).toBe(401);
    const alerts = await t.deps.connection.db!.collection('staff_alerts').find({ staffId: adminId, kind: 'login_attack', text: { $regex: 'sprayed' } }).toArray();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain('sprayed');
    const audits = await t.deps.connection.db!.collection('audit_logs').find({ action: 'auth.login_many_ips', targetId: ids.sprayed }).toArray();
    expect(audits).toHaveLength(1);
    expect((audits[0]!.details as { ips: string[] }).ips.length).toBeGreaterThanOrEqual(4);
    // the owner still logs in from their own IP
    expect((await login('sprayed', PW, '10.4.0.1')).status).toBe(200);
  });
});

describe('administrators unlock', () => {
  it('POST /admin/users/:id/unlock clears the failures; the list shows the lock until then', async () => {
    clock = new Date('2026-12-01T14:00:00Z');
    const admin = await loginAs(t, 'root', PW);
    expect(await fail5('unlockme', '10.5.0.1')).toEqual([401, 401, 401, 401, 423]);
    const list = await t.request('GET', '/api/v1/admin/users?q=unlockme', { token: admin.token });
    const row = list.body.items.find((u: { username: string }) => u.username === 'unlockme');
    expect(row.lockedUntil).toBe(new Date(clock.getTime() + 15 * 60_000).toISOString());
    const viewer = await loginAs(t, 'known', PW);
    expect((await t.request('POST', `/api/v1/admin/users/${row.id}/unlock`, { token: viewer.token })).status).toBe(403);
    const res = await t.request('POST', `/api/v1/admin/users/${row.id}/unlock`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.lockedUntil).toBeUndefined();
    expect((await login('unlockme', PW, '10.5.0.1')).status).toBe(200);
    expect(await t.deps.connection.db!.collection('audit_logs').countDocuments({ action: 'user.unlock', targetId: row.id })).toBe(1);
  });
});
