import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../services/audit.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createStaff, loginAs } from '../../testing/staff-accounts.js';

let t: TestServer;
let clock = new Date('2026-10-01T00:00:00Z');
let adminToken: string;
let adminId: string;
let viewerToken: string;
const PW = 'correct-horse-battery';

beforeAll(async () => {
  t = await startTestServer({ seed: false, now: () => clock });
  await createStaff(t.deps.models, { username: 'root', password: PW, roles: ['admin'], displayName: '管理员' });
  await createStaff(t.deps.models, { username: 'watcher', password: PW, roles: ['viewer', 'dispatcher'] });
  ({ token: adminToken, id: adminId } = await loginAs(t, 'root', PW));
  ({ token: viewerToken } = await loginAs(t, 'watcher', PW));
});
afterAll(async () => t?.close());

describe('recordAudit', () => {
  it('appends an entry stamped with deps.now()', async () => {
    clock = new Date('2026-10-02T03:04:05Z');
    await recordAudit(t.deps, {
      actor: { kind: 'staff', id: 'u1', name: '甲' },
      action: 'ticket.dispatch',
      targetType: 'ticket',
      targetId: 't1',
      ip: '10.0.0.1',
      details: { departmentId: 'd1' },
    });
    const e = await t.deps.models.AuditLog.findOne({ action: 'ticket.dispatch' }).lean();
    expect(e).toMatchObject({ actorKind: 'staff', actorId: 'u1', actorName: '甲', targetType: 'ticket', targetId: 't1', ip: '10.0.0.1', details: { departmentId: 'd1' } });
    expect(e!.at.toISOString()).toBe('2026-10-02T03:04:05.000Z');
  });
});

describe('GET /api/v1/admin/audit', () => {
  it('is admin only', async () => {
    const res = await t.request('GET', '/api/v1/admin/audit', { token: viewerToken });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await t.request('GET', '/api/v1/admin/audit')).status).toBe(401);
  });

  it('lists newest first, with the login entries written by the auth routes', async () => {
    clock = new Date('2026-10-03T00:00:00Z');
    const created = await t.request('POST', '/api/v1/admin/users', { token: adminToken, body: { username: 'newbie', displayName: '新人', roles: ['viewer'] } });
    expect(created.status).toBe(201);
    const res = await t.request('GET', '/api/v1/admin/audit', { token: adminToken });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(4);
    expect(res.body.items[0]).toMatchObject({
      actor: { kind: 'staff', id: adminId, name: '管理员' },
      action: 'user.create',
      targetType: 'staff_user',
      targetId: created.body.user.id,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      at: '2026-10-03T00:00:00.000Z',
    });
    const times = res.body.items.map((i: { at: string }) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.body.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['auth.login', 'user.create', 'ticket.dispatch']));
  });

  it('filters by actor, action, target and time range, and pages', async () => {
    const q = async (qs: string) => (await t.request('GET', `/api/v1/admin/audit?${qs}`, { token: adminToken })).body;
    expect((await q('action=ticket.dispatch')).items).toHaveLength(1);
    expect((await q('targetType=ticket&targetId=t1')).total).toBe(1);
    expect((await q(`actorId=${adminId}&action=user.create`)).total).toBe(1);
    expect((await q('from=2026-10-02T00:00:00Z&to=2026-10-02T23:59:59Z')).items.map((i: { action: string }) => i.action)).toEqual(['ticket.dispatch']);
    const page = await q('page=1&pageSize=1');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
    const bad = await t.request('GET', '/api/v1/admin/audit?from=yesterday', { token: adminToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('query.from');
  });

  it('offers no way to change or delete entries', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE', 'PUT']) {
      const res = await t.request(method, '/api/v1/admin/audit', { token: adminToken, body: {} });
      expect([404, 405]).toContain(res.status);
    }
  });

  it('the OpenAPI document lists every identity route', async () => {
    const doc = (await t.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const expected: [string, string][] = [
      ['/api/v1/auth/wechat', 'post'],
      ['/api/v1/auth/wechat-h5', 'post'],
      ['/api/v1/auth/demo', 'post'],
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/refresh', 'post'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/auth/me', 'get'],
      ['/api/v1/auth/password', 'post'],
      ['/api/v1/admin/users', 'get'],
      ['/api/v1/admin/users', 'post'],
      ['/api/v1/admin/users/{id}', 'patch'],
      ['/api/v1/admin/users/{id}/reset-password', 'post'],
      ['/api/v1/admin/audit', 'get'],
    ];
    for (const [p, m] of expected) expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
  });
});
