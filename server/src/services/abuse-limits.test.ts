import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { fileReport, makeCitizen, reportBody } from '../testing/tickets.js';
import { fileComplaint } from '../testing/complaints.js';
import { housekeeping } from '../jobs/housekeeping.js';

/**
 * Abuse limits per resident and per IP, counted in the database (rate_slots), answered with
 * 429 + Retry-After + a Chinese message, and a refused request creates nothing.
 */

const HOUR = 3600_000;
/** 02:30 UTC: 30 minutes into an hour window, 10.5 hours into a UTC day window */
const START = Date.parse('2026-12-02T02:30:00.000Z');
let offset = 0;
const clock = () => new Date(START + offset);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ now: clock, env: { DEMO_LOGIN: '1', TRUST_PROXY: '1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const db = () => t.deps.connection.db!;
/** the driver directly: a test's check on the stored data, not an app query */
const ticketsOf = (citizenId: string) => db().collection('tickets').countDocuments({ 'reporter.citizenId': citizenId });
const slotsCount = () => db().collection('rate_slots').countDocuments({});
/** each test files from its own address (TRUST_PROXY=1), so the per-IP limit of one test does not leak into another */
const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });

async function report(token: string, ip: string, key = randomUUID(), over: Record<string, unknown> = {}) {
  return t.request('POST', '/api/v1/reports', { token, body: reportBody(over), headers: { 'idempotency-key': key, ...fromIp(ip) } });
}

function expectRateLimited(res: { status: number; body: any; headers: Headers }) {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('rate_limited');
  expect(res.body.error.message).toMatch(/操作过于频繁/);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  return retryAfter;
}

describe('reports per resident (default 10 per hour)', () => {
  it('the 11th report in the hour is 429 with Retry-After to the end of the window; nothing is written', async () => {
    offset = 0;
    const c = await makeCitizen(t);
    for (let i = 0; i < 10; i++) expect((await report(c.token, '10.0.1.1')).status).toBe(201);
    const slots = await slotsCount();
    const refused = await report(c.token, '10.0.1.1');
    // 30 minutes left in the window
    expect(expectRateLimited(refused)).toBe(1800);
    expect(refused.body.error.message).toContain('每人每小时最多上报 10 条');
    expect(await ticketsOf(c.id)).toBe(10);
    expect(await slotsCount()).toBe(slots);
    // another resident on the same network is not affected
    const other = await makeCitizen(t);
    expect((await report(other.token, '10.0.1.1')).status).toBe(201);
  });

  it('a retry with the same Idempotency-Key replays its answer even when the budget is spent', async () => {
    offset = 0;
    const c = await makeCitizen(t);
    const keys = Array.from({ length: 10 }, () => randomUUID());
    const first: Array<{ body: any }> = [];
    for (const k of keys) first.push(await report(c.token, '10.0.2.1', k));
    const again = await report(c.token, '10.0.2.1', keys[3]);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first[3]!.body.id);
    expect(await ticketsOf(c.id)).toBe(10);
  });

  it('a refused bad request costs no slot', async () => {
    offset = 0;
    const c = await makeCitizen(t);
    for (let i = 0; i < 5; i++) {
      const bad = await report(c.token, '10.0.3.1', randomUUID(), { location: { lat: 39.9, lng: 116.4 } });
      expect(bad.status).toBe(422);
    }
    for (let i = 0; i < 10; i++) expect((await report(c.token, '10.0.3.1')).status).toBe(201);
  });

  it('concurrent filings never exceed the limit', async () => {
    offset = 0;
    const c = await makeCitizen(t);
    const results = await Promise.all(Array.from({ length: 16 }, () => report(c.token, '10.0.4.1')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect(await ticketsOf(c.id)).toBe(10);
  }, 120_000);

  it('the window rolls over: the next hour has a fresh budget, and housekeeping removes the old slots', async () => {
    offset = 0;
    const c = await makeCitizen(t);
    for (let i = 0; i < 10; i++) expect((await report(c.token, '10.0.5.1')).status).toBe(201);
    expectRateLimited(await report(c.token, '10.0.5.1'));
    offset = 31 * 60_000; // 03:01, the next window
    expect((await report(c.token, '10.0.5.1')).status).toBe(201);
    expect(await ticketsOf(c.id)).toBe(11);
    offset = 3 * HOUR;
    const purged = await housekeeping(t.deps);
    expect(purged.rateSlots).toBeGreaterThanOrEqual(11);
    offset = 0;
  });
});

describe('reports per IP (REPORTS_PER_HOUR_PER_IP)', () => {
  it('many residents from one address are refused past the limit; other addresses are not', async () => {
    const t2 = await startTestServer({ now: clock, env: { TRUST_PROXY: '1', REPORTS_PER_HOUR_PER_IP: '3' } });
    try {
      offset = 0;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const c = await makeCitizen(t2);
        statuses.push(
          (await t2.request('POST', '/api/v1/reports', { token: c.token, body: reportBody(), headers: { 'idempotency-key': randomUUID(), ...fromIp('10.9.9.9') } })).status,
        );
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      const c = await makeCitizen(t2);
      const elsewhere = await t2.request('POST', '/api/v1/reports', { token: c.token, body: reportBody(), headers: { 'idempotency-key': randomUUID(), ...fromIp('10.9.9.10') } });
      expect(elsewhere.status).toBe(201);
      // the refused resident's slot of the per-resident rule was given back: the refusal left nothing
      expect(await t2.deps.connection.db!.collection('rate_slots').countDocuments({})).toBe(3 * 2 + 2);
      expect(await t2.deps.connection.db!.collection('tickets').countDocuments({})).toBe(4);
    } finally {
      await t2.close();
    }
  }, 120_000);
});

describe('complaints per resident (default 3 per day)', () => {
  it('the 4th 信访 of the day is 429 and no case is registered; the next day is allowed', async () => {
    offset = 0;
    const c = await makeCitizen(t);
    for (let i = 0; i < 3; i++) expect((await fileComplaint(t, c.token, { content: `第 ${i + 1} 件：小区门口烧烤摊每晚营业到凌晨两点` })).status).toBe(201);
    const refused = await fileComplaint(t, c.token, { content: '第 4 件：小区门口烧烤摊每晚营业到凌晨两点' });
    // 10:30 in Beijing: 13.5 hours to the end of the resident's day
    expect(expectRateLimited(refused)).toBe(13.5 * 3600);
    expect(refused.body.error.message).toContain('每人每天最多提交 3 件信访');
    const stored = await db().collection('complaints').countDocuments({ citizenId: c.id });
    expect(stored).toBe(3);
    offset = 14 * HOUR;
    expect((await fileComplaint(t, c.token, { content: '第二天：小区门口烧烤摊每晚营业到凌晨两点' })).status).toBe(201);
    offset = 0;
  }, 120_000);
});

describe('demo login per IP (default 10 per minute)', () => {
  it('the 11th demo login from one address in a minute is 429; other addresses and the next minute are allowed', async () => {
    offset = 0;
    const login = (ip: string, nickname = `演示${randomUUID().slice(0, 6)}`) =>
      t.request('POST', '/api/v1/auth/demo', { body: { nickname }, headers: fromIp(ip) });
    for (let i = 0; i < 10; i++) expect((await login('10.0.8.1')).status).toBe(200);
    const citizens = await db().collection('citizens').countDocuments({});
    const refused = await login('10.0.8.1');
    expect(expectRateLimited(refused)).toBe(60);
    expect(await db().collection('citizens').countDocuments({})).toBe(citizens);
    expect((await login('10.0.8.2')).status).toBe(200);
    offset = 60_000;
    expect((await login('10.0.8.1')).status).toBe(200);
    offset = 0;
  });
});
