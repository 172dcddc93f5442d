import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Models } from '../models/index.js';
import { loadMasterData } from './load-master-data.js';
import { BUILT_IN_REPLY_TEMPLATES, seedReplyTemplates } from './reply-templates.js';
import { stampFreshDatabase } from '../commands/tickets/my-reports.js';
import { seedDemoPoi } from './demo-poi.js';
import { wasteItemsChanged } from '../services/waste-index.js';

/** Data files shipped with the product (copied from the reference data with their SOURCES.md). */
export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seed');

function readSeed(name: string): { text: string; version: string } {
  const text = readFileSync(path.join(SEED_DIR, name), 'utf8');
  return { text, version: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}

interface Feature {
  properties: { adcode: string; name: string; center: [number, number] };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

function bboxOf(geometry: Feature['geometry']) {
  const b = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [lng, lat] = c as [number, number];
      b.minLng = Math.min(b.minLng, lng);
      b.maxLng = Math.max(b.maxLng, lng);
      b.minLat = Math.min(b.minLat, lat);
      b.maxLat = Math.max(b.maxLat, lat);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(geometry.coordinates);
  return b;
}

/**
 * Writes each seed set once per version: a stamp document records what was loaded, so restarts do
 * not duplicate and a changed file is re-applied (upserts by natural key; admin edits are kept).
 */
async function once(models: Models, id: string, version: string, log: Logger, load: () => Promise<number>): Promise<boolean> {
  const stamp = await models.SeedStamp.findById(id).lean();
  if (stamp?.version === version) return false;
  const count = await load();
  await models.SeedStamp.updateOne({ _id: id }, { $set: { version, count } }, { upsert: true });
  log.info({ seed: id, version, count }, 'seed loaded');
  return true;
}

export async function loadSeed(models: Models, log: Logger): Promise<void> {
  // a database without tickets needs no migration to citizen months (commands/tickets/my-reports.ts)
  await stampFreshDatabase(models);
  const districts = readSeed('yueyang-districts.geojson');
  await once(models, 'districts', districts.version, log, async () => {
    const fc = JSON.parse(districts.text) as { features: Feature[] };
    for (const f of fc.features) {
      const [lng, lat] = f.properties.center;
      await models.District.updateOne(
        { code: f.properties.adcode },
        {
          $set: {
            name: f.properties.name,
            kind: 'district',
            geometry: JSON.stringify(f.geometry),
            bbox: bboxOf(f.geometry),
            center: { lat, lng },
            demo: false,
            source: 'seed/yueyang-districts.geojson (see seed/SOURCES.md)',
          },
        },
        { upsert: true },
      );
    }
    return fc.features.length;
  });

  const streets = readSeed('yueyang-streets.json');
  await once(models, 'streets', streets.version, log, async () => {
    const rows = JSON.parse(streets.text) as { code: string; code12: string; name: string; kind: string; countyAdcode: string; countyName: string }[];
    await models.Street.bulkWrite(rows.map((r) => ({ updateOne: { filter: { code: r.code }, update: { $set: r }, upsert: true } })));
    return rows.length;
  });

  const wasteCategories = readSeed('waste-categories.json');
  const categoriesLoaded = await once(models, 'waste-categories', wasteCategories.version, log, async () => {
    const rows = JSON.parse(wasteCategories.text) as ({ id: 'recyclable' | 'hazardous' | 'kitchen' | 'residual' } & Record<string, unknown>)[];
    await models.WasteCategory.bulkWrite(
      rows.map(({ id, ...rest }, order) => ({ updateOne: { filter: { _id: id }, update: { $set: { ...rest, order } }, upsert: true } })),
    );
    return rows.length;
  });

  const waste = readSeed('waste-items.json');
  const itemsLoaded = await once(models, 'waste-items', waste.version, log, async () => {
    const items = JSON.parse(waste.text) as { name: string; category: string; aliases?: string[] }[];
    // FerretDB pushes only _id equality down to SQLite, so per-item upserts by name would scan the
    // collection once per item (~4k times). Read it once, then insert the new items in bulk and update changed ones by _id.
    const existing = await models.WasteItem.find({}, { name: 1, category: 1, aliases: 1, edited: 1, deleted: 1 }).lean();
    const byName = new Map(existing.map((e) => [e.name, e]));
    const fresh = items.filter((i) => !byName.has(i.name));
    for (let i = 0; i < fresh.length; i += 1000) {
      await models.WasteItem.insertMany(
        fresh.slice(i, i + 1000).map((x) => ({ name: x.name, category: x.category, aliases: x.aliases ?? [] })),
        { ordered: false },
      );
    }
    for (const item of items) {
      const old = byName.get(item.name);
      if (!old || old.edited) continue; // an administrator's correction survives a re-seed
      const aliases = item.aliases ?? [];
      if (old.deleted || old.category !== item.category || JSON.stringify(old.aliases ?? []) !== JSON.stringify(aliases)) {
        // deleted here means retired by an earlier seed (not by an administrator: that one is edited)
        await models.WasteItem.updateOne({ _id: old._id }, { $set: { category: item.category, aliases, deleted: false } });
      }
    }
    // an entry the list no longer has (a typo or a duplicate fixed in the file) is retired as a tombstone,
    // unless an administrator created or edited it
    const listed = new Set(items.map((i) => i.name));
    const retired = existing.filter((e) => !listed.has(e.name) && !e.edited && !e.deleted).map((e) => e._id);
    if (retired.length) await models.WasteItem.updateMany({ _id: { $in: retired } }, { $set: { deleted: true } });
    return items.length;
  });
  // a re-seed changes the data underneath running instances' waste indexes: let them rebuild (only then)
  if (categoriesLoaded || itemsLoaded) await wasteItemsChanged({ models });

  // zones, categories, departments and routing rules need the districts above
  await loadMasterData(models, log);
  await seedDemoPoi(models, log); // demo car parks and toilets, inside the districts above
  // 常用语 per category group (not demo data: every install gets them); once per version of the list
  const templatesVersion = createHash('sha256').update(JSON.stringify(BUILT_IN_REPLY_TEMPLATES)).digest('hex').slice(0, 16);
  await once(models, 'reply-templates', templatesVersion, log, () => seedReplyTemplates(models, log));
}
