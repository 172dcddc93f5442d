/**
 * The real server over the seeded DATA_DIR, started as `npm start` starts it (server/src/main.ts under
 * tsx, like test/process/server-process.ts), with its output in DATA_DIR/scale-bench-server.log rather
 * than in memory (a long run logs every request). Its resident memory is sampled from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, SERVER_DIR, waitForHealth } from '../../process/server-process.js';
import { serverNodeArgs } from '../../../scripts/server-args.mjs';

export interface BenchServer {
  child: ChildProcess;
  base: string;
  health: Record<string, unknown>;
  logFile: string;
  stop(): Promise<void>;
}

/** the server's abuse limits (config.ts) out of the way of a load test */
export const BENCH_LIMITS: Record<string, string> = {
  REPORTS_PER_HOUR_PER_RESIDENT: '1000000',
  REPORTS_PER_HOUR_PER_IP: '1000000',
  COMPLAINTS_PER_DAY_PER_RESIDENT: '1000000',
  DEMO_LOGINS_PER_MINUTE_PER_IP: '1000000',
};

/** DATA_DIR/pii-key as PII_KEY, unless the environment sets one. */
function seededPiiKey(dir: string): Record<string, string> {
  if (process.env.PII_KEY) return {};
  const file = path.join(dir, 'pii-key');
  return existsSync(file) ? { PII_KEY: readFileSync(file, 'utf8').trim() } : {};
}

export async function startServer(env: Record<string, string>, dataDir: string): Promise<BenchServer> {
  const port = await freePort();
  const logFile = path.join(dataDir, 'scale-bench-server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, serverNodeArgs({ ...process.env, ...env }), {
    cwd: SERVER_DIR,
    // DEMO_LOGIN for the resident logins; DEMO_DATA as npm start sets it (staff exist, no demo tickets are added to a filled database)
    // the abuse limits raised: hundreds of residents file from one address here, which is the load, not abuse
    // production needs PII_KEY: the key the seeding process generated into the data dir (or the caller's)
    env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'production', DEMO_LOGIN: '1', DEMO_DATA: '1', ...BENCH_LIMITS, ...seededPiiKey(env.DATA_DIR ?? dataDir), PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // the first start over a loaded database builds the GIN twins over every table: give it time
  const health = await Promise.race([
    waitForHealth(port, 30 * 60_000),
    exited.then(() => {
      throw new Error(`server exited during start; see ${logFile}`);
    }),
  ]);
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    health,
    logFile,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 25_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      log.end();
    },
  };
}

export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Max RSS of the server process (and of the embedded database processes, for information) while it runs. */
export function sampleRss(serverPid: number, dataDir: string, everyMs = 500) {
  const max = { server: 0, ferretdb: 0, postgres: 0 };
  const pidOf = (file: string) => {
    try {
      return Number(readFileSync(path.join(dataDir, file), 'utf8').split('\n')[0]!.trim()) || undefined;
    } catch {
      return undefined;
    }
  };
  const tick = () => {
    max.server = Math.max(max.server, rssMb(serverPid) ?? 0);
    max.ferretdb = Math.max(max.ferretdb, rssMb(pidOf('ferretdb.pid')) ?? 0);
    // the postmaster only (each connection is a backend process of its own)
    max.postgres = Math.max(max.postgres, rssMb(pidOf('postgres/postmaster.pid')) ?? 0);
  };
  tick();
  const t = setInterval(tick, everyMs);
  return { max, stop: () => clearInterval(t) };
}
