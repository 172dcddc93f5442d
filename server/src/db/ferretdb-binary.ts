import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

/** Thrown when no FerretDB binary can be had; the message tells the operator what to do. */
export class FerretDbUnavailableError extends Error {}

export function defaultBinDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'chengguantong', 'bin');
}

function binaryVersion(bin: string): string | null {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (r.status !== 0) return null;
  return /version:\s*(\S+)/.exec(r.stdout)?.[1] ?? null;
}

/**
 * Returns a FerretDB v1.24.2 binary: FERRETDB_BIN if set, else a cached build outside the repo,
 * else builds one with Go (about two minutes, once per machine).
 */
export function ensureFerretDbBinary(opts: { explicit?: string; binDir?: string; log?: (m: string) => void} = {}): string {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  if (opts.explicit) {
    if (!existsSync(opts.explicit)) throw new FerretDbUnavailableError(`FERRETDB_BIN 指向的文件不存在: ${opts.explicit}`);
    return opts.explicit;
  }
  const binDir = opts.binDir ?? defaultBinDir();
  const bin = path.join(binDir, 'ferretdb');
  if (existsSync(bin) && binaryVersion(bin) === FERRETDB_VERSION) return bin;
  log(`[db] building FerretDB ${FERRETDB_VERSION} into ${binDir} (first start only, ~2 min)…`);
  buildFerretDb(bin);
  return bin;
}

/**
 * Why not a plain `go install …@v1.24.2`: the module zip on the proxy lacks the generated
 * build/version/version.txt, and a binary whose main module is FerretDB itself panics at start-up
 * ("Invalid build/version/version.txt"). So we copy the module source, write that file as
 * FerretDB's own `bin/task gen-version` would, and `go build` it. Go 1.24+ builds it unchanged.
 */
/** `go` on PATH, else the standard install location (a non-login shell may lack it on PATH). */
function goCommand(): string {
  if (process.env.CGT_GO_COMMAND) return process.env.CGT_GO_COMMAND; // lets a test simulate a machine without Go
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (!r.error && r.status === 0) return 'go';
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
}

function buildFerretDb(target: string): void {
  const goBin = goCommand();
  const go = spawnSync(goBin, ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new FerretDbUnavailableError(
      '找不到 Go 工具链，无法构建内嵌数据库 FerretDB。请安装 Go ≥ 1.24 (Debian: apt-get install golang，或从 go.dev 安装)，' +
        '或设置 MONGODB_URI 连接已有的 MongoDB / FerretDB，或设置 FERRETDB_BIN 指向现成的 ferretdb 可执行文件。',
    );
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'cgt-ferretdb-build-'));
  try {
    const info = JSON.parse(
      execFileSync(goBin, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as { Dir?: string; Error?: string };
    if (!info.Dir) throw new Error(info.Error ?? 'go mod download returned no directory');
    const src = path.join(work, 'src');
    cpSync(info.Dir, src, { recursive: true });
    chmodRecursiveWritable(src);
    writeFileSync(path.join(src, 'build', 'version', 'version.txt'), FERRETDB_VERSION + '\n');
    writeFileSync(path.join(src, 'build', 'version', 'package.txt'), 'chengguantong-embedded\n');
    mkdirSync(path.dirname(target), { recursive: true });
    const tmpOut = `${target}.${process.pid}.tmp`;
    execFileSync(goBin, ['build', '-trimpath', '-o', tmpOut, './cmd/ferretdb'], {
      cwd: src,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    });
    renameSync(tmpOut, target); // atomic: a concurrent start never sees half a binary
  } catch (err) {
    if (err instanceof FerretDbUnavailableError) throw err;
    throw new FerretDbUnavailableError(
      `构建 FerretDB ${FERRETDB_VERSION} 失败 (${(err as Error).message})。请检查 Go 版本 (需 ≥ 1.24) 与 Go 模块代理的网络，` +
        '或设置 MONGODB_URI / FERRETDB_BIN。',
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function chmodRecursiveWritable(dir: string): void {
  // Files from the Go module cache are read-only; we must write version.txt into the copy.
  execFileSync('chmod', ['-R', 'u+w', dir]);
  chmodSync(dir, 0o755);
}
