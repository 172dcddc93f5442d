import { alive, ferretPid, postgresPid, spawnServer, waitForHealth, type ServerProcess } from '../process/server-process.js';

/**
 * Runs the real server (`server/src/main.ts` on its embedded FerretDB + PostgreSQL, as `npm start` does) and
 * plays the process manager: after each kill it waits for the server to be gone and starts it again on the
 * same DATA_DIR. Kill targets: the server process itself, or one of the database processes (the server then
 * sees its database lost and exits, main.ts, and is started again like after any crash).
 */

export type KillTarget = 'server' | 'database';

export interface KillRecord {
  target: string;
  atMs: number;
  /** from the kill until /healthz answered again */
  downMs: number;
}

export class Supervisor {
  private current: ServerProcess | null = null;
  private up = false;
  readonly kills: KillRecord[] = [];
  private readonly t0 = Date.now();

  constructor(
    private readonly dataDir: string,
    private readonly env: Record<string, string>,
    private readonly port: number,
  ) {}

  /** The base URL while the server is believed up, else null (the load generator waits). */
  baseUrl = (): string | null => (this.up ? `http://127.0.0.1:${this.port}` : null);

  async start(): Promise<void> {
    this.current = await spawnServer({ ...this.env, DATA_DIR: this.dataDir, PORT: String(this.port) });
    try {
      await waitForHealth(this.port, 180_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${this.current.stderr().slice(-3000)}\n${this.current.stdout().slice(-2000)}`);
    }
    this.up = true;
  }

  /** SIGKILLs the target, waits for the server to exit (on its own after a database kill), starts it again. */
  async killAndRestart(target: KillTarget): Promise<void> {
    const s = this.current!;
    const at = Date.now();
    let name: string = target;
    if (target === 'server') {
      this.up = false;
      s.child.kill('SIGKILL');
    } else {
      // alternate between FerretDB and the PostgreSQL postmaster
      const pg = this.kills.filter((k) => k.target !== 'server').length % 2 === 1;
      const pid = pg ? postgresPid(this.dataDir) : ferretPid(this.dataDir);
      name = pg ? 'postgres' : 'ferretdb';
      if (!pid || !alive(pid)) throw new Error(`no ${name} process to kill in ${this.dataDir}`);
      process.kill(pid, 'SIGKILL');
      // requests keep reaching the server until it notices; they must fail cleanly, not be acknowledged and lost
    }
    const exited = await Promise.race([s.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
    this.up = false;
    if (!exited) {
      s.child.kill('SIGKILL');
      await s.exited;
      throw new Error(`the server did not exit within 60 s after its ${name} was killed\n${s.stderr().slice(-2000)}`);
    }
    await this.start();
    this.kills.push({ target: name, atMs: at - this.t0, downMs: Date.now() - at });
  }

  /**
   * Kills once `progress()` passes each threshold (plus a random 0–2 s, so the kill lands at an arbitrary point
   * of a request), until `done()`: the number of kills is fixed, their moments are not.
   */
  async chaosAt(target: KillTarget, progress: () => number, thresholds: number[], done: () => boolean): Promise<void> {
    for (const th of thresholds) {
      while (!done() && progress() < th) await new Promise((r) => setTimeout(r, 50));
      if (done()) return;
      await new Promise((r) => setTimeout(r, Math.random() * 2_000));
      if (done()) return;
      await this.killAndRestart(target);
    }
  }

  /** SIGTERM: the graceful stop (the server finishes what it is answering and stops its database). */
  async stop(): Promise<number | null> {
    const s = this.current;
    this.up = false;
    if (!s || s.child.exitCode !== null) return s?.child.exitCode ?? null;
    s.child.kill('SIGTERM');
    const code = await Promise.race([s.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
    if (code === 'timeout') {
      s.child.kill('SIGKILL');
      await s.exited;
      throw new Error('the server did not stop within 30 s of SIGTERM');
    }
    return code;
  }

  logs(): string {
    return `${this.current?.stdout().slice(-2000) ?? ''}\n${this.current?.stderr().slice(-2000) ?? ''}`;
  }
}
