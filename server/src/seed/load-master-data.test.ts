import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { CATEGORIES } from '@cgt/shared/categories/seed';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { loadSeed } from './load-seed.js';
import { DEMO_ZONE_SOURCE, loadMasterData } from './load-master-data.js';
import { readGeneration } from '../db/snapshot.js';
import { ROUTING_GENERATION } from '../services/routing.js';

let t: TestServer;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t?.close());

async function counts() {
  const m = t.deps.models;
  return {
    zones: await m.District.countDocuments({ kind: 'zone' }),
    districts: await m.District.countDocuments({ kind: 'district' }),
    departments: await m.Department.countDocuments({}),
    rules: await m.RoutingRule.countDocuments({}),
    categories: await m.Category.countDocuments({}),
  };
}

describe('loadMasterData', () => {
  it('seeds 3 demo zones, the catalogue, 45 demo departments and their rules', async () => {
    expect(await counts()).toEqual({ zones: 3, districts: 9, departments: 9 * 4 + 3 * 3, rules: 9 * 13 + 3 * 7, categories: CATEGORIES.length });
    const z = await t.deps.models.District.findOne({ code: 'Z-JKQ' }).lean();
    expect(z).toMatchObject({ name: '经开区', kind: 'zone', demo: true, source: DEMO_ZONE_SOURCE, parentCodes: ['430602'] });
  });

  it('is idempotent: a restart adds nothing', async () => {
    const before = await counts();
    await loadSeed(t.deps.models, log);
    expect(await counts()).toEqual(before);
  });

  it('a new seed version keeps imported zones, edited categories and renamed departments', async () => {
    const m = t.deps.models;
    await m.District.updateOne({ code: 'Z-CLJ' }, { $set: { demo: false, source: '正式边界', name: '城陵矶新港区（正式）' } });
    await m.Category.updateOne({ _id: '06010' }, { $set: { slaHours: 99, edited: true } });
    await m.Department.updateOne({ seedKey: '430611:sanitation' }, { $set: { name: '君山区环境卫生服务中心' } });
    await m.District.updateOne({ code: 'Z-JKQ' }, { $set: { geometry: '{"type":"Polygon","coordinates":[]}' } });
    const before = await counts();
    await m.SeedStamp.deleteOne({ _id: 'master-data' }); // as if the shipped data changed
    await loadMasterData(m, log);

    expect(await counts()).toEqual(before);
    expect(await m.District.findOne({ code: 'Z-CLJ' }).lean()).toMatchObject({ demo: false, source: '正式边界', name: '城陵矶新港区（正式）' });
    expect((await m.Category.findById('06010').lean())?.slaHours).toBe(99);
    expect((await m.Department.findOne({ seedKey: '430611:sanitation' }).lean())?.name).toBe('君山区环境卫生服务中心');
    // a demo zone is still the product's: its shipped boundary is restored
    expect(JSON.parse((await m.District.findOne({ code: 'Z-JKQ' }).lean())!.geometry).coordinates[0].length).toBeGreaterThan(4);
  });

  it('bumps the routing data version when the seed changed (districts included), not on a plain restart', async () => {
    const m = t.deps.models;
    const v = () => readGeneration(m, ROUTING_GENERATION);
    const v0 = await v();
    await loadMasterData(m, log);
    expect(await v()).toBe(v0);
    await m.SeedStamp.updateOne({ _id: 'districts' }, { $set: { version: 'older-districts' } });
    await loadMasterData(m, log);
    expect(await v()).not.toBe(v0);
  });
});
