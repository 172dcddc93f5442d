import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { declaredPlan, uncovered } from './index-plan.js';
import { createModels } from '../models/index.js';
import mongoose from 'mongoose';

describe('index plan rule', () => {
  const plan = declaredPlan(createModels(mongoose.createConnection()));
  const q = (filter: Record<string, unknown>, sort?: Record<string, unknown>) => uncovered(plan, { collection: 'ticket_queue', method: 'find', filter, sort });

  it('accepts equality on a declared index prefix, with its sort field and a residual range', () => {
    expect(q({ districtCode: '430602', status: 'dispatched', dueDay: '2026-12-01' }, { dueAt: 1, _id: 1 })).toBeNull();
    expect(q({ status: 'closed', categoryCode: '06010', createdAt: { $gte: new Date() } })).toBeNull();
    expect(q({ _id: new mongoose.Types.ObjectId() })).toBeNull();
  });

  it('refuses a scan, a dotted path, an unindexed field and a sort the index cannot give', () => {
    expect(q({})).toMatch(/no top-level equality/);
    expect(q({ status: { $in: ['submitted', 'accepted'] } })).toMatch(/no top-level equality/);
    expect(q({ 'routing.districtCode': '430602' })).toMatch(/dotted/);
    expect(q({ description: '垃圾' })).toMatch(/unindexed/);
    expect(q({ citizenId: 'c1' }, { createdAt: -1 })).toMatch(/unindexed|no declared index/);
    expect(uncovered(plan, { collection: 'ticket_rows', method: 'find', filter: { citizenId: 'c1' }, sort: { createdAt: -1 } })).toBeNull();
  });

  it('ignores collections that are not on a hot path', () => {
    expect(uncovered(plan, { collection: 'not_declared', method: 'find', filter: {} })).toBeNull();
  });
});

describe('queries the route tests issue are checked', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('records hot-path queries and flags a list with an uncovered filter', async () => {
    await s.deps.models.TicketQueue.find({ districtCode: '430602', status: 'submitted', dueDay: '2026-12-01' }).sort({ dueAt: 1 }).lean();
    expect(s.queries.seen.some((x) => x.collection === 'ticket_queue')).toBe(true);
    expect(s.queries.violations()).toEqual([]);
    // what a new list written the old way would issue: it must not pass quietly
    await s.deps.models.TicketQueue.find({ status: { $in: ['submitted'] } }).sort({ createdAt: -1 }).lean();
    expect(s.queries.violations()).toHaveLength(1);
    // forget the deliberate violation so that close() does not fail this file
    s.queries.reset();
  });
});
