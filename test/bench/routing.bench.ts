/**
 * Routing benchmark (not part of `npm test`): `cd server && npx tsx ../test/bench/routing.bench.ts`
 * Builds the routing index from the shipped polygons (9 county-level divisions, 3 demo zones), then
 * measures AreaIndex.resolve over 200,000 deterministic points spread over the city's bbox after a
 * warm-up, and the naive scan (pointInGeometry over every polygon, on a tenth of the points) for comparison. Prints points/s
 * and the ratio; checks that both agree on every point.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pointInGeometry, type AreaGeometry } from '../../shared/src/geo/polygon.js';
import { AreaIndex, type Area } from '../../server/src/domain/routing/area-index.js';

const SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/seed');
const read = (f: string) => JSON.parse(readFileSync(path.join(SEED, f), 'utf8')) as { features: { properties: Record<string, string>; geometry: AreaGeometry }[] };
const districts: Area[] = read('yueyang-districts.geojson').features.map((f) => ({ code: f.properties.adcode!, name: f.properties.name!, kind: 'district', demo: false, geometry: f.geometry }));
const zones: Area[] = read('zones-demo.geojson').features.map((f) => ({ code: f.properties.code!, name: f.properties.name!, kind: 'zone', demo: true, geometry: f.geometry }));

let s = 12345;
const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const N = 200_000;
const pts = Array.from({ length: N }, () => ({ lng: 112.3 + rnd() * 1.9, lat: 28.4 + rnd() * 1.45 }));

const t0 = performance.now();
const index = new AreaIndex([...districts, ...zones]);
const buildMs = performance.now() - t0;

const sorted = [...districts].sort((a, b) => (a.code < b.code ? -1 : 1));
const naive = (p: { lng: number; lat: number }) => sorted.find((d) => pointInGeometry(p, d.geometry))?.code;

// the naive scan costs ~0.4 ms a point: it gets (and is checked on) a tenth of the points
const NAIVE_N = N / 10;

function measure(name: string, fn: (p: { lng: number; lat: number }) => unknown, n = N): number {
  for (let i = 0; i < n / 10; i++) fn(pts[i]!); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) fn(pts[i]!);
  const ms = performance.now() - start;
  const rate = (n / ms) * 1000;
  console.log(`${name.padEnd(32)} ${n} points in ${ms.toFixed(0)} ms → ${Math.round(rate).toLocaleString('en')} points/s (${((ms * 1000) / n).toFixed(2)} µs/point)`);
  return rate;
}

console.log(`index build: ${buildMs.toFixed(1)} ms for ${districts.length} districts + ${zones.length} zones`);
const fast = measure('AreaIndex.resolve', (p) => index.resolve(p));
const slow = measure('naive pointInGeometry scan', naive, NAIVE_N);
let disagree = 0;
let inside = 0;
for (const p of pts.slice(0, NAIVE_N)) {
  const a = index.resolve(p)?.district.code;
  if (a) inside++;
  if (a !== naive(p)) disagree++;
}
console.log(`inside the city: ${inside}/${NAIVE_N}; disagreements with the naive scan: ${disagree}`);
console.log(`speed-up: ${(fast / slow).toFixed(1)}×`);
if (disagree > 0) process.exitCode = 1;
