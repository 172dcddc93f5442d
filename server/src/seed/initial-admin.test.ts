import { readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { ensureInitialAdmin, initialPasswordFile } from './initial-admin.js';

describe('initial administrator', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  it('generates a password, prints it once, stores it in DATA_DIR, and hashes it with argon2id', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cgt-admin-'));
    const printed: string[] = [];
    const r = await ensureInitialAdmin(t.deps.models, { ADMIN_USERNAME: 'chief', ADMIN_PASSWORD: undefined, DATA_DIR: dir }, (m) => printed.push(m));
    expect(r.created).toBe(true);
    const [user, password] = readFileSync(initialPasswordFile(dir), 'utf8').trim().split('\n');
    expect(user).toBe('chief');
    expect(printed.join()).toContain(password);
    const doc = await t.deps.models.StaffUser.findOne({ username: 'chief' }).lean();
    expect(doc?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(doc!.passwordHash, password!)).toBe(true);
    expect(doc?.roles).toEqual(['admin']);
    const again = await ensureInitialAdmin(t.deps.models, { ADMIN_USERNAME: 'chief', ADMIN_PASSWORD: undefined, DATA_DIR: dir }, (m) => printed.push(m));
    expect(again.created).toBe(false);
    expect(printed).toHaveLength(1);
  });
});
