import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createStaff, loginAs } from '../../testing/staff-accounts.js';

let t: TestServer;
let adminToken: string;
let adminId: string;
let dispatcherToken: string;
const PW = 'correct-horse-battery';
const DEPT = 'a'.repeat(24);

beforeAll(async () => {
  t = await startTestServer({ seed: false });
  await t.deps.models.District.create([
    { code: '430602', name: '岳阳楼区', kind: 'district', geometry: '{}' },
    { code: 'ZONE-NANHU', name: '南湖新区', kind: 'zone', geometry: '{}' },
  ]);
  await createStaff(t.deps.models, { username: 'root', password: PW, roles: ['admin'], displayName: '管理员' });
  await createStaff(t.deps.models, { username: 'disp', password: PW, roles: ['dispatcher'] });
  ({ token: adminToken, id: adminId } = await loginAs(t, 'root', PW));
  ({ token: dispatcherToken } = await loginAs(t, 'disp', PW));
});
afterAll(async () => t?.close());

const create = (body: unknown, token = adminToken) => t.request('POST', '/api/v1/admin/users', { token, body });

describe('permissions', () => {
  it('non-admins get 403 forbidden on every user route, anonymous 401', async () => {
    const id = adminId;
    const calls = [
      t.request('GET', '/api/v1/admin/users', { token: dispatcherToken }),
      create({ username: 'x-user', displayName: 'x', roles: ['viewer'] }, dispatcherToken),
      t.request('PATCH', `/api/v1/admin/users/${id}`, { token: dispatcherToken, body: { displayName: 'hijack' } }),
      t.request('POST', `/api/v1/admin/users/${id}/reset-password`, { token: dispatcherToken }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await t.request('GET', '/api/v1/admin/users')).status).toBe(401);
    expect(await t.deps.models.StaffUser.countDocuments({ username: 'x-user' })).toBe(0);
    expect((await t.deps.models.StaffUser.findById(id).lean())!.displayName).toBe('管理员');
  });
});

describe('create and list', () => {
  it('creates with a generated password shown once, which then works', async () => {
    const res = await create({ username: 'zhang.san', displayName: '张三', roles: ['dispatcher'], districtCodes: ['430602', 'ZONE-NANHU'], phone: '13812341234' });
    expect(res.status).toBe(201);
    expect(res.body.password).toMatch(/^[\w-]{16}$/);
    expect(res.body.user).toMatchObject({ username: 'zhang.san', roles: ['dispatcher'], districtCodes: ['430602', 'ZONE-NANHU'], disabled: false, mustChangePassword: true });
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
    const s = await loginAs(t, 'zhang.san', res.body.password);
    expect(s.id).toBe(res.body.user.id);
    const audit = await t.deps.models.AuditLog.findOne({ action: 'user.create', targetId: res.body.user.id }).lean();
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: adminId, actorName: '管理员', targetType: 'staff_user' });
    expect(JSON.stringify(audit)).not.toContain(res.body.password);
  });

  it('with a given password does not echo it', async () => {
    const res = await create({ username: 'li.si', displayName: '李四', password: 'given-password-1', roles: ['viewer'] });
    expect(res.status).toBe(201);
    expect(res.body.password).toBeUndefined();
    await loginAs(t, 'li.si', 'given-password-1');
  });

  it('duplicate username → 409 username_taken', async () => {
    const res = await create({ username: 'li.si', displayName: '另一个', roles: ['viewer'] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('username_taken');
    expect(res.body.error.details[0].field).toBe('username');
  });

  it('a handler without a department → 422 naming departmentIds', async () => {
    const res = await create({ username: 'handler1', displayName: '处置', roles: ['handler'] });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].field).toBe('departmentIds');
    expect(await t.deps.models.StaffUser.countDocuments({ username: 'handler1' })).toBe(0);
  });

  it('unknown district code and malformed department id → 422 naming the element', async () => {
    const a = await create({ username: 'handler2', displayName: '处置', roles: ['handler'], departmentIds: [DEPT], districtCodes: ['430602', '999999'] });
    expect(a.status).toBe(422);
    expect(a.body.error.details[0].field).toBe('districtCodes[1]');
    const b = await create({ username: 'handler2', displayName: '处置', roles: ['handler'], departmentIds: ['not-an-id'] });
    expect(b.status).toBe(422);
    expect(b.body.error.details[0].field).toBe('departmentIds[0]');
    const ok = await create({ username: 'handler2', displayName: '处置', roles: ['handler'], departmentIds: [DEPT] });
    if (t.deps.connection.models['Department']) expect(ok.status).toBe(422);
    else expect(ok.status).toBe(201);
  });

  it('bad input → 400 naming the field', async () => {
    const res = await create({ username: 'x', displayName: '', roles: ['boss'] });
    expect(res.status).toBe(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName']));
  });

  it('lists with filters and paging, never the hash', async () => {
    const all = await t.request('GET', '/api/v1/admin/users?pageSize=100', { token: adminToken });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.items.length);
    expect(JSON.stringify(all.body)).not.toMatch(/passwordHash|argon2|tokenVersion|failedCount/);
    const byRole = await t.request('GET', '/api/v1/admin/users?role=dispatcher', { token: adminToken });
    expect(byRole.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['disp', 'zhang.san']);
    const byDistrict = await t.request('GET', '/api/v1/admin/users?districtCode=ZONE-NANHU', { token: adminToken });
    expect(byDistrict.body.items.map((u: { username: string }) => u.username)).toEqual(['zhang.san']);
    const byQ = await t.request('GET', `/api/v1/admin/users?q=${encodeURIComponent('张')}`, { token: adminToken });
    expect(byQ.body.items.map((u: { username: string }) => u.username)).toEqual(['zhang.san']);
    const page = await t.request('GET', '/api/v1/admin/users?page=2&pageSize=2', { token: adminToken });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBe(all.body.total);
  });
});

describe('update, disable and reset', () => {
  it('patch changes fields; disabling kills the old token and the refresh token', async () => {
    const id = await createStaff(t.deps.models, { username: 'victim', password: PW, roles: ['viewer'] });
    const s = await loginAs(t, 'victim', PW);
    const patched = await t.request('PATCH', `/api/v1/admin/users/${id}`, { token: adminToken, body: { displayName: '新名字', roles: ['viewer', 'dispatcher'] } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: '新名字', roles: ['viewer', 'dispatcher'] });
    expect((await t.request('GET', '/api/v1/auth/me', { token: s.token })).body.roles).toEqual(['viewer', 'dispatcher']);
    const off = await t.request('PATCH', `/api/v1/admin/users/${id}`, { token: adminToken, body: { disabled: true } });
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    const me = await t.request('GET', '/api/v1/auth/me', { token: s.token });
    expect(me.status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'victim', password: PW } })).status).toBe(403);
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'user.disable', targetId: id })).toBe(1);
    const on = await t.request('PATCH', `/api/v1/admin/users/${id}`, { token: adminToken, body: { disabled: false } });
    expect(on.body.disabled).toBe(false);
    await loginAs(t, 'victim', PW);
  });

  it('an admin cannot disable or de-admin themselves', async () => {
    const a = await t.request('PATCH', `/api/v1/admin/users/${adminId}`, { token: adminToken, body: { disabled: true } });
    expect(a.status).toBe(422);
    expect(a.body.error.details[0].field).toBe('disabled');
    const b = await t.request('PATCH', `/api/v1/admin/users/${adminId}`, { token: adminToken, body: { roles: ['dispatcher'] } });
    expect(b.status).toBe(422);
    expect(b.body.error.details[0].field).toBe('roles');
    const me = await t.request('GET', '/api/v1/auth/me', { token: adminToken });
    expect(me.body.roles).toEqual(['admin']);
  });

  it('making someone a handler requires a department', async () => {
    const id = await createStaff(t.deps.models, { username: 'to-handler', password: PW, roles: ['viewer'] });
    const bad = await t.request('PATCH', `/api/v1/admin/users/${id}`, { token: adminToken, body: { roles: ['handler'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].field).toBe('departmentIds');
  });

  it('unknown or malformed id → 404', async () => {
    expect((await t.request('PATCH', `/api/v1/admin/users/${'b'.repeat(24)}`, { token: adminToken, body: { displayName: 'x' } })).status).toBe(404);
    // the id is an ObjectId as published: anything else is refused before a lookup
    expect((await t.request('PATCH', '/api/v1/admin/users/nope', { token: adminToken, body: { displayName: 'x' } })).status).toBe(400);
    expect((await t.request('PATCH', `/api/v1/admin/users/${'0'.repeat(24)}`, { token: adminToken, body: { displayName: 'x' } })).status).toBe(404);
  });

  it('reset-password returns a new password once, ends sessions and clears a lock', async () => {
    const id = await createStaff(t.deps.models, { username: 'forgetful', password: PW, roles: ['viewer'] });
    const s = await loginAs(t, 'forgetful', PW);
    for (let i = 0; i < 5; i++) await t.request('POST', '/api/v1/auth/login', { body: { username: 'forgetful', password: `wrong-${i}-password` } });
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'forgetful', password: PW } })).status).toBe(423);
    const listed = await t.request('GET', '/api/v1/admin/users?q=forgetful', { token: adminToken });
    expect(listed.body.items[0].lockedUntil).toEqual(expect.any(String));
    const res = await t.request('POST', `/api/v1/admin/users/${id}/reset-password`, { token: adminToken });
    expect(res.status).toBe(200);
    expect(res.body.password).toMatch(/^[\w-]{16}$/);
    expect((await t.request('GET', '/api/v1/auth/me', { token: s.token })).status).toBe(401);
    const again = await loginAs(t, 'forgetful', res.body.password);
    expect((await t.request('GET', '/api/v1/auth/me', { token: again.token })).body.mustChangePassword).toBe(true);
    const audit = await t.deps.models.AuditLog.findOne({ action: 'user.reset_password', targetId: id }).lean();
    expect(audit).not.toBeNull();
    expect(JSON.stringify(audit)).not.toContain(res.body.password);
  });
});
