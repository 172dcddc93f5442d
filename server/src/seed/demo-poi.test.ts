import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pointInGeometry, type AreaGeometry } from '@cgt/shared/geo/polygon';
import { generateDemoPoi } from './demo-poi.js';
import { SEED_DIR } from './load-seed.js';

const fc = JSON.parse(readFileSync(path.join(SEED_DIR, 'yueyang-districts.geojson'), 'utf8')) as {
  features: { properties: { adcode: string; center: [number, number] }; geometry: AreaGeometry }[];
};
const districts = fc.features.map((f) => ({ code: f.properties.adcode, center: { lng: f.properties.center[0], lat: f.properties.center[1] }, geometry: f.geometry }));

describe('demo car parks and toilets', () => {
  it('are deterministic, inside their district polygon, and include the named car parks', () => {
    const a = generateDemoPoi(districts);
    expect(generateDemoPoi(districts)).toEqual(a);
    expect(a.carParks).toHaveLength(120);
    expect(a.toilets).toHaveLength(300);
    const geom = new Map(districts.map((d) => [d.code, d.geometry]));
    for (const p of [...a.carParks, ...a.toilets]) {
      expect(pointInGeometry(p.location as { lat: number; lng: number }, geom.get(p.districtCode as string)!)).toBe(true);
      expect(p.demo).toBe(true);
    }
    const schools = a.carParks.filter((p) => p.kind === '学校错时开放').map((p) => p.name);
    expect(schools).toEqual(['市五中错时开放停车场', '市九中错时开放停车场', '市十四中错时开放停车场', '市体校错时开放停车场']);
    expect(new Set(a.carParks.map((p) => p.name)).size).toBe(120);
  });
});
