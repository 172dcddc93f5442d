import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { CATEGORIES } from '@cgt/shared/categories/seed';
import { bboxOf, type AreaGeometry } from '@cgt/shared/geo/polygon';
import type { Models } from '../models/index.js';
import { ruleLabel } from '../domain/routing/labels.js';
import { bumpRoutingVersion } from '../services/routing.js';

// not imported from load-seed.ts, which imports this module (no import cycle)
const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seed');

/** Text written on demo zones until the bureau imports the official boundaries. */
export const DEMO_ZONE_SOURCE = '示例边界，待管理部门导入正式边界';

interface ZoneFeature {
  properties: { code: string; name: string; parentCodes?: string[] };
  geometry: AreaGeometry;
}

/** Demo handling units per county-level division: [key, name suffix, kind]. */
const DISTRICT_UNITS: readonly [string, string, string][] = [
  ['enforcement', '城市管理和综合执法局·执法一中队', '城管执法中队'],
  ['sanitation', '环卫所', '环卫所'],
  ['municipal', '市政设施维护中心', '市政设施所'],
  ['housing', '住房和城乡建设局', '住建局'],
];
const ZONE_UNITS: readonly [string, string, string][] = [
  ['enforcement', '城管执法大队', '城管执法中队'],
  ['sanitation', '环卫所', '环卫所'],
  ['municipal', '市政设施所', '市政设施所'],
];

/**
 * Demo rules: [category, unit key, priority]. Group rules carry the bulk, a few exact codes show that a
 * specific rule beats its group (noise → enforcement although 06 is sanitation; site dust → 住建局).
 */
const DISTRICT_RULES: readonly [string, string][] = [
  ['*', 'enforcement'],
  ['01', 'municipal'],
  ['02', 'municipal'],
  ['06', 'sanitation'],
  ['06013', 'municipal'],
  ['06028', 'enforcement'],
  ['06029', 'enforcement'],
  ['07', 'enforcement'],
  ['08', 'enforcement'],
  ['08004', 'housing'],
  ['09', 'enforcement'],
  ['90001', 'municipal'],
  ['90005', 'municipal'],
];
const ZONE_RULES: readonly [string, string][] = [
  ['*', 'enforcement'],
  ['01', 'municipal'],
  ['02', 'municipal'],
  ['06', 'sanitation'],
  ['06013', 'municipal'],
  ['06028', 'enforcement'],
  ['90001', 'municipal'],
];

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Functional zones, categories, demo departments and routing rules. Runs after the districts are seeded.
 * Idempotent per version (a stamp per data set, like load-seed.ts); only missing records are added, so an
 * administrator's edits and imported zones survive restarts and upgrades. Bulk reads + inserts keep it to
 * a handful of round trips (every test database runs this).
 */
export async function loadMasterData(models: Models, log: Logger): Promise<void> {
  const zonesText = readFileSync(path.join(SEED_DIR, 'zones-demo.geojson'), 'utf8');
  // the districts' seed version is part of ours: new districts need their departments and rules
  const districtsStamp = await models.SeedStamp.findById('districts').lean();
  const version = hash(
    zonesText +
      JSON.stringify(CATEGORIES) +
      JSON.stringify([DISTRICT_UNITS, ZONE_UNITS, DISTRICT_RULES, ZONE_RULES]) +
      (districtsStamp?.version ?? ''),
  );
  const stamp = await models.SeedStamp.findById('master-data').lean();
  if (stamp?.version === version) return;

  const zones = (JSON.parse(zonesText) as { features: ZoneFeature[] }).features;
  const areas = await models.District.find({}, { code: 1, name: 1, kind: 1, demo: 1 }).lean();
  const byCode = new Map(areas.map((a) => [a.code, a]));
  for (const z of zones) {
    const existing = byCode.get(z.properties.code);
    // an imported (official) boundary is never replaced by the demo one
    if (existing && !existing.demo) continue;
    const [minLng, minLat, maxLng, maxLat] = bboxOf(z.geometry);
    const doc = {
      name: z.properties.name,
      kind: 'zone' as const,
      parentCodes: z.properties.parentCodes ?? [],
      geometry: JSON.stringify(z.geometry),
      bbox: { minLng, minLat, maxLng, maxLat },
      center: { lng: (minLng + maxLng) / 2, lat: (minLat + maxLat) / 2 },
      demo: true,
      source: DEMO_ZONE_SOURCE,
    };
    if (existing) await models.District.updateOne({ _id: existing._id }, { $set: doc });
    else await models.District.create({ code: z.properties.code, ...doc });
  }

  const cats = await models.Category.find({}, { _id: 1 }).lean();
  const haveCat = new Set(cats.map((c) => String(c._id)));
  const newCats = CATEGORIES.map((c, i) => ({ c, i })).filter(({ c }) => !haveCat.has(c.code));
  if (newCats.length > 0) {
    await models.Category.insertMany(
      newCats.map(({ c, i }) => ({
        _id: c.code,
        name: c.name,
        group: c.group,
        groupName: c.groupName,
        slaHours: c.slaHours,
        urgent: c.urgent,
        clock: c.clock,
        notice: c.notice ?? '',
        local: !!c.local,
        active: true,
        order: i,
      })),
      { ordered: false },
    );
  }

  const scopes: { code: string; name: string; zone: boolean }[] = [
    ...areas.filter((a) => a.kind === 'district').map((a) => ({ code: a.code, name: a.name, zone: false })),
    ...zones.map((z) => ({ code: z.properties.code, name: byCode.get(z.properties.code)?.name ?? z.properties.name, zone: true })),
  ];
  const depts = await models.Department.find({ seedKey: { $exists: true } }, { seedKey: 1 }).lean();
  const deptIdByKey = new Map(depts.map((d) => [d.seedKey ?? '', String(d._id)]));
  const newDepts = scopes.flatMap((s) =>
    (s.zone ? ZONE_UNITS : DISTRICT_UNITS)
      .map(([key, suffix, kind]) => ({ seedKey: `${s.code}:${key}`, name: `${s.name}${suffix}`, districtCode: s.code, kind, active: true, demo: true }))
      .filter((d) => !deptIdByKey.has(d.seedKey)),
  );
  if (newDepts.length > 0) {
    const inserted = await models.Department.insertMany(newDepts, { ordered: false });
    for (const d of inserted) deptIdByKey.set(d.seedKey ?? '', String(d._id));
  }

  const rules = await models.RoutingRule.find({ seedKey: { $exists: true } }, { seedKey: 1 }).lean();
  const haveRule = new Set(rules.map((r) => r.seedKey));
  const newRules = scopes.flatMap((s) =>
    (s.zone ? ZONE_RULES : DISTRICT_RULES).flatMap(([category, unit]) => {
      const seedKey = `${s.code}:${category}`;
      const departmentId = deptIdByKey.get(`${s.code}:${unit}`);
      if (haveRule.has(seedKey) || !departmentId) return [];
      return [{ seedKey, scopeCode: s.code, categoryCode: category, departmentId, priority: 0, name: ruleLabel(s.name, category), demo: true }];
    }),
  );
  if (newRules.length > 0) await models.RoutingRule.insertMany(newRules, { ordered: false });

  await models.SeedStamp.updateOne({ _id: 'master-data' }, { $set: { version, count: newDepts.length + newRules.length } }, { upsert: true });
  log.info({ seed: 'master-data', version, departments: newDepts.length, rules: newRules.length }, 'seed loaded');
  // seeding changed districts/zones/rules underneath running instances: let them rebuild (only then)
  await bumpRoutingVersion({ models });
}
