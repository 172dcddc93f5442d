import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { bucketsOfRow, shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { markBucketsChanged, readBuckets } from './queue-counts.js';
import { todayRunningRows } from './today-rows.js';

describe("today's running rows (the 超期 split), kept while the bucket's count is unchanged", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ seed: false });
  });
  afterAll(async () => {
    await s.close();
  });

  it('reuses the rows until a write is counted, then reads the changed bucket again', async () => {
    const now = new Date();
    const today = shanghaiDay(now);
    const cell = 'district:430624';
    const add = async (status: string, dueAt: Date) => {
      const r = {
        _id: new Types.ObjectId(), trackingNo: `D${Math.random()}`, status, version: 0, categoryCode: '06010', categoryName: '暴露垃圾', description: '', lat: 29.3, lng: 113.2,
        citizenId: 'c', districtCode: '430624', districtName: '湘阴县', dueAt, dueDay: today, month: today.slice(0, 7), dupKey: 'k', createdAt: now, updatedAt: now,
      };
      await s.deps.models.TicketQueue.create(r as never);
      await markBucketsChanged(s.deps, bucketsOfRow(r as never), `${String(r._id)}.0`);
      return r;
    };
    await add('dispatched', new Date(now.getTime() - 60_000));
    await add('accepted', new Date(now.getTime() + 60_000));
    const first = await todayRunningRows(s.deps, await readBuckets(s.deps, [cell]), cell, today);
    expect(first.map((r) => r.status).sort()).toEqual(['accepted', 'dispatched']);

    // a row written behind the directory's back (no marker) is not seen while the entry is unchanged: the rows were kept
    const db = s.deps.connection.db!;
    await db.collection('ticket_queue').insertOne({ _id: new Types.ObjectId(), status: 'dispatched', districtCode: '430624', dueDay: today, dueAt: now } as never);
    const kept = await todayRunningRows(s.deps, await readBuckets(s.deps, [cell]), cell, today);
    expect(kept).toHaveLength(2);

    // a proper write is marked, the reader recounts, the entry changes, the bucket is read again
    await add('dispatched', new Date(now.getTime() - 120_000));
    const buckets = await readBuckets(s.deps, [cell]);
    expect(buckets.find((b) => b.status === 'dispatched' && b.dueDay === today)?.n).toBe(3);
    const fresh = await todayRunningRows(s.deps, buckets, cell, today);
    expect(fresh.filter((r) => r.status === 'dispatched')).toHaveLength(3);
  });
});
