import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcj02ToWgs84 } from '@cgt/shared/geo/coords';
import { parseCsv } from '../../domain/waste/csv.js';
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

const IN_CITY = { lat: 29.3718, lng: 113.1297 }; // 岳阳楼区
const csv = (body: string, q = '') => t.request('POST', `/api/v1/admin/toilets/import${q}`, { token: admin, body, headers: { 'content-type': 'text/csv' } });

describe('admin car parks and toilets', () => {
  it('requires an administrator', async () => {
    expect((await t.request('GET', '/api/v1/admin/parking/car-parks')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/admin/parking/car-parks', { token: dispatcher })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/admin/parking/operators', { token: dispatcher, body: { name: 'x', parkingIds: [] } })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/admin/toilets/import', { token: dispatcher, body: 'name\n', headers: { 'content-type': 'text/csv' } })).status).toBe(403);
    const noColumns = await csv('name\n测试');
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.error.details.map((d: { field: string }) => d.field)).toEqual(['lat', 'lng', 'kind']);
  });

  it('ProTable lists {items,total} with filters', async () => {
    const all = await t.request('GET', '/api/v1/admin/parking/car-parks?pageSize=5', { token: admin });
    expect(all.body.total).toBe(120);
    expect(all.body.items).toHaveLength(5);
    const schools = await t.request('GET', `/api/v1/admin/parking/car-parks?kind=${encodeURIComponent('学校错时开放')}`, { token: admin });
    expect(schools.body.total).toBe(4);
    const q = await t.request('GET', `/api/v1/admin/parking/car-parks?q=${encodeURIComponent('王家河')}`, { token: admin });
    expect(q.body.items[0]).toMatchObject({ name: '王家河桥东停车场', demo: true });
    const jsq = await t.request('GET', '/api/v1/admin/toilets?districtCode=430603&pageSize=500', { token: admin });
    expect(jsq.body.items.every((i: { districtCode: string }) => i.districtCode === '430603')).toBe(true);
  });

  it('create / patch / delete; outside the city and bad hours are refused; audited', async () => {
    const body = { name: '测试停车场', kind: '公共停车场', totalSpaces: 50, location: IN_CITY, openingHours: { is24h: false, rules: [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '22:00' }] } };
    const out = await t.request('POST', '/api/v1/admin/parking/car-parks', { token: admin, body: { ...body, location: { lat: 39.9, lng: 116.4 } } });
    expect(out.status).toBe(422);
    expect(out.body.error).toMatchObject({ code: 'outside_jurisdiction', details: [{ field: 'location' }] });
    const hours = await t.request('POST', '/api/v1/admin/parking/car-parks', { token: admin, body: { ...body, openingHours: { is24h: false, rules: [{ days: [1], open: '08:00', close: '08:00' }] } } });
    expect(hours.status).toBe(422);
    const bad = await t.request('POST', '/api/v1/admin/parking/car-parks', { token: admin, body: { ...body, totalSpaces: -1 } });
    expect(bad.body.error.details[0].field).toBe('totalSpaces');
    const created = await t.request('POST', '/api/v1/admin/parking/car-parks', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '测试停车场', districtCode: '430602', demo: false, freeSpaces: null, occupancySource: 'none', stale: true });
    const wgs = gcj02ToWgs84(IN_CITY);
    const moved = await t.request('PATCH', `/api/v1/admin/parking/car-parks/${created.body.id}`, { token: admin, body: { location: wgs, coordSys: 'wgs84', totalSpaces: 60 } });
    expect(moved.status).toBe(200);
    expect(moved.body.location.lat).toBeCloseTo(IN_CITY.lat, 5);
    expect(moved.body).toMatchObject({ totalSpaces: 60, name: '测试停车场' });
    expect((await t.request('DELETE', `/api/v1/admin/parking/car-parks/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/api/v1/admin/parking/car-parks/${created.body.id}`, { token: admin })).status).toBe(404);
    expect(await t.deps.models.AuditLog.countDocuments({ action: { $in: ['car_park.create', 'car_park.update', 'car_park.delete'] } })).toBe(3);
  });
});

describe('import / export', () => {
  const header = 'name,address,lat,lng,kind,openingHours,accessible,babyRoom,managingUnit';
  const good1 = `南湖公厕,南湖大道,${IN_CITY.lat},${IN_CITY.lng},固定,24h,是,否,岳阳楼区环卫所`;
  const good2 = `金鹗公厕,,29.36,113.13,固定,Mo-Fr 08:00-20:00,否,是,`;

  it('a file with bad rows writes nothing and names every bad row and field', async () => {
    const file = [header, good1, `北京公厕,,39.9,116.4,固定,24h,,,`, `,,29.36,113.13,固定,24h,,,`, `坏时间公厕,,29.36,113.13,固定,Mo 25:00-26:00,,,`, `坏类型公厕,,29.36,113.13,大型,24h,,,`, good2].join('\n');
    const res = await csv(file);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import_invalid');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ row: 3, field: 'lat' }),
      expect.objectContaining({ row: 4, field: 'name' }),
      expect.objectContaining({ row: 5, field: 'openingHours' }),
      expect.objectContaining({ row: 6, field: 'kind' }),
    ]);
    expect(await t.deps.models.Toilet.countDocuments({})).toBe(300);
    expect(await t.deps.models.Toilet.countDocuments({ demo: false })).toBe(0);
  });

  it('mode=valid-only writes the good rows and replaces the demo toilets', async () => {
    const file = [header, good1, `北京公厕,,39.9,116.4,固定,24h,,,`, good2].join('\n');
    const res = await csv(file, '?mode=valid-only');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, demoRemoved: 300 });
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 3, field: 'lat' })]);
    const list = await t.request('GET', '/api/v1/admin/toilets', { token: admin });
    expect(list.body.total).toBe(2);
    expect(list.body.items.find((i: { name: string }) => i.name === '南湖公厕')).toMatchObject({ accessible: true, babyRoom: false, managingUnit: '岳阳楼区环卫所', open24h: true, demo: false });
    const near = await t.request('GET', `/api/v1/toilets/nearby?lat=${IN_CITY.lat}&lng=${IN_CITY.lng}`);
    expect(near.body.demo).toBe(false);
    expect(near.body.items[0]).toMatchObject({ name: '南湖公厕', distanceMeters: 0 });
  });

  it('CSV export → import round-trips (rows with id update); WGS-84 export converts back', async () => {
    const res = await fetch(`${t.url}/api/v1/admin/toilets/export?format=csv&coordSys=wgs84`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    const rows = parseCsv(text);
    expect(rows[0]!.slice(0, 3)).toEqual(['id', 'name', 'address']);
    expect(rows).toHaveLength(3);
    const back = await csv(text);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ created: 0, updated: 2, demoRemoved: 0, errors: [] });
    const doc = (await t.deps.models.Toilet.findOne({ name: '南湖公厕' }).lean())!;
    expect(doc.location!.lat).toBeCloseTo(IN_CITY.lat, 6);
    expect(doc.location!.lng).toBeCloseTo(IN_CITY.lng, 6);
  });

  it('GeoJSON import and export of car parks', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [113.13, 29.37] }, properties: { name: '导入停车场', kind: '公共停车场', totalSpaces: 100, openingHours: 'workday 18:00-07:30; restday 00:00-24:00' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: { name: '线' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [113.13, 29.37] }, properties: { name: '缺车位', kind: '商业' } },
      ],
    };
    const bad = await t.request('POST', '/api/v1/admin/parking/car-parks/import', { token: admin, body: fc, headers: { 'content-type': 'application/geo+json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ row: 2, field: 'geometry' }), expect.objectContaining({ row: 3, field: 'totalSpaces' })]);
    expect(await t.deps.models.CarPark.countDocuments({ demo: true })).toBe(120);
    const ok = await t.request('POST', '/api/v1/admin/parking/car-parks/import?mode=valid-only', { token: admin, body: fc });
    expect(ok.body).toMatchObject({ created: 1, demoRemoved: 120 });
    const exp = await t.request('GET', '/api/v1/admin/parking/car-parks/export?format=geojson', { token: admin });
    expect(exp.body.features).toHaveLength(1);
    expect(exp.body.features[0]).toMatchObject({ geometry: { type: 'Point', coordinates: [113.13, 29.37] }, properties: { name: '导入停车场', kind: '公共停车场', openingHours: 'workday 18:00-07:30; restday 00:00-24:00', districtCode: '430602' } });
    expect((await t.request('POST', '/api/v1/admin/parking/car-parks/import', { token: admin, body: 'x', headers: { 'content-type': 'application/xml' } })).status).toBe(415);
  });
});
