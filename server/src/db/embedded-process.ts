import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { makePrivateFile, PRIVATE_FILE_MODE, PRIVATE_UMASK } from './private-files.js';

/**
 * The watchdog shared by both embedded processes (PostgreSQL and FerretDB): bash starts the program, optionally
 * records its pid, then blocks reading its stdin, which is a pipe from this Node process. When Node exits for any
 * reason — including SIGKILL — the pipe closes, `read` returns, and bash stops the program: first with STOP_SIGNAL
 * (PostgreSQL wants SIGINT, its "fast" shutdown; SIGTERM would wait for every client to leave), then SIGKILL
 * after 10 s. So no database process outlives its server.
 */
const WATCHDOG = `
"$@" &
child=$!
[ -n "$PIDFILE" ] && echo "$child" > "$PIDFILE"
stop() {
  kill -"\${STOP_SIGNAL:-TERM}" "$child" 2>/dev/null
  for i in $(seq 1 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$child" 2>/dev/null
  [ -n "$PIDFILE" ] && rm -f "$PIDFILE"
}
trap 'stop; exit 0' TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
  if read -r -t 1 _line; then :; else
    # read timed out (status > 128): keep waiting; any other failure is EOF: the parent is gone
    [ $? -gt 128 ] || { stop; exit 0; }
  fi
done
wait "$child"; status=$?; [ -n "$PIDFILE" ] && rm -f "$PIDFILE"; exit $status
`;

export interface WatchedOptions {
  /** program and its arguments */
  argv: string[];
  logFile: string;
  env: NodeJS.ProcessEnv;
  pidFile?: string;
  stopSignal?: 'TERM' | 'INT';
  /** run as this account (we are root; the child must not be) */
  runAs?: { uid: number; gid: number } | null;
  cwd?: string;
}

/**
 * Starts `argv` under the watchdog. `detached` puts it in its own session, so a Ctrl-C in the terminal reaches
 * only the server, which then stops the databases in order (FerretDB before PostgreSQL) instead of all at once.
 */
export function spawnWatched(o: WatchedOptions): ChildProcess {
  const logFd = openSync(o.logFile, 'a', PRIVATE_FILE_MODE);
  makePrivateFile(o.logFile);
  if (o.pidFile) makePrivateFile(o.pidFile);
  try {
    // umask 077: whatever the database writes (its files, state, pid file) is readable by its account only
    return spawn('bash', ['-c', `umask ${PRIVATE_UMASK.toString(8).padStart(3, '0')}\n${WATCHDOG}`, 'cgt-db-watchdog', ...o.argv], {
      stdio: ['pipe', logFd, logFd],
      env: { ...o.env, PIDFILE: o.pidFile ?? '', STOP_SIGNAL: o.stopSignal ?? 'TERM' },
      detached: true,
      cwd: o.cwd,
      ...(o.runAs ? { uid: o.runAs.uid, gid: o.runAs.gid } : {}),
    });
  } finally {
    closeSync(logFd);
  }
}

/** Closes the watchdog's pipe (it then stops its program gracefully) and waits for it; SIGKILL after 20 s. */
export function stopWatched(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.stdin?.end();
  });
}

/** Makes sure the pipe closes at once when Node exits normally (process.exit skips stream cleanup). */
export function closeOnExit(child: ChildProcess): () => void {
  const handler = () => child.stdin?.destroy();
  process.once('exit', handler);
  return () => process.off('exit', handler);
}

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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The NUL-separated command line of a live, non-zombie process, or null. */
export function cmdlineOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\) [ZX] /.test(stat)) return null; // a zombie is dead, just not yet reaped
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  return cmdlineOf(pid) !== null;
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/pid/stat): tells a reused pid apart. */
export function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Direct children of a process (PostgreSQL's backends and auxiliary processes hang under the postmaster). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Signals a process and waits until it is gone; SIGKILL when `signal` did not end it within `graceMs`. */
export async function terminate(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isAlive(pid)) await sleep(50);
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  const hardDeadline = Date.now() + 5_000; // a process stuck in the kernel (D state) cannot be waited for forever
  while (Date.now() < hardDeadline && isAlive(pid)) await sleep(50);
}
