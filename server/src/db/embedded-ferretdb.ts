import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { ensureFerretDbBinary } from './ferretdb-binary.js';

export interface EmbeddedDb {
  uri: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedDbOptions {
  dataDir: string;
  binary?: string;
  log?: (msg: string) => void;
  /** how long to wait for the first successful ping */
  readyTimeoutMs?: number;
}

/**
 * The one place that knows how the embedded database is started. Today: FerretDB on SQLite.
 * Switching to FerretDB on PostgreSQL means changing `backendArgs` only.
 */
function backendArgs(dataDir: string): string[] {
  const sqliteDir = path.join(dataDir, 'ferretdb');
  mkdirSync(sqliteDir, { recursive: true });
  return ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`];
}

/**
 * The watchdog: bash starts FerretDB, records its pid, then blocks reading its stdin, which is a pipe
 * from this Node process. When Node exits for any reason — including SIGKILL — the pipe closes,
 * `read` returns, and bash stops FerretDB. So no FerretDB outlives its server.
 */
const WATCHDOG = `
"$@" &
child=$!
echo "$child" > "$PIDFILE"
stop() { kill -TERM "$child" 2>/dev/null; for i in $(seq 1 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done; kill -KILL "$child" 2>/dev/null; rm -f "$PIDFILE"; }
trap 'stop; exit 0' TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
  if read -r -t 1 _line; then :; else
    # read timed out (status > 128): keep waiting; any other failure is EOF: the parent is gone
    [ $? -gt 128 ] || { stop; exit 0; }
  fi
done
wait "$child"; status=$?; rm -f "$PIDFILE"; exit $status
`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** A FerretDB left by a server that was killed before its watchdog could act: stop it (it holds our SQLite files). */
export function killStaleFerretDb(dataDir: string, log: (m: string) => void): void {
  const pidFile = path.join(dataDir, 'ferretdb.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // already gone
  }
  if (!cmdline.includes('ferretdb') || !cmdline.includes(dataDir)) return; // pid reused by something else
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
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`FerretDB did not answer ping within ${timeoutMs} ms: ${String(lastError)}`);
}

export async function startEmbeddedFerretDb(opts: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  killStaleFerretDb(dataDir, log);
  const bin = ensureFerretDbBinary({ explicit: opts.binary, log });
  const pidFile = path.join(dataDir, 'ferretdb.pid');

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      ...backendArgs(dataDir),
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${path.join(dataDir, 'ferretdb-state')}`,
      '--telemetry=disable',
      // its debug HTTP listener defaults to 127.0.0.1:8088: two instances would collide there
      '--debug-addr=-',
      '--log-level=warn',
    ];
    mkdirSync(path.join(dataDir, 'ferretdb-state'), { recursive: true });
    const logFd = openSync(path.join(dataDir, 'ferretdb.log'), 'a');
    const child = spawn('bash', ['-c', WATCHDOG, 'ferretdb-watchdog', bin, ...args], {
      stdio: ['pipe', logFd, logFd],
      env: { ...process.env, PIDFILE: pidFile },
    });
    closeSync(logFd);
    const uri = `mongodb://127.0.0.1:${port}/`;
    try {
      await waitForPing(uri, child, opts.readyTimeoutMs ?? 30_000);
    } catch (err) {
      await stopChild(child);
      if (attempt < 3) continue; // most likely the port was taken between freePort() and bind
      throw err;
    }
    log(`[db] embedded FerretDB listening on 127.0.0.1:${port} (data: ${dataDir})`);
    const exitHandler = () => child.stdin?.destroy();
    process.once('exit', exitHandler);
    return {
      uri,
      port,
      pid: child.pid ?? -1,
      stop: async () => {
        process.off('exit', exitHandler);
        await stopChild(child);
      },
    };
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.stdin?.end(); // EOF → the watchdog stops FerretDB gracefully and exits
  });
}
