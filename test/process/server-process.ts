import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeArgs } from '../../scripts/server-args.mjs';

export const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
}

/** Runs server/src/main.ts as a real process, exactly as `npm start` does. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  let out = '';
  let err = '';
  const child = spawn(process.execPath, serverNodeArgs({ ...process.env, ...env }), {
    cwd: SERVER_DIR,
    env: { ...process.env, MONGODB_URI: '', LOG_LEVEL: 'info', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, stdout: () => out, stderr: () => err, exited };
}

export async function waitForHealth(port: number, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.status === 200) return (await r.json()) as Record<string, unknown>;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat); // a zombie is dead, just not yet reaped
  } catch {
    return false;
  }
}

export function ferretPid(dataDir: string): number | null {
  const f = path.join(dataDir, 'ferretdb.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : null;
}

/** FerretDB processes whose command line mentions this data dir. */
export function ferretProcessesFor(dataDir: string): number[] {
  const pids: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8');
      if (cmd.startsWith('bash\0')) continue; // its watchdog names the same binary and flags
      if (cmd.includes('ferretdb') && cmd.includes('--handler') && cmd.includes(dataDir) && alive(Number(e))) pids.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** The postmaster of DATA_DIR/postgres (its pid file), or null. */
export function postgresPid(dataDir: string): number | null {
  const f = path.join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').split('\n')[0]) : null;
}

function ppidOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** PostgreSQL processes of this data dir: postmasters whose command line names DATA_DIR/postgres, and their backends. */
export function postgresProcessesFor(dataDir: string): number[] {
  const pgDir = path.join(dataDir, 'postgres');
  const all = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
  const masters = all.filter((p) => {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      return !cmd.startsWith('bash\0') && cmd.includes('postgres') && cmd.includes(`${pgDir}\0`) && alive(p);
    } catch {
      return false;
    }
  });
  const kids = all.filter((p) => masters.includes(ppidOf(p) ?? -1) && alive(p));
  return [...masters, ...kids];
}

/** The watchdog (bash) that runs a database process. */
export function watchdogOf(pid: number): number | null {
  const parent = ppidOf(pid);
  if (!parent) return null;
  try {
    return readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes('cgt-db-watchdog') ? parent : null;
  } catch {
    return null;
  }
}

/** Every embedded-database process (FerretDB, PostgreSQL and its backends) of this data dir. */
export function dbProcessesFor(dataDir: string): number[] {
  return [...ferretProcessesFor(dataDir), ...postgresProcessesFor(dataDir)];
}

/** Runs a root package script's node entry (scripts/*.mjs) as `npm run` would, from `cwd`. */
export function runScript(script: string, args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(process.execPath, [path.join(SERVER_DIR, '..', 'scripts', script), ...args], {
      cwd,
      env: { ...process.env, MONGODB_URI: '', INIT_CWD: cwd, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

export async function waitUntil(cond: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}
