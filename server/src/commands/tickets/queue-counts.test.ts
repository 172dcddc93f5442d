import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { bucketId, bucketsOfRow, cellsForPrincipal, cellsOfRow, shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { drainQueueCounts, markBucketsChanged, readBuckets, recountBucket, recountBuckets } from './queue-counts.js';

/** A queue row with only what counting looks at (the directory never reads the rest). */
function row(i: number, over: Record<string, unknown> = {}) {
  const now = new Date();
  return {
    _id: new Types.ObjectId(),
    trackingNo: `T${i}`, status: 'submitted', version: 0, categoryCode: '06010', categoryName: '暴露垃圾', description: '', lat: 29.37, lng: 113.1,
    citizenId: 'c', districtCode: '430602', districtName: '岳阳楼区', dueAt: now, dueDay: shanghaiDay(now), month: '2026-12', dupKey: 'k',
    createdAt: now, updatedAt: now, ...over,
  };
}

describe('queue bucket directory', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ seed: false });
  });
  afterAll(async () => {
    await s.close();
  });

  it('stays exact when 24 writers add rows to one bucket and recount at once (no $inc anywhere)', async () => {
    const day = '2030-01-01';
    const bucket = bucketId('district:430602', 'submitted', day);
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        Array.from({ length: 24 }, async (_, i) => {
          await s.deps.models.TicketQueue.create(row(round * 100 + i, { dueDay: day }) as never);
          await recountBucket(s.deps, bucket);
        }),
      );
      const real = await s.deps.models.TicketQueue.countDocuments({ districtCode: '430602', status: 'submitted', dueDay: day });
      const dir = await s.deps.models.QueueCount.findById(bucket).lean();
      expect(dir?.n).toBe(real);
      expect(real).toBe(24 * (round + 1));
    }
  });

  it('writers only mark; every reader sees at least every write that finished before it started, and the end is exact', async () => {
    const day = '2030-03-03';
    const cell = 'district:430603';
    const bucket = bucketId(cell, 'submitted', day);
    let finished = 0;
    let writing = true;
    const seen: Array<{ before: number; n: number }> = [];
    const reader = async () => {
      while (writing) {
        const before = finished;
        const n = (await readBuckets(s.deps, [cell])).find((b) => b.dueDay === day)?.n ?? 0;
        seen.push({ before, n });
      }
    };
    const readers = [reader(), reader(), reader()];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const r = row(1000 + i, { dueDay: day, districtCode: '430603' });
        await s.deps.models.TicketQueue.create(r as never);
        await markBucketsChanged(s.deps, [bucket], `${String(r._id)}.0`);
        finished++;
      }),
    );
    writing = false;
    await Promise.all(readers);
    expect(seen.length).toBeGreaterThan(0);
    for (const x of seen) expect(x.n).toBeGreaterThanOrEqual(x.before);
    expect((await readBuckets(s.deps, [cell])).find((b) => b.dueDay === day)?.n).toBe(30);
    const db = s.deps.connection.db!;
    expect(await db.collection('queue_count_dirty').countDocuments({ cell })).toBe(0);
  });

  it('the drain job recounts buckets nobody read, and a repeated mark of one change adds nothing', async () => {
    const day = '2030-04-04';
    const r = row(2000, { dueDay: day, districtCode: '430611' });
    await s.deps.models.TicketQueue.create(r as never);
    await markBucketsChanged(s.deps, bucketsOfRow(r as never), `${String(r._id)}.0`);
    await markBucketsChanged(s.deps, bucketsOfRow(r as never), `${String(r._id)}.0`);
    const db = s.deps.connection.db!;
    expect(await db.collection('queue_count_dirty').countDocuments({ cell: 'district:430611' })).toBe(1);
    expect(await drainQueueCounts(s.deps)).toBeGreaterThanOrEqual(2);
    expect(await db.collection('queue_counts').findOne({ _id: bucketId('district:430611', 'submitted', day) as never })).toMatchObject({ n: 1 });
    expect(await db.collection('queue_count_dirty').countDocuments({})).toBe(0);
  });

  it('drops a bucket that became empty and sums cells for a principal', async () => {
    const day = '2030-02-02';
    const r = row(1, { dueDay: day, status: 'accepted', assignedDepartmentId: 'dep1' });
    await s.deps.models.TicketQueue.create(r as never);
    await recountBuckets(s.deps, bucketsOfRow(r as never));
    const forHandler = await readBuckets(s.deps, cellsForPrincipal({ districtCodes: [], departmentIds: ['dep1'], departmentOnly: true }).cells);
    expect(forHandler.filter((b) => b.dueDay === day).map(({ countedAt: _, ...b }) => b)).toEqual([{ cell: 'dept:dep1', status: 'accepted', dueDay: day, n: 1 }]);
    await s.deps.models.TicketQueue.deleteOne({ _id: r._id });
    await recountBuckets(s.deps, bucketsOfRow(r as never));
    expect(await s.deps.models.QueueCount.countDocuments({ cell: 'dept:dep1' })).toBe(0);
  });
});

describe('queue cells', () => {
  it('a row counts in the city, its county, its zone and its department cells', () => {
    expect(cellsOfRow({ districtCode: 'A', zoneCode: 'Z', assignedDepartmentId: 'D' })).toEqual([
      'all', 'district:A', 'zone:Z', 'dept:D', 'deptDistrict:D:A', 'deptZone:D:Z',
    ]);
    expect(cellsOfRow({ districtCode: 'A' })).toEqual(['all', 'district:A']);
  });

  it('principals map to cells whose union is their scope', () => {
    expect(cellsForPrincipal({ districtCodes: [], departmentIds: [], departmentOnly: false })).toEqual({ cells: ['all'], disjoint: true });
    expect(cellsForPrincipal({ districtCodes: ['A'], departmentIds: [], departmentOnly: false })).toEqual({ cells: ['district:A', 'zone:A'], disjoint: true });
    expect(cellsForPrincipal({ districtCodes: ['A', 'Z'], departmentIds: [], departmentOnly: false }).disjoint).toBe(false);
    expect(cellsForPrincipal({ districtCodes: ['A'], departmentIds: ['D'], departmentOnly: true }).cells).toEqual(['deptDistrict:D:A', 'deptZone:D:A']);
    expect(cellsForPrincipal({ districtCodes: [], departmentIds: [], departmentOnly: true }).cells).toEqual([]);
  });

  it('days are Asia/Shanghai days', () => {
    expect(shanghaiDay(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(shanghaiDay(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });
});
