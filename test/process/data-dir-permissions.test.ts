import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { dbProcessesFor, spawnServer, waitForHealth, waitUntil } from './server-process.js';

/**
 * The database files hold phones in clear text. With a real server on its embedded PostgreSQL +
 * FerretDB and a photo uploaded, nothing in DATA_DIR is readable by other accounts: DATA_DIR 0700 (0710 to
 * the `postgres` group when root runs the cluster as that account), folders without group/other access,
 * files 0600 (PostgreSQL's own files included).
 */

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) if (await waitUntil(() => dbProcessesFor(d).length === 0, 15_000)) rmSync(d, { recursive: true, force: true });
});

function walk(dir: string, out: Array<{ path: string; mode: number; dir: boolean }> = []) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink() || st.isSocket()) continue;
    out.push({ path: p, mode: st.mode & 0o777, dir: st.isDirectory() });
    if (st.isDirectory()) walk(p, out);
  }
  return out;
}

describe('DATA_DIR on disk', () => {
  it('holds nothing other accounts can read, after a start and an upload', async () => {
    // a folder the server creates itself, in /tmp (a private parent would keep the `postgres` account out)
    const dataDir = path.join(os.tmpdir(), `cgt-perm-proc-${randomBytes(6).toString('hex')}`);
    dirs.push(dataDir);
    const s = await spawnServer({ DATA_DIR: dataDir, DEMO_LOGIN: '1' });
    try {
      await waitForHealth(s.port, 120_000);
      const base = `http://127.0.0.1:${s.port}`;
      const login = await fetch(`${base}/api/v1/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname: '权限测试' }) });
      const { token } = (await login.json()) as { token: string };
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3080c0' } }).jpeg().toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
      const up = await fetch(`${base}/api/v1/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      expect(up.status).toBe(201);

      const top = lstatSync(dataDir).mode & 0o777;
      if (process.getuid?.() === 0) expect([0o700, 0o710]).toContain(top);
      else expect(top).toBe(0o700);
      const entries = walk(dataDir);
      expect(entries.some((e) => e.path.includes(`${path.sep}uploads${path.sep}`) && e.path.endsWith('.jpg'))).toBe(true);
      expect(entries.some((e) => e.path.includes(`${path.sep}postgres${path.sep}base${path.sep}`))).toBe(true);
      const open = entries.filter((e) => (e.dir ? e.mode & 0o077 : e.mode & 0o077) !== 0).map((e) => `${e.mode.toString(8)} ${path.relative(dataDir, e.path)}`);
      expect(open).toEqual([]);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  }, 180_000);
});
