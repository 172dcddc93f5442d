import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedFerretDb } from '../../server/src/db/embedded-ferretdb.js';
import {
  alive, dbProcessesFor, ferretPid, ferretProcessesFor, postgresPid, postgresProcessesFor, spawnServer, waitForHealth, waitUntil,
  watchdogOf, type ServerProcess,
} from './server-process.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cgt-proc-'));
  dirs.push(d);
  return d;
};
const running: ServerProcess[] = [];
afterEach(() => {
  for (const s of running.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});
// each cluster is ≈50 MB: remove them once their processes are gone (the watchdogs stop them after a SIGKILL)
afterAll(async () => {
  for (const d of dirs) if (await waitUntil(() => dbProcessesFor(d).length === 0, 15_000)) rmSync(d, { recursive: true, force: true });
});

function embeddedDbPort(s: ServerProcess): number {
  const m = /embedded FerretDB listening on 127\.0\.0\.1:(\d+)/.exec(s.stdout());
  if (!m) throw new Error('no embedded FerretDB line in the log');
  return Number(m[1]);
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const s = await spawnServer(env);
  running.push(s);
  return s;
}

describe('the server process and its embedded FerretDB on PostgreSQL', () => {
  it('answers /healthz with engine ferretdb, backend postgresql; data survives a restart; SIGTERM leaves neither process', async () => {
    const dataDir = tmp();
    const a = await start({ DATA_DIR: dataDir });
    expect(await waitForHealth(a.port)).toMatchObject({ status: 'ok', db: 'ok', engine: 'ferretdb', backend: 'postgresql' });
    expect(existsSync(path.join(dataDir, 'initial-admin-password.txt'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    const client = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${embeddedDbPort(a)}/`);
    await client.connect();
    await client.db('chengguantong').collection('restart_probe').insertOne({ _id: 'probe' as never, note: '重启前写入', at: new Date('2026-01-02T03:04:05.678Z') });
    await client.close();
    const ferret = ferretPid(dataDir)!;
    const postgres = postgresPid(dataDir)!;
    expect(alive(ferret) && alive(postgres)).toBe(true);
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(1); // the postmaster and its backends

    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await waitUntil(() => dbProcessesFor(dataDir).length === 0, 15_000)).toBe(true);
    expect(alive(ferret) || alive(postgres)).toBe(false);

    const b = await start({ DATA_DIR: dataDir });
    await waitForHealth(b.port);
    const c2 = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${embeddedDbPort(b)}/`);
    await c2.connect();
    expect(await c2.db('chengguantong').collection('restart_probe').findOne({ _id: 'probe' as never })).toMatchObject({
      note: '重启前写入',
      at: new Date('2026-01-02T03:04:05.678Z'),
    });
    // the seed is stamped: a restart loads nothing twice
    expect(await c2.db('chengguantong').collection('districts').countDocuments({ kind: 'district' })).toBe(9);
    await c2.close();
    expect(b.stdout()).not.toContain('seed loaded');
    b.child.kill('SIGINT');
    expect(await b.exited).toBe(0);
    expect(await waitUntil(() => dbProcessesFor(dataDir).length === 0, 15_000)).toBe(true);
  });

  it('SIGKILL of the server: PostgreSQL and FerretDB stop by themselves (watchdogs), and the next start works', async () => {
    const dataDir = tmp();
    const a = await start({ DATA_DIR: dataDir });
    await waitForHealth(a.port);
    const pids = [ferretPid(dataDir)!, postgresPid(dataDir)!];
    a.child.kill('SIGKILL');
    await a.exited;
    expect(await waitUntil(() => pids.every((p) => !alive(p)) && dbProcessesFor(dataDir).length === 0, 20_000)).toBe(true);
    const b = await start({ DATA_DIR: dataDir });
    expect(await waitForHealth(b.port)).toMatchObject({ db: 'ok', backend: 'postgresql' });
    b.child.kill('SIGTERM');
    await b.exited;
  });

  it('a PostgreSQL and a FerretDB left over from a run killed with its watchdogs are stopped by the next start', async () => {
    const dataDir = tmp();
    const a = await start({ DATA_DIR: dataDir });
    await waitForHealth(a.port);
    const ferret = ferretPid(dataDir)!;
    const postgres = postgresPid(dataDir)!;
    const watchdogs = [watchdogOf(ferret), watchdogOf(postgres)];
    expect(watchdogs.every((w) => w !== null)).toBe(true);
    // kill -9 of the whole tree but the databases (as an OOM killer or a container runtime might): they stay up
    for (const p of [a.child.pid!, ...(watchdogs as number[])]) process.kill(p, 'SIGKILL');
    await a.exited;
    await new Promise((r) => setTimeout(r, 1500));
    expect(alive(ferret) && alive(postgres)).toBe(true);

    const b = await start({ DATA_DIR: dataDir });
    expect(await waitForHealth(b.port)).toMatchObject({ db: 'ok', backend: 'postgresql' });
    expect(await waitUntil(() => !alive(ferret) && !alive(postgres), 10_000)).toBe(true);
    expect(b.stdout()).toContain('stopping stale PostgreSQL');
    expect(b.stdout()).toContain('stopping stale FerretDB');
    expect(ferretProcessesFor(dataDir)).toEqual([ferretPid(dataDir)]);
    b.child.kill('SIGTERM');
    await b.exited;
    expect(await waitUntil(() => dbProcessesFor(dataDir).length === 0, 15_000)).toBe(true);
  });

  it('two instances side by side (PostgreSQL and SQLite backends) never collide; a second one on a used DATA_DIR is refused', async () => {
    const [dirA, dirB] = [tmp(), tmp()];
    const a = await start({ DATA_DIR: dirA });
    const b = await start({ DATA_DIR: dirB, EMBEDDED_BACKEND: 'sqlite' });
    expect(await waitForHealth(a.port)).toMatchObject({ db: 'ok', backend: 'postgresql' });
    expect(await waitForHealth(b.port)).toMatchObject({ db: 'ok', backend: 'sqlite' });
    expect(embeddedDbPort(a)).not.toBe(embeddedDbPort(b));
    expect(postgresProcessesFor(dirB)).toEqual([]);

    const again = await start({ DATA_DIR: dirA });
    expect(await again.exited).toBe(1);
    expect(again.stderr()).toMatch(/DATA_DIR .* 正由另一个进程/);
    expect((await waitForHealth(a.port)).db).toBe('ok'); // the refused start touched nothing of the first one

    const bPids = dbProcessesFor(dirB);
    a.child.kill('SIGKILL');
    await a.exited;
    expect(await waitUntil(() => dbProcessesFor(dirA).length === 0, 20_000)).toBe(true);
    expect(bPids.every(alive)).toBe(true);
    expect((await waitForHealth(b.port)).db).toBe('ok');
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  });

  it('with MONGODB_URI set, no embedded database is started', async () => {
    const external = await startEmbeddedFerretDb({ dataDir: tmp(), log: () => undefined });
    try {
      const dataDir = tmp();
      const s = await start({ DATA_DIR: dataDir, MONGODB_URI: `${external.uri}cgt_external` });
      expect(await waitForHealth(s.port)).toMatchObject({ db: 'ok', engine: 'ferretdb', backend: 'unknown' });
      expect(s.stdout()).not.toContain('embedded FerretDB listening');
      expect(s.stdout()).not.toContain('embedded PostgreSQL listening');
      expect(existsSync(path.join(dataDir, 'ferretdb'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
      expect(dbProcessesFor(dataDir)).toEqual([]);
      s.child.kill('SIGTERM');
      await s.exited;
    } finally {
      await external.stop();
    }
  });

  it('bad configuration exits 1 with a message naming the variable', async () => {
    const s = await spawnServer({ DATA_DIR: tmp(), PORT: 'abc' });
    expect(await s.exited).toBe(1);
    expect(s.stderr()).toMatch(/PORT/);
    const t = await spawnServer({ DATA_DIR: tmp(), EMBEDDED_BACKEND: 'mysql' });
    expect(await t.exited).toBe(1);
    expect(t.stderr()).toMatch(/EMBEDDED_BACKEND/);
  });

  it('without Go and without a cached binary, exits 1 saying what to install or set', async () => {
    const dataDir = tmp();
    const s = await spawnServer({ DATA_DIR: dataDir, XDG_CACHE_HOME: tmp(), CGT_GO_COMMAND: '/nonexistent/go' });
    expect(await s.exited).toBe(1);
    expect(s.stderr()).toMatch(/Go/);
    expect(s.stderr()).toMatch(/MONGODB_URI/);
    expect(dbProcessesFor(dataDir)).toEqual([]); // nothing was started before the missing binary was noticed
  });
});
