import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcj02ToWgs84 } from '@cgt/shared/geo/coords';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { JUNSHAN, makeStaff } from '../../testing/tickets.js';

/** The same Open311 filing retried within 24 h answers the same request; later, or changed, it is a new one. */

let t: TestServer;
let clock = new Date('2026-11-27T02:00:00Z');
let key: string;
const WGS = gcj02ToWgs84(JUNSHAN);

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
  const admin = await makeStaff(t, ['admin']);
  const res = await t.request('POST', '/api/v1/admin/open311/keys', {
    token: admin.token,
    body: { name: '桥接', contact: 'ops@example.org', operations: ['file', 'read'], rateLimitPerMinute: 1000 },
  });
  key = res.body.key;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function file(over: Record<string, string> = {}) {
  const body = new URLSearchParams({ api_key: key, service_code: '06010', lat: String(WGS.lat), long: String(WGS.lng), description: '垃圾未清', device_id: 'd-1', ...over });
  const res = await fetch(`${t.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const json = (await res.json()) as { service_request_id: string }[];
  return { status: res.status, id: json[0]!.service_request_id };
}

const hours = (h: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + h * 3600_000);

describe('Open311 retry window', () => {
  it('same body within 24 h → same request; after 24 h or with another device/description → a new one', async () => {
    clock = hours(0);
    const first = await file();
    expect(first.status).toBe(201);
    clock = hours(23.5); // another 24 h bucket, still within 24 h of the first
    expect(await file()).toEqual({ status: 200, id: first.id });
    // the point written differently is the same point
    expect(await file({ lat: WGS.lat.toFixed(7), long: `${WGS.lng.toFixed(6)}0` })).toEqual({ status: 200, id: first.id });
    const otherDevice = await file({ device_id: 'd-2' });
    expect(otherDevice.status).toBe(201);
    expect(otherDevice.id).not.toBe(first.id);
    const otherText = await file({ description: '垃圾仍未清' });
    expect(otherText.status).toBe(201);
    clock = hours(24.5);
    const later = await file();
    expect(later.status).toBe(201);
    expect(later.id).not.toBe(first.id);
    clock = hours(26);
    expect(await file()).toEqual({ status: 200, id: later.id });
  });

  it('concurrent identical filings → one ticket', async () => {
    clock = hours(100);
    const results = await Promise.all(Array.from({ length: 5 }, () => file({ description: '并发重试' })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await t.deps.connection.db!.collection('tickets').countDocuments({ description: '并发重试' })).toBe(1);
  });
});
