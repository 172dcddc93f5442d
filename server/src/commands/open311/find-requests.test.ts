import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUESTS } from '@cgt/shared/open311/mapping';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { findRequestsInWindow } from './find-requests.js';
import { packRow, type Open311Row } from './open311-rows.js';

/**
 * The Open311 window walk reads days newest first. A quiet today (a few rows this morning) must not make it
 * guess a low rate and read ten full days in one step: on FerretDB every row read costs, and the default
 * answer (the newest 1,000 of 90 days) is what every client asks for.
 */

const NOW = new Date('2026-11-20T13:00:00Z'); // 21:00 in Shanghai
const PER_DAY = 300;
const DAY_MS = 86_400_000;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ now: () => NOW });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

function row(createdAt: Date, i: number) {
  return packRow({
    _id: new Types.ObjectId(),
    version: 1,
    day: shanghaiDay(createdAt),
    status: 'open',
    trackingNo: `YY${shanghaiDay(createdAt).replaceAll('-', '')}-${String(i).padStart(6, '0')}`,
    categoryCode: '06010',
    categoryName: '暴露垃圾',
    description: '测试',
    note: '',
    address: '',
    lat: 29.37,
    lng: 113.13,
    agency: '岳阳楼区',
    photoId: null,
    mediaUrl: null,
    createdAt,
    updatedAt: createdAt,
    dueAt: new Date(createdAt.getTime() + DAY_MS),
  } as Open311Row);
}

describe('findRequestsInWindow', () => {
  it('answers the newest 1,000 in order, reading about as many rows as it returns after a quiet today', async () => {
    const docs = [];
    // today: five rows this morning; the twelve days before: PER_DAY rows each, spread over the day
    for (let i = 0; i < 5; i++) docs.push(row(new Date(Date.parse('2026-11-20T01:00:00Z') + i * 60_000), i));
    for (let d = 1; d <= 12; d++) {
      const dayStart = Date.parse('2026-11-20T00:00:00+08:00') - d * DAY_MS;
      for (let i = 0; i < PER_DAY; i++) docs.push(row(new Date(dayStart + 60_000 + i * 280_000), d * 1000 + i));
    }
    await t.deps.models.Open311Row.insertMany(docs);

    let rowsRead = 0;
    const model = t.deps.models.Open311Row;
    const find = model.find.bind(model);
    (model as { find: unknown }).find = (...args: Parameters<typeof find>) => {
      const q = find(...args);
      const lean = q.lean.bind(q);
      (q as { lean: unknown }).lean = () => lean().then((r: unknown[]) => ((rowsRead += r.length), r));
      return q;
    };
    try {
      const out = await findRequestsInWindow(t.deps, { start: new Date(NOW.getTime() - 90 * DAY_MS), end: NOW, serviceCodes: [] });
      expect(out).toHaveLength(MAX_REQUESTS);
      const want = docs.map((d) => d.createdAt.getTime()).sort((a, b) => b - a).slice(0, MAX_REQUESTS);
      expect(out.map((r) => r.createdAt.getTime())).toEqual(want);
      // the answer needs today and 4 days (5 + 4 × 300 rows); a step of ten days would read 3,005
      expect(rowsRead).toBeLessThanOrEqual(5 + 5 * PER_DAY);
    } finally {
      (model as { find: unknown }).find = find;
    }
  });
});
