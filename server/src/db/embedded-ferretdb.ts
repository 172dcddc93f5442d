import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { ensureFerretDbBinary } from './ferretdb-binary.js';
import { claimDataDir, refuseSqliteEra, sqliteDir, type EmbeddedBackend } from './embedded-datadir.js';
import { ensurePrivateDataDir, ensurePrivateDir } from './private-files.js';
import { closeOnExit, cmdlineOf, freePort, sleep, spawnWatched, stopWatched } from './embedded-process.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export { freePort } from './embedded-process.js';
export type { EmbeddedBackend } from './embedded-datadir.js';

export interface EmbeddedDb {
  /** mongodb://127.0.0.1:<port>/ of FerretDB */
  uri: string;
  port: number;
  /** FerretDB's pid */
  pid: number;
  backend: EmbeddedBackend;
  /** postgres://… of the `ferretdb` database FerretDB stores into (postgresql backend), else null */
  postgresUrl: string | null;
  postgresPid: number | null;
  /**
   * Settles (with what happened) when FerretDB or PostgreSQL exits without stop() having been called — killed,
   * crashed, out of memory. Nothing restarts them inside the server, so the server must stop and let its
   * process manager start it again (main.ts), rather than answer 5xx until someone notices.
   */
  lost: Promise<string>;
  stop(): Promise<void>;
}

export interface EmbeddedDbOptions {
  dataDir: string;
  /** default postgresql; sqlite is kept for comparison runs and for reading SQLite-era data */
  backend?: EmbeddedBackend;
  binary?: string;
  log?: (msg: string) => void;
  /** how long to wait for the first successful ping */
  readyTimeoutMs?: number;
  /** throw-away data (tests): PostgreSQL without fsync */
  ephemeral?: boolean;
  /** start on SQLite-era data anyway (db:import writes the first PostgreSQL data into such a DATA_DIR) */
  allowSqliteEra?: boolean;
}

/** A FerretDB left by a server that was killed before its watchdog could act: stop it (it holds our data). */
export function killStaleFerretDb(dataDir: string, log: (m: string) => void): void {
  const pidFile = path.join(dataDir, 'ferretdb.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1) return;
  const cmdline = cmdlineOf(pid);
  if (!cmdline || !cmdline.includes('ferretdb') || !cmdline.includes(dataDir)) return; // gone, or pid reused
  log(`[db] stopping stale FerretDB (pid ${pid}) from an earlier run`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* raced with its exit */
  }
}

async function waitForPing(uri: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode} before it was ready`);
    const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
      await sleep(150);
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`FerretDB did not answer ping within ${timeoutMs} ms: ${String(lastError)}`);
}

/** FerretDB v1.24.2 on a free loopback port, under the watchdog, storing into `storage`. */
async function startFerretDbProcess(
  dataDir: string,
  storage: { handler: 'sqlite' } | { handler: 'postgresql'; url: string },
  bin: string,
  opts: EmbeddedDbOptions,
  log: (m: string) => void,
): Promise<{ uri: string; port: number; pid: number; watchdog: ChildProcess; stop(): Promise<void> }> {
  const pidFile = path.join(dataDir, 'ferretdb.pid');
  const env: NodeJS.ProcessEnv = { ...process.env };
  const backendArgs = [`--handler=${storage.handler}`];
  if (storage.handler === 'sqlite') {
    ensurePrivateDir(sqliteDir(dataDir));
    backendArgs.push(`--sqlite-url=file:${sqliteDir(dataDir)}/`);
  } else {
    env.FERRETDB_POSTGRESQL_URL = storage.url; // not on the command line: it carries the password
  }
  ensurePrivateDir(path.join(dataDir, 'ferretdb-state'));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      ...backendArgs,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${path.join(dataDir, 'ferretdb-state')}`,
      '--telemetry=disable',
      // its debug HTTP listener defaults to 127.0.0.1:8088: two instances would collide there
      '--debug-addr=-',
      '--log-level=warn',
    ];
    const child = spawnWatched({ argv: [bin, ...args], logFile: path.join(dataDir, 'ferretdb.log'), env, pidFile });
    const uri = `mongodb://127.0.0.1:${port}/`;
    try {
      await waitForPing(uri, child, opts.readyTimeoutMs ?? 30_000);
    } catch (err) {
      await stopWatched(child);
      if (attempt < 3) continue; // most likely the port was taken between freePort() and bind
      throw err;
    }
    log(`[db] embedded FerretDB listening on 127.0.0.1:${port} (${storage.handler}, data: ${dataDir})`);
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    const release = closeOnExit(child);
    return {
      uri,
      port,
      pid,
      watchdog: child,
      stop: async () => {
        release();
        await stopWatched(child);
      },
    };
  }
}

/**
 * The one place that knows how the embedded database is started: FerretDB v1.24.2 on PostgreSQL 16 (default),
 * or on SQLite (`backend: 'sqlite'`). PostgreSQL first, FerretDB on top; stop() in the reverse order. Each runs
 * under its own watchdog, so even a SIGKILL of the server leaves neither running.
 */
export async function startEmbeddedFerretDb(opts: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const dataDir = path.resolve(opts.dataDir);
  const backend = opts.backend ?? 'postgresql';
  ensurePrivateDataDir(dataDir);
  if (backend === 'postgresql' && !opts.allowSqliteEra) refuseSqliteEra(dataDir);
  const bin = ensureFerretDbBinary({ explicit: opts.binary, log }); // fail on a missing binary before anything starts
  const claim = claimDataDir(dataDir, backend);
  let postgres: EmbeddedPostgres | null = null;
  try {
    killStaleFerretDb(dataDir, log);
    if (backend === 'postgresql') postgres = await startEmbeddedPostgres({ dataDir, log, ephemeral: opts.ephemeral, readyTimeoutMs: opts.readyTimeoutMs });
    const storage = postgres ? { handler: 'postgresql' as const, url: postgres.url } : { handler: 'sqlite' as const };
    const ferret = await startFerretDbProcess(dataDir, storage, bin, opts, log);
    const postgresUrl = postgres?.url ?? null;
    claim.update({ uri: ferret.uri, postgresUrl });
    const pgRef = postgres;
    let stopping = false;
    const lost = new Promise<string>((resolve) => {
      const watch = (name: string, watchdog: ChildProcess) =>
        watchdog.once('exit', (code, signal) => {
          if (!stopping) resolve(`${name} exited (watchdog ${signal ?? `code ${code}`})`);
        });
      watch('FerretDB', ferret.watchdog);
      if (pgRef) watch('PostgreSQL', pgRef.watchdog);
    });
    return {
      uri: ferret.uri,
      port: ferret.port,
      pid: ferret.pid,
      backend,
      postgresUrl,
      postgresPid: pgRef?.pid ?? null,
      lost,
      stop: async () => {
        stopping = true;
        await ferret.stop();
        await pgRef?.stop();
        claim.release();
      },
    };
  } catch (err) {
    await postgres?.stop();
    claim.release();
    throw err;
  }
}
