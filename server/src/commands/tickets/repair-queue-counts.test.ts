import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { bucketId, shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { markBucketsChanged, readBuckets } from './queue-counts.js';
import { repairQueueCounts } from './repair-queue-counts.js';

function row(over: Record<string, unknown>) {
  const now = new Date();
  return {
    _id: new Types.ObjectId(), trackingNo: `R${Math.random()}`, status: 'dispatched', version: 0, categoryCode: '06010', categoryName: '暴露垃圾', description: '',
    lat: 29.37, lng: 113.1, citizenId: 'c', districtCode: '430621', districtName: '岳阳县', month: '2026-12', dupKey: 'k', createdAt: now, updatedAt: now, ...over,
  };
}

describe('queue count audit', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ seed: false });
  });
  afterAll(async () => {
    await s.close();
  });

  it('finds buckets a crashed writer left without markers, and leaves right ones alone', async () => {
    const due = new Date(Date.now() + 3 * 86400_000);
    const dueDay = shanghaiDay(due);
    const cell = 'district:430621';
    // a proper write: row + marker, counted by a reader
    const ok = row({ dueAt: due, dueDay });
    await s.deps.models.TicketQueue.create(ok as never);
    await markBucketsChanged(s.deps, [bucketId(cell, 'dispatched', dueDay), bucketId('all', 'dispatched', dueDay)], `${String(ok._id)}.0`);
    expect((await readBuckets(s.deps, [cell])).find((b) => b.dueDay === dueDay)?.n).toBe(1);
    // two writers that died before their markers: the directory still says 1
    await s.deps.models.TicketQueue.create([row({ dueAt: due, dueDay }), row({ dueAt: due, dueDay, status: 'accepted' })] as never);
    expect((await readBuckets(s.deps, [cell])).find((b) => b.dueDay === dueDay && b.status === 'dispatched')?.n).toBe(1);

    expect(await repairQueueCounts(s.deps)).toBeGreaterThanOrEqual(2);
    const after = await readBuckets(s.deps, [cell]);
    expect(after.filter((b) => b.dueDay === dueDay).sort((a, b) => a.status.localeCompare(b.status)).map(({ countedAt: _, ...b }) => b)).toEqual([
      { cell, status: 'accepted', dueDay, n: 1 },
      { cell, status: 'dispatched', dueDay, n: 2 },
    ]);
    // a second audit finds nothing off in this district
    await repairQueueCounts(s.deps);
    const again = await readBuckets(s.deps, [cell]);
    expect(again.filter((b) => b.dueDay === dueDay).map((b) => b.n).sort()).toEqual([1, 2]);
  });
});
