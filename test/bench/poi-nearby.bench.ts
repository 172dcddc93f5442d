/**
 * Nearby-search benchmark (not part of `npm test`): `cd server && npx tsx ../test/bench/poi-nearby.bench.ts`
 * Starts an embedded FerretDB in a temp folder (or uses MONGODB_URI), seeds the districts, replaces the
 * demo toilets with 10,000 generated ones (plus the 120 demo car parks), starts the real Koa app on a
 * port and measures, in the same run and interleaved request by request over keep-alive HTTP:
 *   GET /healthz, GET /api/v1/toilets/nearby (radius 2000, limit 20, mixed filters),
 *   GET /api/v1/parking/nearby, and a wide query (radius 20000, limit 100).
 * Prints p50/p99 per kind and p99(nearby) / p99(healthz) — the goal is ≤ 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createApp } from '../../server/src/app.js';
import { parseEnv, type Config } from '../../server/src/config.js';
import type { AppDeps } from '../../server/src/deps.js';
import { startEmbeddedFerretDb, type EmbeddedDb } from '../../server/src/db/embedded-ferretdb.js';
import { mulberry32 } from '../../server/src/domain/poi/prng.js';
import { createModels } from '../../server/src/models/index.js';
import { loadSeed } from '../../server/src/seed/load-seed.js';
import { getPoiSnapshot, poiDataChanged } from '../../server/src/services/poi-index.js';

// mongoose and pino are the server package's dependencies: resolve them from there (this file lives in test/)
const serverRequire = createRequire(new URL('../../server/package.json', import.meta.url));
const mongoose = serverRequire('mongoose') as typeof import('mongoose');
const pino = serverRequire('pino') as typeof import('pino').default;

const N_POI = 10_000;
const ROUNDS = Number(process.env.ROUNDS ?? 1500);
const CENTRE = { lat: 29.3718, lng: 113.1297 };

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  let db: EmbeddedDb | null = null;
  let dataDir = '';
  let uri = process.env.MONGODB_URI ?? '';
  if (!uri) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cgt-bench-poi-'));
    db = await startEmbeddedFerretDb({ dataDir, log: () => undefined, binary: process.env.FERRETDB_BIN || undefined });
    uri = db.uri;
  }
  const dbName = `bench_poi_${Date.now()}`;
  const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
  const models = createModels(connection);
  await Promise.all(Object.values(models).map((m) => m.init()));
  const logger = pino({ level: 'silent' });
  await loadSeed(models, logger);

  // 10,000 toilets around the urban districts (the search never looks at polygons)
  const r = mulberry32(4242);
  await models.Toilet.deleteMany({});
  const docs = Array.from({ length: N_POI }, (_, i) => ({
    name: `基准公厕${i}`,
    location: { lat: CENTRE.lat + (r() - 0.5) * 0.3, lng: CENTRE.lng + (r() - 0.5) * 0.35 },
    kind: '固定',
    openingHours: i % 3 === 0 ? { is24h: false, rules: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '18:00', close: '02:00' }] } : { is24h: true, rules: [] },
    accessible: i % 2 === 0,
    babyRoom: i % 5 === 0,
    districtCode: '430602',
    demo: false,
  }));
  for (let i = 0; i < docs.length; i += 1000) await models.Toilet.insertMany(docs.slice(i, i + 1000), { ordered: false });
  const env = parseEnv({ DATA_DIR: dataDir || os.tmpdir(), JWT_SECRET: 'x'.repeat(64), PII_KEY: 'p'.repeat(64), LOG_LEVEL: 'silent' });
  const config: Config = { ...env, JWT_SECRET: env.JWT_SECRET!, PII_KEY: env.PII_KEY! };
  const deps: AppDeps = { config, connection, models, logger, engine: 'ferretdb', now: () => new Date() };
  await poiDataChanged(deps);
  const t0 = performance.now();
  const snap = await getPoiSnapshot(deps);
  console.log(`index: ${snap.toilets.items.length} toilets + ${snap.carParks.items.length} car parks loaded and indexed in ${(performance.now() - t0).toFixed(0)} ms`);

  const { app } = createApp(deps);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  const q = mulberry32(7);
  const origin = () => `lat=${(CENTRE.lat + (q() - 0.5) * 0.25).toFixed(6)}&lng=${(CENTRE.lng + (q() - 0.5) * 0.3).toFixed(6)}`;
  const filters = ['', '&openNow=true', '&accessible=true', '&babyRoom=true&openNow=true'];
  const kinds: Record<string, () => string> = {
    healthz: () => '/healthz',
    'toilets/nearby': () => `/api/v1/toilets/nearby?${origin()}${filters[Math.floor(q() * filters.length)]}`,
    'parking/nearby': () => `/api/v1/parking/nearby?${origin()}&radius=5000`,
    'toilets wide (20 km, 100)': () => `/api/v1/toilets/nearby?${origin()}&radius=20000&limit=100`,
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  let items = 0;
  const once = async (k: string, record: boolean) => {
    const t = performance.now();
    const res = await fetch(base + kinds[k]!());
    const body = (await res.json()) as { items?: unknown[] };
    const dt = performance.now() - t;
    if (res.status !== 200) throw new Error(`${k}: HTTP ${res.status}`);
    if (record) times[k]!.push(dt);
    if (k === 'toilets/nearby') items += body.items?.length ?? 0;
  };
  for (let i = 0; i < 200; i++) for (const k of Object.keys(kinds)) await once(k, false); // warm-up
  items = 0;
  for (let i = 0; i < ROUNDS; i++) for (const k of Object.keys(kinds)) await once(k, true); // interleaved

  const stats: Record<string, { p50: number; p99: number }> = {};
  for (const [k, ts] of Object.entries(times)) {
    const s = [...ts].sort((a, b) => a - b);
    stats[k] = { p50: pct(s, 50), p99: pct(s, 99) };
    console.log(`${k.padEnd(28)} n=${s.length}  p50=${stats[k]!.p50.toFixed(3)} ms  p99=${stats[k]!.p99.toFixed(3)} ms  max=${s[s.length - 1]!.toFixed(3)} ms`);
  }
  console.log(`toilets/nearby returned ${(items / ROUNDS).toFixed(1)} items on average (radius 2000 m, limit 20)`);
  const h = stats.healthz!;
  const n = stats['toilets/nearby']!;
  console.log(`ratio nearby/healthz: p50 ${(n.p50 / h.p50).toFixed(2)}×  p99 ${(n.p99 / h.p99).toFixed(2)}×  (goal p99 ≤ 2×) → ${n.p99 <= 2 * h.p99 ? 'OK' : 'OVER'}`);

  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
  if (db) await db.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
