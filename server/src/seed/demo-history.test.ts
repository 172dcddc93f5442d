import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureGinTwins } from '../db/postgres-gin-indexes.js';
import { addMonths, lastDayOfMonth, monthOfDay, shanghaiDayOf } from '@cgt/shared/stats/period';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { makeStaff } from '../testing/tickets.js';
import { ensureDemoHistory } from './demo-history.js';

let t: TestServer;
const now = new Date('2026-12-02T02:00:00Z');

beforeAll(async () => {
  t = await startTestServer({ now: () => now });
  // the equality indexes the embedded server creates at boot (db/postgres-gin-indexes.ts)
  const pg = inject('postgresUrl');
  if (pg) await ensureGinTwins(pg, t.deps.connection, Object.values(t.deps.models));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo history for the 考核 dashboard', () => {
  it('writes months of 【演示】 cases once, with their statistics rows, and the districts differ', async () => {
    const n = await ensureDemoHistory(t.deps, () => undefined, { waitForRows: true });
    expect(n).toBeGreaterThan(200);
    expect(await ensureDemoHistory(t.deps)).toBe(0);
    const sample = await t.deps.connection.db!.collection('tickets').findOne({});
    expect(sample!.description).toMatch(/^【演示】/);
    const viewer = await makeStaff(t, ['viewer']);
    // two months back: wholly inside the history
    const month = addMonths(monthOfDay(shanghaiDayOf(now)), -2);
    const res = await t.request('GET', `/api/v1/admin/stats/assessment?from=${month}-01&to=${lastDayOfMonth(month)}`, { token: viewer.token });
    expect(res.status).toBe(200);
    const by = (code: string) => res.body.items.find((i: { code: string }) => i.code === code);
    expect(by('430602').indicators.reportedCount).toBeGreaterThan(8);
    expect(by('430602').score).toBeGreaterThan(by('430611').score);
    expect(res.body.items.filter((i: { score: number | null }) => i.score !== null).length).toBeGreaterThan(3);
    expect(new Set(res.body.items.map((i: { grade: string | null }) => i.grade)).size).toBeGreaterThan(1);
    // 延期: real numbers, more of them where handling is weaker
    const cur = monthOfDay(shanghaiDayOf(now));
    const all = await t.request('GET', `/api/v1/admin/stats/assessment?from=${addMonths(cur, -7)}-01&to=${lastDayOfMonth(addMonths(cur, -1))}`, { token: viewer.token });
    const ext = (code: string) => all.body.items.find((i: { code: string }) => i.code === code).indicators;
    expect(ext('430611').extendedCount).toBeGreaterThan(3);
    expect(ext('430611').extensionRate).toBeGreaterThan(ext('430602').extensionRate);
  }, 300_000);
});
