import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketMapResponse } from '@cgt/shared/schemas/map';
import { RAISED_LIMITS, startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport, JUNSHAN, JUNSHAN_CODE, makeCitizen, makeStaff, YUEYANGLOU, YUEYANGLOU_CODE } from '../../testing/tickets.js';
import { ticketMapMarkers } from '../../commands/tickets/map-markers.js';
import { streetsChanged } from '../../services/map-base.js';
import { contentSecurityPolicy } from '../../http/security-headers.js';
import { tileImageSource } from '../../domain/map/tiles.js';
import type { StaffPrincipal } from '../../http/auth.js';

let t: TestServer;
let resident: string;
const filed: { id: string; district: string }[] = [];

beforeAll(async () => {
  t = await startTestServer({ env: { ...RAISED_LIMITS, MAP_TILE_URL: 'https://{s}.tiles.example.cn/{z}/{x}/{y}.png?key={key}', MAP_TILE_KEY: 'k&1', MAP_TILE_SUBDOMAINS: 'a,b', MAP_TILE_DATUM: 'wgs84' } });
  resident = (await makeCitizen(t)).token;
  for (const [p, district] of [[JUNSHAN, JUNSHAN_CODE], [JUNSHAN, JUNSHAN_CODE], [YUEYANGLOU, YUEYANGLOU_CODE]] as const) {
    const r = await fileReport(t, resident, { location: { lat: p.lat + Math.random() * 0.001, lng: p.lng } });
    expect(r.status).toBe(201);
    filed.push({ id: r.body.id, district });
  }
});
afterAll(async () => t?.close());

describe('GET /api/v1/map/config', () => {
  it('gives the configured tile provider to anyone, key filled in, with its datum; CSP admits its images', async () => {
    const res = await t.request('GET', '/api/v1/map/config');
    expect(res.status).toBe(200);
    expect(res.body.tiles).toEqual({ urlTemplate: 'https://{s}.tiles.example.cn/{z}/{x}/{y}.png?key=k%261', subdomains: ['a', 'b'], datum: 'wgs84', attribution: '', maxZoom: 18 });
    expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data: blob: https://*.tiles.example.cn");
  });

  it('says tiles: null when no provider is configured (the base is drawn from our outlines)', async () => {
    const plain = await startTestServer({ seed: false });
    try {
      const res = await plain.request('GET', '/api/v1/map/config');
      expect(res.body.tiles).toBeNull();
      expect(res.body.center.lat).toBeGreaterThan(29);
      expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data: blob:;");
    } finally {
      await plain.close();
    }
  });

  it('CSP sources: same-origin templates need none, placeholders elsewhere in the host fall back to the scheme', () => {
    expect(tileImageSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(tileImageSource('http://127.0.0.1:9000/{z}/{x}/{y}.png')).toBe('http://127.0.0.1:9000');
    expect(tileImageSource('https://t{s}.tianditu.gov.cn/{z}/{x}/{y}')).toBe('https:');
    expect(contentSecurityPolicy('https://a.b')).toContain("img-src 'self' data: blob: https://a.b;");
  });

  it('refuses a tile template without {z}/{x}/{y} at start-up', async () => {
    await expect(startTestServer({ seed: false, env: { MAP_TILE_URL: 'https://x.example/tile.png' } })).rejects.toThrow(/MAP_TILE_URL/);
  });
});

describe('GET /api/v1/map/base', () => {
  it('serves compact outlines of every district and zone with label points, and the street units; 304 on revalidation', async () => {
    const res = await t.request('GET', '/api/v1/map/base');
    expect(res.status).toBe(200);
    const body = res.body as { areas: { code: string; kind: string; polygons: number[][][][]; label: { lat: number } }[]; streets: { name: string }[] };
    expect(body.areas.filter((a) => a.kind === 'district')).toHaveLength(9);
    expect(body.areas.filter((a) => a.kind === 'zone').length).toBeGreaterThanOrEqual(3);
    const junshan = body.areas.find((a) => a.code === JUNSHAN_CODE)!;
    expect(junshan.label.lat).toBeCloseTo(29.461, 2);
    const ring = junshan.polygons[0]![0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.length).toBeGreaterThan(10);
    expect(ring.length).toBeLessThan(576); // simplified
    expect(body.streets.map((s) => s.name)).toContain('柳林洲街道');
    const raw = JSON.stringify(res.body).length;
    expect(raw).toBeLessThan(200_000); // the full geometry is ≈ 280 kB
    const etag = res.headers.get('etag')!;
    expect((await t.request('GET', '/api/v1/map/base', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});

describe('routing preview names the nearest street unit', () => {
  it('null while no unit of the district has a seat; the nearest one once they do, only within the district', async () => {
    const before = await t.request('GET', `/api/v1/routing/resolve?lat=${JUNSHAN.lat}&lng=${JUNSHAN.lng}`);
    expect(before.status).toBe(200);
    expect(before.body.street).toBeNull();
    await t.deps.models.Street.updateOne({ name: '柳林洲街道' }, { $set: { center: { lat: JUNSHAN.lat + 0.01, lng: JUNSHAN.lng } } });
    await t.deps.models.Street.updateOne({ code: '430602001' }, { $set: { center: { lat: JUNSHAN.lat, lng: JUNSHAN.lng } } }); // another district's unit, closer
    streetsChanged(t.deps);
    const after = await t.request('GET', `/api/v1/routing/resolve?lat=${JUNSHAN.lat}&lng=${JUNSHAN.lng}`);
    expect(after.body.district.name).toBe('君山区');
    expect(after.body.street.name).toBe('柳林洲街道');
    const base = await t.request('GET', '/api/v1/map/base');
    expect(base.body.streets.find((s: { name: string }) => s.name === '柳林洲街道').center.lat).toBeCloseTo(JUNSHAN.lat + 0.01, 5);
  });
});

describe('GET /api/v1/admin/map/tickets', () => {
  it('dispatchers, leaders and admins only; a handler or a resident is refused', async () => {
    for (const roles of [['dispatcher'], ['viewer'], ['admin']] as const) {
      const s = await makeStaff(t, [...roles]);
      expect((await t.request('GET', '/api/v1/admin/map/tickets', { token: s.token })).status).toBe(200);
    }
    const handler = await makeStaff(t, ['handler']);
    expect((await t.request('GET', '/api/v1/admin/map/tickets', { token: handler.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/admin/map/tickets', { token: resident })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/admin/map/tickets')).status).toBe(401);
  });

  it('city-wide: every open ticket with position and state, the exact total; a district filter narrows', async () => {
    const d = await makeStaff(t, ['dispatcher']);
    const res = await t.request('GET', '/api/v1/admin/map/tickets', { token: d.token });
    const body = res.body as TicketMapResponse;
    for (const f of filed) expect(body.markers.map((m) => m.id)).toContain(f.id);
    expect(body.totalExact).toBe(true);
    expect(body.total).toBe(body.markers.length);
    const m = body.markers.find((x) => x.id === filed[0]!.id)!;
    expect(m).toMatchObject({ status: 'submitted', overdue: false });
    expect(m.lat).toBeCloseTo(JUNSHAN.lat, 2);
    expect(Object.keys(m).sort()).toEqual(['categoryName', 'dueAt', 'id', 'lat', 'lng', 'overdue', 'status', 'trackingNo']);

    const js = (await t.request('GET', `/api/v1/admin/map/tickets?districtCode=${JUNSHAN_CODE}`, { token: d.token })).body as TicketMapResponse;
    expect(js.markers.map((x) => x.id)).toEqual(expect.arrayContaining(filed.filter((f) => f.district === JUNSHAN_CODE).map((f) => f.id)));
    expect(js.markers.map((x) => x.id)).not.toContain(filed[2]!.id);
    const cat = (await t.request('GET', '/api/v1/admin/map/tickets?categoryCode=99999', { token: d.token })).body as TicketMapResponse;
    expect(cat.markers).toEqual([]);
    expect(cat.totalExact).toBe(false);
    expect((await t.request('GET', '/api/v1/admin/map/tickets?overdue=1', { token: d.token })).body.markers.map((x: { id: string }) => x.id)).not.toContain(filed[0]!.id);
  });

  it('a district dispatcher sees only the district, whatever the filter asks', async () => {
    const local = await makeStaff(t, ['dispatcher'], { districtCodes: [YUEYANGLOU_CODE] });
    const own = (await t.request('GET', '/api/v1/admin/map/tickets', { token: local.token })).body as TicketMapResponse;
    expect(own.markers.map((x) => x.id)).toContain(filed[2]!.id);
    expect(own.markers.map((x) => x.id)).not.toContain(filed[0]!.id);
    const other = (await t.request('GET', `/api/v1/admin/map/tickets?districtCode=${JUNSHAN_CODE}`, { token: local.token })).body as TicketMapResponse;
    expect(other.markers).toEqual([]);
  });

  it('bad filters are 4xx with the field named: a final state, a malformed category', async () => {
    const d = await makeStaff(t, ['dispatcher']);
    const closed = await t.request('GET', '/api/v1/admin/map/tickets?status=closed', { token: d.token });
    expect(closed.status).toBe(400);
    expect(JSON.stringify(closed.body)).toContain('status');
    expect((await t.request('GET', '/api/v1/admin/map/tickets?categoryCode=abc', { token: d.token })).status).toBe(400);
  });

  it('caps the markers, most urgent first, and still says how many there are', async () => {
    const d = await makeStaff(t, ['dispatcher']);
    const p: StaffPrincipal = { kind: 'staff', userId: d.id, roles: ['dispatcher'], districtCodes: [], departmentIds: [], username: 'x', displayName: 'x' };
    const capped = await ticketMapMarkers(t.deps, p, {}, 2);
    expect(capped.markers).toHaveLength(2);
    expect(capped.total).toBeGreaterThanOrEqual(3);
    expect(capped.totalExact).toBe(true);
    expect(capped.cap).toBe(2);
    expect(capped.markers[0]!.dueAt <= capped.markers[1]!.dueAt).toBe(true);
  });
});
