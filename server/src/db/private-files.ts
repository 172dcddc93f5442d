import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * DATA_DIR holds residents' phone numbers (in the database files), their photos and the server's secrets:
 * nobody but the server's account may read it. So DATA_DIR and every folder the server makes in it are
 * 0700, every file it writes 0600, and the database processes run with umask 077 (embedded-process.ts).
 * PostgreSQL keeps its own cluster 0700 / 0600 anyway. (As root, the cluster is run by the `postgres`
 * account, which then gets DATA_DIR's group with search only: see postgres-account.ts.)
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** the umask of the database processes: what they create is private too */
export const PRIVATE_UMASK = 0o077;

/**
 * mkdir -p with mode 0700 (mkdir leaves an existing folder as it was, so that one is tightened). Search-only
 * for the group (0710) is let be: that is how the `postgres` account reaches its cluster when root runs us.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((lstatSync(dir).mode & 0o067) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file private (log and pid files of an older release were 0644). */
export function makePrivateFile(file: string): void {
  if (existsSync(file) && (lstatSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * DATA_DIR 0700, and what sits directly in it (written by an older release with the default umask) private:
 * files 0600, folders 0700. The PostgreSQL cluster folder is left to PostgreSQL (it is 0700 and may belong
 * to the `postgres` account); deeper levels are unreachable for others once DATA_DIR is 0700.
 */
export function ensurePrivateDataDir(dataDir: string): void {
  ensurePrivateDir(dataDir);
  for (const name of readdirSync(dataDir)) {
    if (name === 'postgres') continue;
    const p = path.join(dataDir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory() && (st.mode & 0o077) !== 0) chmodSync(p, PRIVATE_DIR_MODE);
    else if (st.isFile() && (st.mode & 0o077) !== 0) chmodSync(p, PRIVATE_FILE_MODE);
  }
}
