import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { storePhoto } from '../domain/images/storage.js';

/** DATA_DIR holds phones, photos and secrets — 0700, files 0600, whatever the umask. */

const mode = (p: string) => statSync(p).mode & 0o777;
const scratch = () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'cgt-perm-'));
  return path.join(parent, 'data');
};

describe('DATA_DIR permissions', () => {
  it('a new DATA_DIR is 0700 and its secrets 0600, even with a permissive umask', () => {
    const dir = scratch();
    const old = process.umask(0o022);
    try {
      loadConfig({ DATA_DIR: dir });
    } finally {
      process.umask(old);
    }
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'jwt-secret'))).toBe(0o600);
  });

  it('a DATA_DIR left world-readable by an older release is tightened on start, with what lies in it', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'uploads'), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir, 'ferretdb.log'), 'old log\n', { mode: 0o644 });
    writeFileSync(path.join(dir, 'ferretdb.pid'), '123\n', { mode: 0o644 });
    chmodSync(dir, 0o755);
    loadConfig({ DATA_DIR: dir });
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'uploads'))).toBe(0o700);
    expect(mode(path.join(dir, 'ferretdb.log'))).toBe(0o600);
    expect(mode(path.join(dir, 'ferretdb.pid'))).toBe(0o600);
  });

  it('photos are written 0600 in 0700 folders', async () => {
    const dir = scratch();
    const old = process.umask(0o022);
    try {
      await storePhoto(dir, '2026/12/abc.jpg', Buffer.from('main'), Buffer.from('thumb'));
    } finally {
      process.umask(old);
    }
    expect(mode(path.join(dir, 'uploads', '2026/12/abc.jpg'))).toBe(0o600);
    expect(mode(path.join(dir, 'uploads', '2026/12/abc_thumb.jpg'))).toBe(0o600);
    for (const d of ['uploads', 'uploads/2026', 'uploads/2026/12']) expect(mode(path.join(dir, d))).toBe(0o700);
  });
});
