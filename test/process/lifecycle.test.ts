import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedFerretDb } from '../../server/src/db/embedded-ferretdb.js';
import { ensureFerretDbBinary } from '../../server/src/db/ferretdb-binary.js';
import { alive, ferretPid, ferretProcessesFor, spawnServer, waitForHealth, waitUntil, type ServerProcess } from './server-process.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cgt-proc-'));
const running: ServerProcess[] = [];
afterEach(() => {
  for (const s of running.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});

function embeddedDbPort(s: ServerProcess): number {
  const m = /embedded FerretDB listening on 127\.0\.0\.1:(\d+)/.exec(s.stdout());
  if (!m) throw new Error('no embedded FerretDB line in the log');
  return Number(m[1]);
}

describe('the server process and its embedded FerretDB', () => {
  it('answers /healthz with engine ferretdb; data survives a restart; SIGTERM leaves no FerretDB', async () => {
    const dataDir = tmp();
    const a = await spawnServer({ DATA_DIR: dataDir });
    running.push(a);
    expect(await waitForHealth(a.port)).toMatchObject({ status: 'ok', db: 'ok', engine: 'ferretdb' });
    expect(existsSync(path.join(dataDir, 'initial-admin-password.txt'))).toBe(true);
    const client = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${embeddedDbPort(a)}/`);
    await client.connect();
    await client.db('chengguantong').collection('restart_probe').insertOne({ _id: 'probe' as never, note: '重启前写入' });
    await client.close();
    const pid = ferretPid(dataDir)!;
    expect(alive(pid)).toBe(true);

    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await waitUntil(() => !alive(pid), 10_000)).toBe(true);
    expect(ferretProcessesFor(dataDir)).toEqual([]);

    const b = await spawnServer({ DATA_DIR: dataDir });
    running.push(b);
    await waitForHealth(b.port);
    const c2 = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${embeddedDbPort(b)}/`);
    await c2.connect();
    expect(await c2.db('chengguantong').collection('restart_probe').findOne({ _id: 'probe' as never })).toMatchObject({ note: '重启前写入' });
    // the seed is stamped: a restart loads nothing twice
    expect(await c2.db('chengguantong').collection('districts').countDocuments({ kind: 'district' })).toBe(9);
    await c2.close();
    expect(b.stdout()).not.toContain('seed loaded');
    b.child.kill('SIGINT');
    expect(await b.exited).toBe(0);
    expect(await waitUntil(() => ferretProcessesFor(dataDir).length === 0)).toBe(true);
  });

  it('SIGKILL of the server: its FerretDB stops by itself (watchdog), and the next start works', async () => {
    const dataDir = tmp();
    const a = await spawnServer({ DATA_DIR: dataDir });
    running.push(a);
    await waitForHealth(a.port);
    const pid = ferretPid(dataDir)!;
    a.child.kill('SIGKILL');
    await a.exited;
    expect(await waitUntil(() => !alive(pid), 10_000)).toBe(true);
    const b = await spawnServer({ DATA_DIR: dataDir });
    running.push(b);
    expect(await waitForHealth(b.port)).toMatchObject({ db: 'ok' });
    b.child.kill('SIGTERM');
    await b.exited;
  });

  it('a FerretDB left over from a killed run (watchdog gone too) is stopped by the next start', async () => {
    const dataDir = tmp();
    mkdirSync(path.join(dataDir, 'ferretdb'), { recursive: true });
    const bin = ensureFerretDbBinary();
    const stale = spawn(bin, [
      '--handler=sqlite', `--sqlite-url=file:${dataDir}/ferretdb/`, '--listen-addr=127.0.0.1:0',
      `--state-dir=${dataDir}`, '--telemetry=disable', '--debug-addr=-',
    ], { stdio: 'ignore', detached: true });
    writeFileSync(path.join(dataDir, 'ferretdb.pid'), String(stale.pid));
    expect(await waitUntil(() => alive(stale.pid!), 5000)).toBe(true);
    const s = await spawnServer({ DATA_DIR: dataDir });
    running.push(s);
    await waitForHealth(s.port);
    expect(await waitUntil(() => !alive(stale.pid!), 5000)).toBe(true);
    expect(s.stdout()).toContain('stopping stale FerretDB');
    s.child.kill('SIGTERM');
    await s.exited;
  });

  it('with MONGODB_URI set, no embedded database is started', async () => {
    const external = await startEmbeddedFerretDb({ dataDir: tmp(), log: () => undefined });
    try {
      const dataDir = tmp();
      const s = await spawnServer({ DATA_DIR: dataDir, MONGODB_URI: `${external.uri}cgt_external` });
      running.push(s);
      expect(await waitForHealth(s.port)).toMatchObject({ db: 'ok', engine: 'ferretdb' });
      expect(s.stdout()).not.toContain('embedded FerretDB listening');
      expect(existsSync(path.join(dataDir, 'ferretdb'))).toBe(false);
      expect(ferretProcessesFor(dataDir)).toEqual([]);
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
  });

  it('without Go and without a cached binary, exits 1 saying what to install or set', async () => {
    const s = await spawnServer({ DATA_DIR: tmp(), XDG_CACHE_HOME: tmp(), CGT_GO_COMMAND: '/nonexistent/go' });
    expect(await s.exited).toBe(1);
    expect(s.stderr()).toMatch(/Go/);
    expect(s.stderr()).toMatch(/MONGODB_URI/);
  });
});
