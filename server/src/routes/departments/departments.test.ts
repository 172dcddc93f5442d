import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { staffToken } from '../../testing/staff-token.js';

let t: TestServer;
let admin: string;
let viewer: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await staffToken(t, ['admin']);
  viewer = await staffToken(t, ['viewer']);
});
afterAll(async () => t?.close());

describe('departments', () => {
  it('every division and zone has demo departments; any staff may list, filtered by districtCode', async () => {
    const res = await t.request('GET', '/api/v1/admin/departments?districtCode=430611', { token: viewer });
    expect(res.status).toBe(200);
    const names = res.body.items.map((d: { name: string }) => d.name);
    expect(names).toEqual(expect.arrayContaining(['君山区城市管理和综合执法局·执法一中队', '君山区环卫所', '君山区市政设施维护中心']));
    expect(res.body.items.every((d: { districtCode: string; zoneId?: string; demo: boolean; active: boolean }) => d.districtCode === '430611' && d.zoneId === undefined && d.demo && d.active)).toBe(true);

    const zone = await t.request('GET', '/api/v1/admin/departments?districtCode=Z-NHXQ', { token: viewer });
    expect(zone.body.items.map((d: { name: string }) => d.name).sort()).toEqual(['南湖新区城管执法大队', '南湖新区市政设施所', '南湖新区环卫所'].sort());
    expect(zone.body.items[0].zoneId).toBe('Z-NHXQ');

    const all = await t.request('GET', '/api/v1/admin/departments', { token: viewer });
    const codes = new Set(all.body.items.map((d: { districtCode: string }) => d.districtCode));
    expect(codes.size).toBe(12);
    expect((await t.request('GET', '/api/v1/admin/departments')).status).toBe(401);
  });

  it('writes are admin-only; unknown district → 422 naming the field; bad input → 400', async () => {
    const body = { name: '岳阳楼区园林所', districtCode: '430602', kind: '园林所' };
    expect((await t.request('POST', '/api/v1/admin/departments', { token: viewer, body })).status).toBe(403);
    const bad = await t.request('POST', '/api/v1/admin/departments', { token: admin, body: { ...body, districtCode: '110101' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('unknown_district');
    expect(bad.body.error.details[0].field).toBe('districtCode');
    const invalid = await t.request('POST', '/api/v1/admin/departments', { token: admin, body: { ...body, kind: '不存在' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].field).toBe('kind');
    expect(await t.deps.models.Department.countDocuments({ name: '岳阳楼区园林所' })).toBe(0);

    const ok = await t.request('POST', '/api/v1/admin/departments', { token: admin, body: { ...body, phone: '0730-8888888' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: '岳阳楼区园林所', districtCode: '430602', kind: '园林所', phone: '0730-8888888', active: true, demo: false });

    const moved = await t.request('PATCH', `/api/v1/admin/departments/${ok.body.id}`, { token: admin, body: { districtCode: 'Z-JKQ', phone: null } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ districtCode: 'Z-JKQ', zoneId: 'Z-JKQ' });
    expect(moved.body.phone).toBeUndefined();
    const badPatch = await t.request('PATCH', `/api/v1/admin/departments/${ok.body.id}`, { token: admin, body: { districtCode: 'nowhere' } });
    expect(badPatch.status).toBe(422);
    expect(badPatch.body.error.details[0].field).toBe('districtCode');
    expect((await t.request('PATCH', '/api/v1/admin/departments/000000000000000000000000', { token: admin, body: { active: false } })).status).toBe(404);
    expect(await t.deps.models.AuditLog.countDocuments({ action: { $in: ['department.create', 'department.update'] } })).toBe(2);
  });
});

describe('routing rules', () => {
  it('lists rules with scope and department names', async () => {
    const res = await t.request('GET', '/api/v1/admin/routing-rules?scopeCode=Z-CLJ', { token: viewer });
    expect(res.status).toBe(200);
    const sanitation = res.body.items.find((r: { categoryCode: string }) => r.categoryCode === '06');
    expect(sanitation).toMatchObject({ scopeCode: 'Z-CLJ', scopeName: '城陵矶新港区', departmentName: '城陵矶新港区环卫所', name: '城陵矶新港区·市容环境', demo: true });
  });

  it('validates scope, category and department (422 naming the field), and writes are admin-only', async () => {
    const dept = (await t.request('GET', '/api/v1/admin/departments?districtCode=430681', { token: viewer })).body.items[0].id as string;
    const good = { scopeCode: '430681', categoryCode: '09', departmentId: dept, priority: 5 };
    expect((await t.request('POST', '/api/v1/admin/routing-rules', { token: viewer, body: good })).status).toBe(403);
    for (const [patch, code, field] of [
      [{ scopeCode: 'Z-NONE' }, 'unknown_district', 'scopeCode'],
      [{ categoryCode: '99999' }, 'unknown_category', 'categoryCode'],
      [{ categoryCode: '55' }, 'unknown_category', 'categoryCode'],
      [{ departmentId: '000000000000000000000000' }, 'unknown_department', 'departmentId'],
    ] as const) {
      const res = await t.request('POST', '/api/v1/admin/routing-rules', { token: admin, body: { ...good, ...patch } });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.details[0].field).toBe(field);
    }
    const syntax = await t.request('POST', '/api/v1/admin/routing-rules', { token: admin, body: { ...good, categoryCode: '060' } });
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.details[0].field).toBe('categoryCode');

    const created = await t.request('POST', '/api/v1/admin/routing-rules', { token: admin, body: good });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scopeCode: '430681', scopeName: '汨罗市', categoryCode: '09', priority: 5, name: '汨罗市·街面秩序' });
    const patched = await t.request('PATCH', `/api/v1/admin/routing-rules/${created.body.id}`, { token: admin, body: { categoryCode: '09001', name: '汨罗市·游商' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ categoryCode: '09001', name: '汨罗市·游商' });
    expect((await t.request('PATCH', `/api/v1/admin/routing-rules/${created.body.id}`, { token: admin, body: { scopeCode: 'x' } })).status).toBe(422);
    expect((await t.request('DELETE', `/api/v1/admin/routing-rules/${created.body.id}`, { token: viewer })).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/admin/routing-rules/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/api/v1/admin/routing-rules/${created.body.id}`, { token: admin })).status).toBe(404);
  });
});
