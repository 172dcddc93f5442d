import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { childrenOf, closeOnExit, cmdlineOf, freePort, sleep, spawnWatched, stopWatched, terminate } from './embedded-process.js';
import { ensureReachable, postgresRunAs, type RunAs } from './postgres-account.js';
import { postgresBinaries, PostgresUnavailableError, type PostgresBinaries } from './postgres-binaries.js';

/** The PostgreSQL database FerretDB keeps everything in (one schema per MongoDB database). */
export const FERRETDB_PG_DATABASE = 'ferretdb';
const SUPERUSER = 'postgres';

export interface EmbeddedPostgres {
  /** postgres://… of the `ferretdb` database, with credentials; loopback only */
  url: string;
  port: number;
  pid: number;
  /** its watchdog: exits when PostgreSQL does (see embedded-ferretdb.ts `lost`) */
  watchdog: ChildProcess;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  log: (m: string) => void;
  /** throw-away clusters (tests): no fsync, so a 2-core box is not bound by disk flushes */
  ephemeral?: boolean;
  readyTimeoutMs?: number;
}

export const postgresDir = (dataDir: string) => path.join(dataDir, 'postgres');
const passwordFile = (dataDir: string) => path.join(dataDir, 'postgres-password');

function readPassword(dataDir: string): string {
  const file = passwordFile(dataDir);
  if (!existsSync(file)) {
    throw new PostgresUnavailableError(
      `${file} 缺失：无法登录 ${postgresDir(dataDir)} 中的 PostgreSQL。若有备份，请用 npm run db:import 恢复到一个新的 DATA_DIR。`,
    );
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * A PostgreSQL left by a run that was killed together with its watchdog (e.g. the whole process tree got
 * SIGKILL): stop it and its backends, or the new postmaster refuses our data directory. Its pid is in
 * postmaster.pid; it is ours only when its command line names this data directory (pids get reused). After
 * that no postmaster serves the directory, so a leftover postmaster.pid is removed: PostgreSQL itself would
 * refuse one whose pid now belongs to another account's process.
 */
export async function killStalePostgres(dataDir: string, log: (m: string) => void): Promise<void> {
  const dir = postgresDir(dataDir);
  const lock = path.join(dir, 'postmaster.pid');
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]?.trim());
  const cmd = Number.isInteger(pid) && pid > 1 ? cmdlineOf(pid) : null;
  if (cmd && cmd.includes('postgres') && cmd.includes(dir)) {
    log(`[db] stopping stale PostgreSQL (pid ${pid}) from an earlier run`);
    const backends = childrenOf(pid);
    await terminate(pid, 'SIGQUIT', 5_000); // "immediate" shutdown: the postmaster stops its backends itself
    for (const b of backends) if (cmdlineOf(b)?.startsWith('postgres')) await terminate(b, 'SIGKILL', 2_000);
  }
  rmSync(lock, { force: true });
}

function initdb(dataDir: string, bins: PostgresBinaries, runAs: RunAs | null, log: (m: string) => void): void {
  const dir = postgresDir(dataDir);
  // a folder without PG_VERSION is what a crashed initdb leaves: there is no cluster in it to keep
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const password = randomBytes(24).toString('base64url');
  const pwTmp = path.join(dataDir, `.postgres-initpw-${process.pid}`);
  writeFileSync(pwTmp, password + '\n', { mode: 0o600 });
  if (runAs) {
    chownSync(dir, runAs.uid, runAs.gid);
    chownSync(pwTmp, runAs.uid, runAs.gid);
  }
  log(`[db] initialising PostgreSQL cluster in ${dir}`);
  try {
    const r = spawnSync(
      bins.initdb,
      [
        `--pgdata=${dir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwTmp}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // FerretDB accepts only C / POSIX / C.UTF-8 / en_US.UTF-8 collations; C.UTF-8 exists on every glibc system,
        // en_US.UTF-8 often does not (Debian images), and lc-messages=C keeps initdb from asking for it
        '--locale=C.UTF-8',
        '--lc-messages=C',
        '--no-instructions',
      ],
      { encoding: 'utf8', env: cleanEnv(), ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), timeout: 120_000 },
    );
    if (r.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new PostgresUnavailableError(`initdb 失败 (exit ${r.status}): ${(r.stderr || r.stdout || r.error?.message || '').trim()}`);
    }
    writeFileSync(passwordFile(dataDir), password + '\n', { mode: 0o600 });
  } finally {
    rmSync(pwTmp, { force: true });
  }
}

/** PG* variables of the caller's shell (PGDATA, PGPORT, PGOPTIONS…) must not leak into our cluster. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG') && !k.startsWith('LC_')) env[k] = v;
  env.LANG = 'C.UTF-8';
  return env;
}

const urlFor = (password: string, port: number, db: string) =>
  `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

async function waitForPostgres(url: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      lastError = err;
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n') : '';
  throw new Error(`PostgreSQL did not become ready (${child.exitCode !== null ? `exit ${child.exitCode}` : String(lastError)})\n${tail}`);
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const r = await client.query('SELECT datcollate FROM pg_database WHERE datname = $1', [FERRETDB_PG_DATABASE]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE ${FERRETDB_PG_DATABASE} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`);
  } finally {
    await client.end();
  }
}

/**
 * Starts PostgreSQL 16 on DATA_DIR/postgres: loopback only, a free port, no unix socket (its path could exceed
 * the 107-byte limit and two instances would fight over /tmp/.s.PGSQL.<port>.lock), run by `postgres` when we
 * are root, under the watchdog. Creates the cluster and the `ferretdb` database on first start.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const dir = postgresDir(dataDir);
  const runAs = postgresRunAs();
  const bins = runAs ? ensureReachable(dataDir, runAs, postgresBinaries()) : postgresBinaries();
  await killStalePostgres(dataDir, opts.log);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) initdb(dataDir, bins, runAs, opts.log);
  const password = readPassword(dataDir);
  const logFile = path.join(dataDir, 'postgres.log');
  const settings = [
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    // FerretDB's pool opens up to 50 connections (pool_max_conns); leave room for the GIN step and tests
    'max_connections=100',
    // FerretDB sends the field name as a parameter (`_jsonb->$1 @> $2`) of a cached prepared statement. A generic
    // plan cannot match `$1` to the GIN twin's `_jsonb->'field'`, and after five runs PostgreSQL may switch to one:
    // always plan with the values, so the twins keep serving (planning costs well under a millisecond)
    'plan_cache_mode=force_custom_plan',
    ...(opts.ephemeral ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
  ];
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawnWatched({
      argv: [bins.postgres, '-D', dir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])],
      logFile,
      env: cleanEnv(),
      stopSignal: 'INT', // "fast" shutdown: disconnect clients, checkpoint, exit
      runAs,
      cwd: dir,
    });
    try {
      await waitForPostgres(urlFor(password, port, 'postgres'), child, opts.readyTimeoutMs ?? 60_000, logFile);
      await ensureDatabase(urlFor(password, port, 'postgres'));
    } catch (err) {
      await stopWatched(child);
      if (attempt < 3) continue; // most likely the port was taken between freePort() and bind
      throw err;
    }
    const pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    opts.log(`[db] embedded PostgreSQL listening on 127.0.0.1:${port} (data: ${dir})`);
    const release = closeOnExit(child);
    return {
      url: urlFor(password, port, FERRETDB_PG_DATABASE),
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
