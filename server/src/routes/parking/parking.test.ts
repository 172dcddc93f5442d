import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcj02ToWgs84, haversineMeters, toGcj02 } from '@cgt/shared/geo/coords';
import { mulberry32 } from '../../domain/poi/prng.js';
import { getPoiSnapshot, refreshPoiIndexIfChanged } from '../../services/poi-index.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { staffToken } from '../../testing/staff-token.js';
import { hashApiKey } from '../../services/operator-api-key.js';

let t: TestServer;
let admin: string;
let clock = new Date('2026-11-27T04:00:00Z'); // 12:00 Shanghai, a Friday (working day)
const CENTRE = { lat: 29.3718, lng: 113.1297 };

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
  admin = await staffToken(t, ['admin']);
});
afterAll(async () => t?.close());

const nearby = (q: string) => t.request('GET', `/api/v1/parking/nearby?${q}`);

describe('demo data', () => {
  it('120 car parks (incl. the named ones) inside the urban districts, all demo', async () => {
    const docs = await t.deps.models.CarPark.find({}).lean();
    expect(docs).toHaveLength(120);
    expect(docs.every((d) => d.demo && ['430602', '430603', '430611'].includes(d.districtCode))).toBe(true);
    const names = docs.map((d) => d.name);
    for (const n of ['王家河桥东停车场', '破窑咀社会停车场', '市五中错时开放停车场', '市九中错时开放停车场', '市十四中错时开放停车场', '市体校错时开放停车场']) expect(names).toContain(n);
    expect(await t.deps.models.Toilet.countDocuments({ demo: true })).toBe(300);
    const school = docs.find((d) => d.name === '市五中错时开放停车场')!;
    const res = await t.request('GET', `/api/v1/parking/${String(school._id)}`);
    expect(res.body).toMatchObject({ kind: '学校错时开放', openNow: false, openingHoursText: '工作日 18:00–次日07:30；休息日及节假日 全天', demo: true, districtName: '岳阳楼区' });
  });
});

describe('GET /api/v1/parking/nearby', () => {
  it('orders by distance and applies the radius exactly like a brute-force haversine scan', async () => {
    const docs = await t.deps.models.CarPark.find({}, { location: 1 }).lean();
    const r = mulberry32(11);
    for (let i = 0; i < 15; i++) {
      const origin = { lat: CENTRE.lat + (r() - 0.5) * 0.2, lng: CENTRE.lng + (r() - 0.5) * 0.25 };
      const radius = [500, 2000, 5000, 20000][i % 4]!;
      const oracle = docs
        .map((d) => ({ id: String(d._id), d: haversineMeters(origin, d.location!) }))
        .filter((h) => h.d <= radius)
        .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
        .slice(0, 100);
      const res = await nearby(`lat=${origin.lat}&lng=${origin.lng}&radius=${radius}&limit=100`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((x: { id: string }) => x.id)).toEqual(oracle.map((o) => o.id));
      expect(res.body.items.map((x: { distanceMeters: number }) => x.distanceMeters)).toEqual(oracle.map((o) => Math.round(o.d)));
    }
  });

  it('defaults (radius 2000, limit 20), bounds and field-named validation errors', async () => {
    const res = await nearby(`lat=${CENTRE.lat}&lng=${CENTRE.lng}`);
    expect(res.body.items.length).toBeLessThanOrEqual(20);
    expect(res.body.items.every((x: { distanceMeters: number }) => x.distanceMeters <= 2000)).toBe(true);
    expect(res.body.demo).toBe(true);
    const far = await nearby(`lat=${CENTRE.lat}&lng=${CENTRE.lng}&radius=20000&limit=100`);
    expect(far.body.items).toHaveLength(100);
    for (const [q, field] of [
      ['lng=113&radius=10', 'query.lat'],
      [`lat=29.37&lng=113.1&radius=20001`, 'query.radius'],
      [`lat=29.37&lng=113.1&limit=101`, 'query.limit'],
      [`lat=29.37&lng=113.1&coordSys=bd09`, 'query.coordSys'],
      [`lat=29.37&lng=113.1&hasFree=maybe`, 'query.hasFree'],
    ] as const) {
      const bad = await nearby(q);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].field).toBe(field);
    }
  });

  it('WGS-84 input is converted to GCJ-02 before searching', async () => {
    const park = (await t.deps.models.CarPark.findOne({ name: '王家河桥东停车场' }).lean())!;
    const wgs = gcj02ToWgs84(park.location!);
    const res = await nearby(`lat=${wgs.lat}&lng=${wgs.lng}&coordSys=wgs84&radius=5&limit=1`);
    expect(res.body.items[0]).toMatchObject({ name: '王家河桥东停车场', distanceMeters: 0 });
    const back = toGcj02(wgs, 'wgs84');
    expect(res.body.origin.lat).toBeCloseTo(back.lat, 9);
    // the same numbers read as GCJ-02 are hundreds of metres off: the car park is not within 5 m
    const raw = await nearby(`lat=${wgs.lat}&lng=${wgs.lng}&radius=5&limit=1`);
    expect(raw.body.items).toHaveLength(0);
  });
});

describe('operator feed PUT /api/v1/parking/:id/occupancy', () => {
  let parkA: { id: string; total: number };
  let parkB: { id: string; total: number };
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    const docs = await t.deps.models.CarPark.find({ kind: '公共停车场' }).sort({ name: 1 }).limit(2).lean();
    parkA = { id: String(docs[0]!._id), total: docs[0]!.totalSpaces };
    parkB = { id: String(docs[1]!._id), total: docs[1]!.totalSpaces };
    const a = await t.request('POST', '/api/v1/admin/parking/operators', { token: admin, body: { name: '甲停车公司', parkingIds: [parkA.id] } });
    expect(a.status).toBe(201);
    keyA = a.body.apiKey;
    keyB = (await t.request('POST', '/api/v1/admin/parking/operators', { token: admin, body: { name: '乙停车公司', parkingIds: [parkB.id] } })).body.apiKey;
  });

  const put = (id: string, body: unknown, key?: string) => t.request('PUT', `/api/v1/parking/${id}/occupancy`, { body, headers: key === undefined ? {} : { 'x-api-key': key } });

  it('keys are shown once and stored only as a SHA-256 hash', async () => {
    const ops = await t.deps.models.ParkingOperator.find({}).lean();
    expect(ops.map((o) => o.keyHash)).toContain(hashApiKey(keyA));
    expect(JSON.stringify(ops)).not.toContain(keyA);
    const list = await t.request('GET', '/api/v1/admin/parking/operators', { token: admin });
    expect(list.body.total).toBe(2);
    expect(JSON.stringify(list.body)).not.toContain(keyA);
    expect(list.body.items[0]).toMatchObject({ name: '甲停车公司', parkingIds: [parkA.id], active: true });
    const bad = await t.request('POST', '/api/v1/admin/parking/operators', { token: admin, body: { name: '丙', parkingIds: ['0123456789abcdef01234567'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].field).toBe('parkingIds[0]');
  });

  it('401 without a key or with a wrong one, 403 on another operator’s car park, 422 out of range', async () => {
    expect((await put(parkA.id, { freeSpaces: 1 })).body.error.code).toBe('api_key_required');
    expect((await put(parkA.id, { freeSpaces: 1 })).status).toBe(401);
    const forged = keyA.slice(0, -4) + (keyA.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await put(parkA.id, { freeSpaces: 1 }, forged)).status).toBe(401);
    expect((await put(parkA.id, { freeSpaces: 1 }, 'not-a-key')).status).toBe(401);
    const other = await put(parkB.id, { freeSpaces: 1 }, keyA);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('car_park_not_assigned');
    expect((await put('0123456789abcdef01234567', { freeSpaces: 1 }, keyA)).status).toBe(403);
    for (const v of [-1, parkA.total + 1]) {
      const res = await put(parkA.id, { freeSpaces: v }, keyA);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'free_spaces_out_of_range', details: [{ field: 'freeSpaces' }] });
    }
    expect((await put(parkA.id, { freeSpaces: 1.5 }, keyA)).status).toBe(400);
    expect(await t.deps.models.ParkingOccupancy.countDocuments({})).toBe(0);
  });

  it('a valid reading is stored, shown fresh, then stale after 15 minutes', async () => {
    const res = await put(parkA.id, { freeSpaces: 7 }, keyA);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: parkA.id, freeSpaces: 7, totalSpaces: parkA.total, updatedAt: clock.toISOString(), stale: false });
    const view = await t.request('GET', `/api/v1/parking/${parkA.id}`);
    expect(view.body).toMatchObject({ freeSpaces: 7, stale: false, occupancySource: 'operator', updatedAt: clock.toISOString() });
    const park = (await t.deps.models.CarPark.findById(parkA.id).lean())!;
    const q = `lat=${park.location!.lat}&lng=${park.location!.lng}&radius=1&hasFree=true`;
    expect((await nearby(q)).body.items.map((x: { id: string }) => x.id)).toEqual([parkA.id]);
    const saved = clock;
    clock = new Date(saved.getTime() + 16 * 60_000);
    try {
      const later = await t.request('GET', `/api/v1/parking/${parkA.id}`);
      expect(later.body).toMatchObject({ freeSpaces: 7, stale: true, updatedAt: saved.toISOString() });
      expect((await nearby(q)).body.items).toHaveLength(0); // a stale count does not promise a space
      expect((await put(parkA.id, { freeSpaces: 0 }, keyA)).body.stale).toBe(false);
      expect((await nearby(q)).body.items).toHaveLength(0); // fresh, but full
    } finally {
      clock = saved;
    }
  });

  it('concurrent readings: every request succeeds and the stored value is one of them (last writer wins)', async () => {
    const values = [3, 4, 5, 6, 8, 9];
    const results = await Promise.all(values.map((v) => put(parkB.id, { freeSpaces: v }, keyB)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const stored = await t.deps.models.ParkingOccupancy.findById(parkB.id).lean();
    expect(values).toContain(stored!.freeSpaces);
    expect(await t.deps.models.ParkingOccupancy.countDocuments({ _id: parkB.id })).toBe(1);
  });

  it('another instance sees readings and data changes through the version documents', async () => {
    const other = { ...t.deps, models: { ...t.deps.models } };
    await getPoiSnapshot(other);
    clock = new Date(clock.getTime() + 30 * 60_000); // after the reading stored at +16 min above (last writer wins by server time)
    await put(parkA.id, { freeSpaces: 2 }, keyA);
    expect(await refreshPoiIndexIfChanged(other)).toBe(true);
    const { occupancyOf } = await import('../../services/poi-index.js');
    expect(occupancyOf(other, parkA.id)?.freeSpaces).toBe(2);
    await t.request('PATCH', `/api/v1/admin/parking/car-parks/${parkA.id}`, { token: admin, body: { name: '改名停车场' } });
    expect(await refreshPoiIndexIfChanged(other)).toBe(true);
    expect((await getPoiSnapshot(other)).carParkById.get(parkA.id)!.name).toBe('改名停车场');
    expect(await refreshPoiIndexIfChanged(other)).toBe(false);
  });

  it('a deactivated operator’s key stops working; rotation invalidates the old key', async () => {
    const ops = (await t.request('GET', '/api/v1/admin/parking/operators', { token: admin })).body.items;
    const b = ops.find((o: { name: string }) => o.name === '乙停车公司');
    const off = await t.request('PATCH', `/api/v1/admin/parking/operators/${b.id}`, { token: admin, body: { active: false } });
    expect(off.body).toMatchObject({ active: false });
    expect((await put(parkB.id, { freeSpaces: 1 }, keyB)).status).toBe(401);
    await t.request('PATCH', `/api/v1/admin/parking/operators/${b.id}`, { token: admin, body: { active: true } });
    const rotated = await t.request('POST', `/api/v1/admin/parking/operators/${b.id}/rotate-key`, { token: admin });
    expect(rotated.body.apiKey).not.toBe(keyB);
    expect((await put(parkB.id, { freeSpaces: 1 }, keyB)).status).toBe(401);
    expect((await put(parkB.id, { freeSpaces: 1 }, rotated.body.apiKey)).status).toBe(200);
  });
});
