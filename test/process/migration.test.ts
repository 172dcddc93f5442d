import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedFerretDb } from '../../server/src/db/embedded-ferretdb.js';
import { canonical, sampleDocuments } from '../../server/src/db/dump-fixtures.js';
import { dbProcessesFor, runScript, spawnServer, waitForHealth, waitUntil, type ServerProcess } from './server-process.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cgt-move-'));
  dirs.push(d);
  return d;
};
const running: ServerProcess[] = [];
afterEach(() => {
  for (const s of running.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});
afterAll(async () => {
  for (const d of dirs) if (await waitUntil(() => dbProcessesFor(d).length === 0, 15_000)) rmSync(d, { recursive: true, force: true });
});

async function withDb<T>(uri: string, fn: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const client = new mongoose.mongo.MongoClient(uri);
  await client.connect();
  try {
    return await fn(client.db('chengguantong'));
  } finally {
    await client.close();
  }
}

describe('moving a SQLite-era DATA_DIR to PostgreSQL', () => {
  it('the server refuses it naming the commands; db:export + db:import move every document with its types', async () => {
    // a DATA_DIR as the SQLite-era server left it
    const dataDir = tmp();
    const sample = sampleDocuments();
    const old = await startEmbeddedFerretDb({ dataDir, backend: 'sqlite', log: () => undefined });
    const before: Record<string, string[]> = {};
    try {
      await withDb(old.uri, async (db) => {
        for (const [name, docs] of Object.entries(sample)) {
          if (docs.length) await db.collection(name).insertMany(docs);
          else await db.createCollection(name);
        }
        for (const name of Object.keys(sample)) before[name] = await canonical(db, name);
      });
    } finally {
      await old.stop();
    }
    expect(readdirSync(path.join(dataDir, 'ferretdb'))).toContain('chengguantong.sqlite');

    const refused = await spawnServer({ DATA_DIR: dataDir });
    running.push(refused);
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain('npm run db:export');
    expect(refused.stderr()).toContain('npm run db:import');
    expect(refused.stderr()).toMatch(/SQLite-era/);
    expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false); // nothing was started next to the old data

    // the commands, as `npm run db:export -- ./backup` runs them from the folder the operator is in
    const cwd = tmp();
    const exported = await runScript('db.mjs', ['export', './backup'], { DATA_DIR: dataDir }, cwd);
    expect(exported.out).toContain('(ferretdb/sqlite)');
    expect(exported.code).toBe(0);
    expect(readdirSync(path.join(cwd, 'backup')).sort()).toEqual(['manifest.json', 'move_counters.ejson', 'move_empty.ejson', 'move_tickets.ejson']);
    const imported = await runScript('db.mjs', ['import', './backup'], { DATA_DIR: dataDir }, cwd);
    expect(imported.out).toContain('(ferretdb/postgresql)');
    expect(imported.code).toBe(0);
    expect(dbProcessesFor(dataDir)).toEqual([]);
    // a second import is refused: the target is no longer empty
    const twice = await runScript('db.mjs', ['import', './backup'], { DATA_DIR: dataDir }, cwd);
    expect(twice.code).toBe(1);
    expect(twice.out).toContain('--drop');

    // the server now starts on PostgreSQL and serves the same documents, types and all
    const s = await spawnServer({ DATA_DIR: dataDir });
    running.push(s);
    expect(await waitForHealth(s.port)).toMatchObject({ db: 'ok', backend: 'postgresql' });
    const port = Number(/embedded FerretDB listening on 127\.0\.0\.1:(\d+)/.exec(s.stdout())![1]);
    await withDb(`mongodb://127.0.0.1:${port}/`, async (db) => {
      for (const name of Object.keys(sample)) expect(await canonical(db, name)).toEqual(before[name]);
      const t = await db.collection('move_tickets').findOne({ trackingNo: 'YY20260101-0001' });
      expect(t?._id).toBeInstanceOf(mongoose.mongo.ObjectId);
      expect(t?.createdAt).toEqual(new Date('2026-01-01T08:30:00.123Z'));
      expect(t?.routing.reason).toEqual({ rule: 'r1', hops: 2 });
    });

    // while it runs, db:export talks to its database instead of starting a second engine on the same files
    const backup = await runScript('db.mjs', ['export', './backup2'], { DATA_DIR: dataDir }, cwd);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('running server');
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(await waitUntil(() => dbProcessesFor(dataDir).length === 0, 15_000)).toBe(true);
  }, 360_000); // three engine starts, four CLI runs and two servers: ≈95 s on a loaded 2-core box
});
