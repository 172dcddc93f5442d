import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { readFileSync } from 'node:fs';
import { loadSeed } from './load-seed.js';

const WASTE_SEED_COUNT = (JSON.parse(readFileSync(new URL('../../seed/waste-items.json', import.meta.url), 'utf8')) as unknown[]).length;

describe('seed loader (through Mongoose on the real database)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  it('loads districts and waste items once; a second run changes nothing', async () => {
    const { models } = t.deps;
    await loadSeed(models, pino({ level: 'silent' }));
    expect(await models.District.countDocuments({ kind: 'district' })).toBe(9);
    expect(await models.WasteItem.countDocuments()).toBe(WASTE_SEED_COUNT);
    expect(await models.Street.countDocuments()).toBe(35);
    expect((await models.WasteCategory.findById('hazardous').lean())?.zh).toBe('有害垃圾');
    const junshan = await models.District.findOne({ code: '430611' }).lean();
    expect(junshan?.name).toBe('君山区');
    const geometry = JSON.parse(junshan!.geometry) as { type: string; coordinates: unknown[] };
    expect(geometry.type).toBe('Polygon'); // stored as a string: FerretDB takes no nested arrays
    const stampBefore = await models.SeedStamp.find().lean();
    await loadSeed(models, pino({ level: 'silent' }));
    expect(await models.District.countDocuments({ kind: 'district' })).toBe(9);
    expect(await models.WasteItem.countDocuments()).toBe(WASTE_SEED_COUNT);
    expect((await models.SeedStamp.find().lean()).map((s) => s.updatedAt)).toEqual(stampBefore.map((s) => s.updatedAt));
  });

  it('keeps an administrator correction when the seed is re-applied', async () => {
    const { models } = t.deps;
    await models.WasteItem.updateOne({ name: '艾草' }, { $set: { category: 'residual', edited: true } });
    await models.SeedStamp.deleteOne({ _id: 'waste-items' }); // as if a new seed version shipped
    await loadSeed(models, pino({ level: 'silent' }));
    expect((await models.WasteItem.findOne({ name: '艾草' }).lean())?.category).toBe('residual');
    expect(await models.WasteItem.countDocuments()).toBe(WASTE_SEED_COUNT);
  });

  it("retires a seeded entry the list no longer has, keeps an administrator's own item, and revives a retired one listed again", async () => {
    const { models } = t.deps;
    // 電池 duplicated 电池 in an earlier list: as an earlier seed left it
    await models.WasteItem.create({ name: '電池', category: 'hazardous', aliases: [] });
    await models.WasteItem.create({ name: '自制堆肥桶', category: 'recyclable', aliases: [], edited: true });
    await models.WasteItem.updateOne({ name: '电池' }, { $set: { deleted: true } });
    await models.SeedStamp.deleteOne({ _id: 'waste-items' });
    await loadSeed(models, pino({ level: 'silent' }));
    expect((await models.WasteItem.findOne({ name: '電池' }).lean())?.deleted).toBe(true);
    expect((await models.WasteItem.findOne({ name: '自制堆肥桶' }).lean())?.deleted).toBe(false);
    expect((await models.WasteItem.findOne({ name: '电池' }).lean())?.deleted).toBe(false);
    expect(await models.WasteItem.countDocuments({ deleted: { $ne: true } })).toBe(WASTE_SEED_COUNT + 1);
  });
});
