import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { staffToken } from '../../testing/staff-token.js';

let t: TestServer;
let admin: string;
let dispatcher: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await staffToken(t, ['admin']);
  dispatcher = await staffToken(t, ['dispatcher']);
});
afterAll(async () => t?.close());

const square = (x: number, y: number, d = 0.02) => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const feature = (name: string, geometry: unknown, code?: string) => ({ type: 'Feature', properties: code ? { name, code } : { name }, geometry });
const zoneCount = async () => t.deps.models.District.countDocuments({ kind: 'zone' });

describe('GET /api/v1/districts', () => {
  it('lists the 9 divisions and the 3 demo zones without geometry by default', async () => {
    const res = await t.request('GET', '/api/v1/districts');
    expect(res.status).toBe(200);
    const items = res.body.items as { code: string; kind: string; demo: boolean; geometry?: unknown; bbox: number[]; source: string }[];
    expect(items.filter((i) => i.kind === 'district')).toHaveLength(9);
    const z = items.filter((i) => i.kind === 'zone');
    expect(z.map((i) => i.code)).toEqual(['Z-CLJ', 'Z-JKQ', 'Z-NHXQ']);
    expect(z.every((i) => i.demo && i.source === '示例边界，待管理部门导入正式边界')).toBe(true);
    expect(items.every((i) => i.geometry === undefined && i.bbox.length === 4)).toBe(true);
  });

  it('?withGeometry=1 includes GeoJSON objects, with an ETag answered by 304', async () => {
    const res = await t.request('GET', '/api/v1/districts?withGeometry=1');
    expect(res.status).toBe(200);
    expect(res.body.items[0].geometry.type).toMatch(/Polygon/);
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await t.request('GET', '/api/v1/districts?withGeometry=1', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    const plain = await t.request('GET', '/api/v1/districts');
    expect(plain.headers.get('etag')).not.toBe(etag);
  });
});

describe('POST /api/v1/admin/zones/import', () => {
  it('only admins may import', async () => {
    const res = await t.request('POST', '/api/v1/admin/zones/import', { token: dispatcher, body: feature('测试片区', square(113.0, 29.45)) });
    expect(res.status).toBe(403);
    expect((await t.request('POST', '/api/v1/admin/zones/import', { body: feature('测试片区', square(113.0, 29.45)) })).status).toBe(401);
  });

  it.each([
    ['a self-intersecting bow-tie', { type: 'Polygon', coordinates: [[[113.0, 29.45], [113.02, 29.47], [113.02, 29.45], [113.0, 29.47], [113.0, 29.45]]] }, 'self_intersection'],
    ['an unclosed ring', { type: 'Polygon', coordinates: [[[113.0, 29.45], [113.02, 29.45], [113.02, 29.47], [113.0, 29.47]]] }, 'ring_not_closed'],
    ['a polygon far from the city (北京)', square(116.39, 39.9), 'outside_bounds'],
    ['too few points', { type: 'Polygon', coordinates: [[[113.0, 29.45], [113.02, 29.45], [113.0, 29.45]]] }, 'too_few_points'],
    ['a NaN coordinate', { type: 'Polygon', coordinates: [[[113.0, 29.45], [113.02, 29.45], ['x', 29.47], [113.0, 29.45]]] }, 'bad_position'],
    ['a point, not a polygon', { type: 'Point', coordinates: [113.0, 29.45] }, 'not_polygon'],
  ])('rejects %s with 422 invalid_geometry and writes nothing', async (_label, geometry, problem) => {
    const before = await zoneCount();
    const body = { type: 'FeatureCollection', features: [feature('有效片区', square(113.0, 29.45), 'Z-OK'), feature('坏片区', geometry)] };
    const res = await t.request('POST', '/api/v1/admin/zones/import', { token: admin, body });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_geometry');
    const d = res.body.error.details as { field: string; feature: number; problem: string }[];
    expect(d.some((x) => x.feature === 1 && x.problem === problem && x.field.startsWith('features[1].geometry'))).toBe(true);
    expect(await zoneCount()).toBe(before);
    expect(await t.deps.models.District.countDocuments({ code: 'Z-OK' })).toBe(0);
  });

  it('rejects a zone that lies in no division and a code taken by a district', async () => {
    // inside the city bbox margin but in no polygon (north of 临湘 over the river, 湖北 side)
    const res = await t.request('POST', '/api/v1/admin/zones/import', { token: admin, body: feature('江北', square(113.5, 29.95, 0.02)) });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].problem).toBe('outside_districts');
    const taken = await t.request('POST', '/api/v1/admin/zones/import', { token: admin, body: feature('冒名', square(113.0, 29.45), '430611') });
    expect(taken.status).toBe(422);
    expect(taken.body.error.details[0].field).toBe('properties.code');
  });

  it('a valid import creates an official zone and changes routing at once', async () => {
    const probe = { lat: 29.46, lng: 113.01 };
    const q = `/api/v1/routing/resolve?lat=${probe.lat}&lng=${probe.lng}&categoryCode=06010`;
    const before = await t.request('GET', q);
    expect(before.body.district.code).toBe('430611');
    expect(before.body.zone).toBeNull();

    const res = await t.request('POST', '/api/v1/admin/zones/import', { token: admin, body: feature('君山公园片区', square(113.0, 29.45), 'Z-JSGY') });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(1);
    expect(res.body.zones[0]).toMatchObject({ code: 'Z-JSGY', name: '君山公园片区', kind: 'zone', demo: false, parentCodes: ['430611'] });

    const after = await t.request('GET', q);
    expect(after.body.district.code).toBe('430611');
    expect(after.body.zone).toEqual({ code: 'Z-JSGY', name: '君山公园片区', demo: false });
    // no department serves the new zone yet: the district's rules still apply
    expect(after.body.department.name).toBe('君山区环卫所');
    expect(after.body.reason).toContain('君山公园片区无适用规则');

    const list = await t.request('GET', '/api/v1/districts');
    expect(list.body.items.some((i: { code: string }) => i.code === 'Z-JSGY')).toBe(true);
  });

  it('re-importing a demo zone by name replaces its boundary with the official one', async () => {
    const body = { type: 'FeatureCollection', features: [feature('南湖新区', square(113.1, 29.31, 0.03))] };
    const res = await t.request('POST', '/api/v1/admin/zones/import', { token: admin, body });
    expect(res.status).toBe(200);
    expect(res.body.zones[0]).toMatchObject({ code: 'Z-NHXQ', demo: false });
    const zone = await t.deps.models.District.findOne({ code: 'Z-NHXQ' }).lean();
    expect(zone?.demo).toBe(false);
    expect(JSON.parse(zone!.geometry).coordinates[0][0]).toEqual([113.1, 29.31]);
    const audit = await t.deps.models.AuditLog.countDocuments({ action: 'zone.import' });
    expect(audit).toBeGreaterThanOrEqual(2);
  });

  it('malformed bodies are 400 naming the field', async () => {
    const res = await t.request('POST', '/api/v1/admin/zones/import', { token: admin, body: { type: 'Feature', properties: {}, geometry: square(113, 29.45) } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].field).toBe('properties.name');
    const wrongType = await t.request('POST', '/api/v1/admin/zones/import', { token: admin, body: { type: 'Topology' } });
    expect(wrongType.status).toBe(400);
  });
});
