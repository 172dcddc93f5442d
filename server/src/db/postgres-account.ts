import { spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';
import { PostgresUnavailableError, type PostgresBinaries } from './postgres-binaries.js';

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

export const POSTGRES_ACCOUNT = 'postgres';

function idOf(flag: '-u' | '-g', name: string): number | null {
  const r = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

/**
 * PostgreSQL refuses to run as root, and CI runs as root. Then the cluster is owned and run by the unprivileged
 * `postgres` account, created when missing (a system account without a login shell or home). Not root: null, the
 * current user runs it.
 */
export function postgresRunAs(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  if (idOf('-u', POSTGRES_ACCOUNT) === null) {
    const attempts: [string, string[]][] = [
      ['useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', POSTGRES_ACCOUNT]],
      ['adduser', ['--system', '--group', '--no-create-home', '--home', '/nonexistent', '--shell', '/usr/sbin/nologin', POSTGRES_ACCOUNT]],
    ];
    for (const [cmd, args] of attempts) {
      spawnSync(cmd, args, { stdio: 'ignore' });
      if (idOf('-u', POSTGRES_ACCOUNT) !== null) break;
    }
  }
  const uid = idOf('-u', POSTGRES_ACCOUNT);
  const gid = idOf('-g', POSTGRES_ACCOUNT);
  if (uid === null || gid === null) {
    throw new PostgresUnavailableError(
      `以 root 运行时，内嵌 PostgreSQL 需要一个非特权账号 "${POSTGRES_ACCOUNT}"，但无法创建 (useradd/adduser 失败)。` +
        `请手动创建 (useradd --system --user-group ${POSTGRES_ACCOUNT})，或以普通用户运行，或设置 MONGODB_URI。`,
    );
  }
  return { uid, gid, name: POSTGRES_ACCOUNT };
}

/** Whether `who` may search (enter) directory `dir`, by its mode bits. */
function canEnter(dir: string, who: RunAs): boolean {
  const st = statSync(dir);
  if (st.uid === who.uid) return (st.mode & 0o100) !== 0;
  if (st.gid === who.gid) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/**
 * The `postgres` account must be able to reach DATA_DIR/postgres and the binaries. DATA_DIR itself is often
 * private to root (a mkdtemp folder is 0700): give it the search bit only (o+x, no listing), which exposes
 * nothing but the path to the cluster folder, which is 0700 and owned by `postgres`. A parent folder outside
 * DATA_DIR is not ours to change: say which one and what to do.
 */
export function ensureReachable(dataDir: string, who: RunAs, bins: PostgresBinaries): void {
  const chain: string[] = [];
  for (let d = path.resolve(dataDir); ; d = path.dirname(d)) {
    chain.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of chain) {
    if (canEnter(d, who)) continue;
    if (d === path.resolve(dataDir)) {
      chmodSync(d, statSync(d).mode | 0o001);
      continue;
    }
    throw new PostgresUnavailableError(
      `内嵌 PostgreSQL 以账号 "${who.name}" 运行，但它无法进入目录 ${d} (DATA_DIR=${dataDir})。` +
        `请把 DATA_DIR 放在该账号可进入的位置，或 chmod o+x ${d}，或以普通用户运行。`,
    );
  }
  const r = spawnSync(bins.postgres, ['--version'], { uid: who.uid, gid: who.gid, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new PostgresUnavailableError(
      `账号 "${who.name}" 无法运行内嵌 PostgreSQL (${bins.postgres})：${r.stderr || r.error?.message || r.status}。` +
        '项目目录需对该账号可读 (例如不要放在 /root 下)，或以普通用户运行，或设置 MONGODB_URI。',
    );
  }
}
