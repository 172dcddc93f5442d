import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { FerretDbUnavailableError } from './ferretdb-binary.js';
import { cmdlineOf, startTimeOf } from './embedded-process.js';

export type EmbeddedBackend = 'postgresql' | 'sqlite';

/** Thrown when DATA_DIR holds data the requested engine cannot serve, or is already served; exit 1 with the message. */
export class DataDirError extends FerretDbUnavailableError {}

export const sqliteDir = (dataDir: string) => path.join(dataDir, 'ferretdb');

/** DATA_DIR/ferretdb/*.sqlite: databases written by the SQLite-era embedded engine. */
export function hasSqliteData(dataDir: string): boolean {
  const dir = sqliteDir(dataDir);
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.sqlite'));
}

export function hasPostgresCluster(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'));
}

/**
 * A DATA_DIR from the SQLite era (SQLite files, no cluster) must not silently start an empty PostgreSQL next
 * to the residents' data: refuse and name the two commands that move it (they are also the backup path).
 */
export function refuseSqliteEra(dataDir: string): void {
  if (!hasSqliteData(dataDir) || existsSync(path.join(dataDir, 'postgres'))) return;
  const d = JSON.stringify(dataDir);
  throw new DataDirError(
    [
      `DATA_DIR ${dataDir} 中是旧版内嵌数据库 (FerretDB + SQLite) 的数据；现在的内嵌数据库是 FerretDB + PostgreSQL。`,
      `This DATA_DIR holds data of the SQLite-era embedded database; the embedded database is now FerretDB on PostgreSQL.`,
      `迁移数据 (move the data), then start again:`,
      `  DATA_DIR=${d} npm run db:export -- ./db-backup    # 从 SQLite 导出 (export from SQLite)`,
      `  DATA_DIR=${d} npm run db:import -- ./db-backup    # 导入 PostgreSQL (import into DATA_DIR/postgres)`,
      `或暂时继续使用 SQLite (or keep SQLite for now): EMBEDDED_BACKEND=sqlite`,
    ].join('\n'),
  );
}

/** Who serves a DATA_DIR right now: written by the process that started its embedded engine. */
export interface DataDirOwner {
  pid: number;
  startTime: string | null;
  backend: EmbeddedBackend;
  uri?: string;
  postgresUrl?: string | null;
}

const ownerFile = (dataDir: string) => path.join(dataDir, 'embedded.owner.json');

function liveOwner(dataDir: string): DataDirOwner | null {
  let owner: DataDirOwner;
  try {
    owner = JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as DataDirOwner;
  } catch {
    return null;
  }
  if (owner.pid === process.pid) return null; // ourselves, e.g. a retried start in the same process
  if (!cmdlineOf(owner.pid) || startTimeOf(owner.pid) !== owner.startTime) return null; // gone, or the pid was reused
  return owner;
}

/** The running server (or export) that serves this DATA_DIR, if any: db:export/db:import talk to it instead. */
export function readLiveOwner(dataDir: string): DataDirOwner | null {
  const o = liveOwner(dataDir);
  return o?.uri ? o : null;
}

/**
 * Claims DATA_DIR for this process. Stale-process cleanup kills whatever PostgreSQL/FerretDB serves the
 * directory, so a second server on the same DATA_DIR would kill the first one's databases: refuse instead.
 */
export function claimDataDir(dataDir: string, backend: EmbeddedBackend): { update(o: Partial<DataDirOwner>): void; release(): void } {
  const file = ownerFile(dataDir);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      const me: DataDirOwner = { pid: process.pid, startTime: startTimeOf(process.pid), backend };
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return {
        update: (o) => writeFileSync(file, JSON.stringify({ ...me, ...o }), { mode: 0o600 }),
        release: () => {
          const cur = (() => {
            try {
              return JSON.parse(readFileSync(file, 'utf8')) as DataDirOwner;
            } catch {
              return null;
            }
          })();
          if (cur?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 3) throw err;
      const owner = liveOwner(dataDir);
      if (owner) {
        throw new DataDirError(
          `DATA_DIR ${dataDir} 正由另一个进程 (pid ${owner.pid}) 使用其内嵌数据库。请先停止它，或为本实例使用另一个 DATA_DIR。\n` +
            `DATA_DIR is in use by process ${owner.pid}; stop it or use another DATA_DIR.`,
        );
      }
      rmSync(file, { force: true }); // left by a killed run
    }
  }
}
