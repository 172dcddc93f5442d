import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcj02ToWgs84, toGcj02 } from '@cgt/shared/geo/coords';
import { AreaIndex } from '../../domain/routing/area-index.js';
import { interiorPoint, sharedEdgeMidpoints, shippedAreas } from '../../domain/routing/test-areas.js';
import { bumpRoutingVersion, resolveRouting, routingSnapshot } from '../../services/routing.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { staffToken } from '../../testing/staff-token.js';

const { districts, zones } = shippedAreas();
const index = new AreaIndex([...districts, ...zones]);
let t: TestServer;
let admin: string;

const resolve = (q: Record<string, string | number>) =>
  t.request('GET', `/api/v1/routing/resolve?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`);

beforeAll(async () => {
  t = await startTestServer();
  admin = await staffToken(t, ['admin']);
});
afterAll(async () => t?.close());

describe('GET /api/v1/routing/resolve', () => {
  it.each(districts.map((d) => [d.code, d.name] as const))('a point inside %s (%s) resolves to its adcode', async (code, name) => {
    const p = interiorPoint(districts.find((d) => d.code === code)!, zones);
    const res = await resolve({ lat: p.lat, lng: p.lng, categoryCode: '06010' });
    expect(res.status).toBe(200);
    expect(res.body.district).toEqual({ code, name });
    expect(res.body.zone).toBeNull();
    // every division has a demo 环卫所 that takes 市容环境 (group 06)
    expect(res.body.department.name).toBe(`${name}环卫所`);
    expect(res.body.reason).toContain(`坐标位于${name}`);
  });

  it.each([
    ['Z-NHXQ', '南湖新区'],
    ['Z-JKQ', '经开区'],
    ['Z-CLJ', '城陵矶新港区'],
  ])('a point in zone %s resolves to the zone and the zone department', async (code, name) => {
    const p = interiorPoint(zones.find((z) => z.code === code)!);
    const res = await resolve({ lat: p.lat, lng: p.lng, categoryCode: '06010' });
    expect(res.status).toBe(200);
    expect(res.body.zone).toEqual({ code, name, demo: true });
    expect(['430602', '430603']).toContain(res.body.district.code);
    expect(res.body.department.name).toBe(`${name}环卫所`);
    expect(res.body.reason).toBe(`坐标位于${name}（功能区优先，所属${res.body.district.name}）；按规则「${name}·市容环境」派往 ${name}环卫所`);
    // any other category falls to the zone's catch-all enforcement unit, not the district's
    const other = await resolve({ lat: p.lat, lng: p.lng, categoryCode: '09001' });
    expect(other.body.department.name).toBe(`${name}城管执法大队`);
    expect(other.body.ruleId).toMatch(/^[a-f0-9]{24}$/);
  });

  it('exact category beats its group: 工地扬尘 goes to 住建局, 噪声 to the enforcement squad', async () => {
    const p = interiorPoint(districts.find((d) => d.code === '430611')!, zones);
    expect((await resolve({ lat: p.lat, lng: p.lng, categoryCode: '08004' })).body.department.name).toBe('君山区住房和城乡建设局');
    expect((await resolve({ lat: p.lat, lng: p.lng, categoryCode: '08005' })).body.department.name).toBe('君山区城市管理和综合执法局·执法一中队');
    expect((await resolve({ lat: p.lat, lng: p.lng, categoryCode: '06028' })).body.department.name).toBe('君山区城市管理和综合执法局·执法一中队');
  });

  it('outside the city → 422 outside_jurisdiction (长沙, 0/0)', async () => {
    for (const [lat, lng] of [[28.23, 112.94], [0, 0]] as const) {
      const res = await resolve({ lat, lng });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('outside_jurisdiction');
    }
    expect(await resolveRouting(t.deps, { lat: 28.23, lng: 112.94 })).toBeNull();
  });

  it('bad numbers → 400 naming the field', async () => {
    for (const [q, field] of [
      [{ lat: 'abc', lng: 113.1 }, 'query.lat'],
      [{ lat: '', lng: 113.1 }, 'query.lat'],
      [{ lat: 29.3, lng: '1e400' }, 'query.lng'],
      [{ lat: 95, lng: 113.1 }, 'query.lat'],
      [{ lng: 113.1 }, 'query.lat'],
      [{ lat: 29.3, lng: 113.1, coordSys: 'bd09' }, 'query.coordSys'],
      [{ lat: 29.3, lng: 113.1, categoryCode: '6010' }, 'query.categoryCode'],
    ] as const) {
      const res = await resolve(q as Record<string, string | number>);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('WGS-84 input is converted first: the same place resolves identically', async () => {
    const gcj = interiorPoint(districts.find((d) => d.code === '430603')!, zones);
    const wgs = gcj02ToWgs84(gcj);
    const a = await resolve({ lat: gcj.lat, lng: gcj.lng, coordSys: 'gcj02', categoryCode: '06010' });
    const b = await resolve({ lat: wgs.lat, lng: wgs.lng, coordSys: 'wgs84', categoryCode: '06010' });
    expect(b.status).toBe(200);
    expect(b.body.district).toEqual(a.body.district);
    expect(b.body.department).toEqual(a.body.department);
    expect(Math.abs(b.body.point.lat - gcj.lat)).toBeLessThan(1e-5);
    expect(Math.abs(b.body.point.lng - gcj.lng)).toBeLessThan(1e-5);
  });

  it('near a boundary the conversion decides: the raw point and the converted one land in different districts', async () => {
    // find a point within ~600 m of a shared edge whose GCJ-02 shift (~0.005°) crosses the boundary
    let found: { lat: number; lng: number; raw: string; converted: string } | null = null;
    for (const m of sharedEdgeMidpoints(districts, 400)) {
      for (const [dx, dy] of [[-0.004, 0], [0.004, 0], [0, -0.004], [0, 0.004], [-0.003, -0.003], [0.003, 0.003]] as const) {
        const p = { lng: m.point.lng + dx, lat: m.point.lat + dy };
        const raw = index.resolve(p)?.district.code;
        const converted = index.resolve(toGcj02(p, 'wgs84'))?.district.code;
        if (raw && converted && raw !== converted) found = { ...p, raw, converted };
        if (found) break;
      }
      if (found) break;
    }
    expect(found).not.toBeNull();
    const asGcj = await resolve({ lat: found!.lat, lng: found!.lng, coordSys: 'gcj02' });
    const asWgs = await resolve({ lat: found!.lat, lng: found!.lng, coordSys: 'wgs84' });
    expect(asGcj.body.district.code).toBe(found!.raw);
    expect(asWgs.body.district.code).toBe(found!.converted);
  });

  it('a shared-edge point goes to exactly one district through the service', async () => {
    for (const m of sharedEdgeMidpoints(districts, 20)) {
      const r = await resolveRouting(t.deps, m.point);
      expect(r).not.toBeNull();
      expect(m.codes).toContain(r!.district.code);
      expect(index.allContaining(m.point).filter((a) => a.kind === 'district')).toHaveLength(1);
    }
  });
});

describe('resolveRouting throughput (service level, printed)', () => {
  it('answers from the cached index without a query per call', async () => {
    const pts = districts.map((d) => interiorPoint(d, zones));
    await resolveRouting(t.deps, pts[0]!, '06010');
    const n = 20000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await resolveRouting(t.deps, pts[i % pts.length]!, '06010');
    const ms = performance.now() - t0;
    console.log(`[routing bench] resolveRouting (index + rules + reason): ${n} calls in ${ms.toFixed(0)} ms → ${Math.round((n / ms) * 1000)} calls/s`);
    expect(ms).toBeLessThan(20000);
    expect(await t.deps.models.District.countDocuments({ code: 'Z-NHXQ' })).toBe(1);
  });
});

describe('the index follows department and rule edits', () => {
  it('a new rule and department take effect at once; deactivating the department falls back', async () => {
    const p = interiorPoint(districts.find((d) => d.code === '430611')!, zones);
    const before = await resolve({ lat: p.lat, lng: p.lng, categoryCode: '06010' });
    expect(before.body.department.name).toBe('君山区环卫所');

    const dept = await t.request('POST', '/api/v1/admin/departments', { token: admin, body: { name: '君山区柳林洲街道环卫站', districtCode: '430611', kind: '环卫所' } });
    expect(dept.status).toBe(201);
    const rule = await t.request('POST', '/api/v1/admin/routing-rules', { token: admin, body: { scopeCode: '430611', categoryCode: '06010', departmentId: dept.body.id } });
    expect(rule.status).toBe(201);
    const after = await resolve({ lat: p.lat, lng: p.lng, categoryCode: '06010' });
    expect(after.body.department).toEqual({ id: dept.body.id, name: '君山区柳林洲街道环卫站' });
    expect(after.body.ruleId).toBe(rule.body.id);
    expect(after.body.reason).toContain('按规则「君山区·暴露垃圾」派往 君山区柳林洲街道环卫站');

    const renamed = await t.request('PATCH', `/api/v1/admin/departments/${dept.body.id}`, { token: admin, body: { name: '柳林洲环卫站' } });
    expect(renamed.status).toBe(200);
    expect((await resolve({ lat: p.lat, lng: p.lng, categoryCode: '06010' })).body.department.name).toBe('柳林洲环卫站');

    await t.request('PATCH', `/api/v1/admin/departments/${dept.body.id}`, { token: admin, body: { active: false } });
    expect((await resolve({ lat: p.lat, lng: p.lng, categoryCode: '06010' })).body.department.name).toBe('君山区环卫所');

    await t.request('PATCH', `/api/v1/admin/departments/${dept.body.id}`, { token: admin, body: { active: true } });
    const del = await t.request('DELETE', `/api/v1/admin/routing-rules/${rule.body.id}`, { token: admin });
    expect(del.status).toBe(204);
    expect((await resolve({ lat: p.lat, lng: p.lng, categoryCode: '06010' })).body.department.name).toBe('君山区环卫所');
  });

  it('a write during an index build is seen by the next call on this instance', async () => {
    // a second "instance": same database, its own index state (kept per models object)
    const other = { ...t.deps, models: { ...t.deps.models } };
    const p = interiorPoint(districts.find((d) => d.code === '430626')!, zones);
    const building = routingSnapshot(other); // starts a build for a fresh "instance"
    const dept = await t.deps.models.Department.create({ name: '平江县临时处置组', districtCode: '430626', kind: '其他' });
    await t.deps.models.RoutingRule.create({ scopeCode: '430626', categoryCode: '07001', departmentId: String(dept._id), priority: 1 });
    await bumpRoutingVersion(other);
    await building;
    expect((await resolveRouting(other, p, '07001'))?.department?.name).toBe('平江县临时处置组');
  });

  it('another instance (its own connection) converges through the data version within seconds', async () => {
    // a second "instance": same database, its own index state (kept per models object)
    const other = { ...t.deps, models: { ...t.deps.models } };
    const p = interiorPoint(districts.find((d) => d.code === '430624')!, zones);
    const first = await resolveRouting(other, p, '09001');
    expect(first?.department?.name).toBe('湘阴县城市管理和综合执法局·执法一中队');
    const v0 = (await routingSnapshot(other)).version;

    const dept = await t.request('POST', '/api/v1/admin/departments', { token: admin, body: { name: '湘阴县文星镇执法中队', districtCode: '430624', kind: '城管执法中队' } });
    await t.request('POST', '/api/v1/admin/routing-rules', { token: admin, body: { scopeCode: '430624', categoryCode: '09', departmentId: dept.body.id, priority: 10 } });
    const deadline = Date.now() + 8000;
    let name = first?.department?.name;
    while (name !== '湘阴县文星镇执法中队' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      name = (await resolveRouting(other, p, '09001'))?.department?.name;
    }
    expect(name).toBe('湘阴县文星镇执法中队');
    expect((await routingSnapshot(other)).version).toBeGreaterThan(v0);
  });
});
