import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { staffToken } from '../../testing/staff-token.js';

let t: TestServer;
let admin: string;
let clock = new Date('2026-11-27T04:00:00Z');
/** Shanghai wall clock → the test clock */
const at = (wall: string) => {
  clock = new Date(`${wall}+08:00`);
};
// a spot in 君山区 away from the demo clusters' densest part; the created toilets sit within 30 m
const SPOT = { lat: 29.4611, lng: 113.0064 };

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
  admin = await staffToken(t, ['admin']);
  const make = async (name: string, dLat: number, openingHours: unknown, extra: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/api/v1/admin/toilets', {
      token: admin,
      body: { name, kind: '固定', location: { lat: SPOT.lat + dLat, lng: SPOT.lng }, openingHours, managingUnit: '君山区环卫所', ...extra },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  await make('夜间公厕', 0.0001, { is24h: false, rules: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '18:00', close: '02:00' }] });
  await make('全天公厕', 0.0002, { is24h: true, rules: [] }, { accessible: true, babyRoom: true, thirdRestroom: true });
  await make('白天公厕', 0.0003, { is24h: false, rules: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '17:00' }] }, { accessible: true });
});
afterAll(async () => t?.close());

const near = async (extra = '') => {
  const res = await t.request('GET', `/api/v1/toilets/nearby?lat=${SPOT.lat}&lng=${SPOT.lng}&radius=40&limit=100${extra}`);
  expect(res.status).toBe(200);
  return res.body;
};
const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name).filter((n) => n.endsWith('公厕') && ['夜间', '全天', '白天'].some((p) => n.startsWith(p)));

describe('GET /api/v1/toilets/nearby', () => {
  it('sorted by distance, with everything the 报告问题 flow needs', async () => {
    at('2026-11-27T12:00:00');
    const body = await near();
    expect(names(body)).toEqual(['夜间公厕', '全天公厕', '白天公厕']);
    const ds = body.items.map((i: { distanceMeters: number }) => i.distanceMeters);
    expect(ds).toEqual([...ds].sort((a, b) => a - b));
    expect(body.reportCategory).toBe('90004');
    expect(body.items.find((i: { name: string }) => i.name === '全天公厕')).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      location: { lat: expect.any(Number), lng: SPOT.lng },
      districtCode: '430611',
      districtName: '君山区',
      open24h: true,
      accessible: true,
      babyRoom: true,
      thirdRestroom: true,
      demo: false,
      openingHoursText: '24 小时开放',
    });
  });

  it('openNow across midnight and for 24h places, in Shanghai time', async () => {
    at('2026-11-27T01:00:00'); // inside the 18:00–02:00 window that began the previous evening
    expect(names(await near('&openNow=true'))).toEqual(['夜间公厕', '全天公厕']);
    at('2026-11-27T02:00:00');
    expect(names(await near('&openNow=true'))).toEqual(['全天公厕']);
    at('2026-11-27T12:00:00');
    expect(names(await near('&openNow=true'))).toEqual(['全天公厕', '白天公厕']);
    at('2026-11-27T23:30:00');
    expect(names(await near('&openNow=1'))).toEqual(['夜间公厕', '全天公厕']);
    const body = await near();
    expect(body.items.find((i: { name: string }) => i.name === '白天公厕').openNow).toBe(false);
    expect(names(await near('&openNow=false'))).toHaveLength(3);
  });

  it('accessible / babyRoom / thirdRestroom filters', async () => {
    expect(names(await near('&accessible=true'))).toEqual(['全天公厕', '白天公厕']);
    expect(names(await near('&babyRoom=true'))).toEqual(['全天公厕']);
    expect(names(await near('&thirdRestroom=true&accessible=true'))).toEqual(['全天公厕']);
  });

  it('detail by id; 404 and 400', async () => {
    const id = (await near()).items[0].id;
    expect((await t.request('GET', `/api/v1/toilets/${id}`)).body).toMatchObject({ id, name: '夜间公厕' });
    expect((await t.request('GET', '/api/v1/toilets/0123456789abcdef01234567')).status).toBe(404);
    expect((await t.request('GET', '/api/v1/toilets/nope')).status).toBe(400);
  });
});
