import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decryptPii, derivePiiKeys, encryptPii, indexKeyOf, kidOf, piiIndex } from '../../server/src/domain/complaints/pii.js';
import { readLiveOwner } from '../../server/src/db/embedded-datadir.js';
import { dbProcessesFor, runScript, spawnServer, waitForHealth, waitUntil, type ServerProcess } from './server-process.js';

/**
 * The PII key as an operator meets it: a real server on a real DATA_DIR; a start with a PII_KEY
 * that cannot read what is stored refuses with a framed message and exit 1; with the old key in
 * PII_KEYS_OLD it starts, `npm run pii:rotate` re-encrypts against the running server's database, and
 * afterwards the new key alone is enough.
 */

const dirs: string[] = [];
const running: ServerProcess[] = [];
afterEach(() => {
  for (const s of running.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});
afterAll(async () => {
  for (const d of dirs) if (await waitUntil(() => dbProcessesFor(d).length === 0, 15_000)) rmSync(d, { recursive: true, force: true });
});

const KEY_A = 'a'.repeat(20) + 'A-key-for-the-process-test-0001';
const KEY_B = 'b'.repeat(20) + 'B-key-for-the-process-test-0002';

async function start(dataDir: string, env: Record<string, string>): Promise<ServerProcess> {
  const s = await spawnServer({ DATA_DIR: dataDir, JWT_SECRET: 'j'.repeat(40), ADMIN_PASSWORD: 'Admin-pass-12345', ...env });
  running.push(s);
  return s;
}

async function stop(s: ServerProcess): Promise<void> {
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
}

async function withLiveDb<T>(dataDir: string, fn: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const live = readLiveOwner(dataDir);
  expect(live?.uri).toBeTruthy();
  const client = new mongoose.mongo.MongoClient(live!.uri!);
  await client.connect();
  try {
    return await fn(client.db('chengguantong'));
  } finally {
    await client.close();
  }
}

describe('PII key start-up check and rotation (real processes)', () => {
  it('refuses a key that cannot read the stored values; rotates with the old key in PII_KEYS_OLD; then the new key alone starts', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cgt-pii-'));
    dirs.push(dataDir);
    const a = await start(dataDir, { PII_KEY: KEY_A });
    await waitForHealth(a.port, 120_000);
    const caseId = new mongoose.Types.ObjectId();
    const keyA = derivePiiKeys(KEY_A);
    await withLiveDb(dataDir, async (db) => {
      // one stored value under key A (as a registration under A leaves it; its registry entry was written at start)
      expect(await db.collection('pii_keys').findOne({ _id: `kid:${keyA.kid}` as never })).not.toBeNull();
      const wrapped = (await db.collection('pii_keys').findOne({ _id: 'index' as never }))!.wrapped as string;
      const indexKey = indexKeyOf(Buffer.from(decryptPii(keyA, wrapped), 'base64url'));
      const id = '430602198503121237';
      await db.collection('complaints').insertOne({ _id: caseId, caseNo: 'YYXF2026-880001', version: 0, piiKid: keyA.kid, petitioner: { idNumberEnc: encryptPii(keyA, id), idNumberHash: piiIndex(indexKey, id) } } as never);
    });
    await stop(a);

    const wrong = await start(dataDir, { PII_KEY: KEY_B });
    expect(await wrong.exited).toBe(1);
    expect(wrong.stderr()).toContain('PII 密钥缺失');
    expect(wrong.stderr()).toContain(keyA.kid);
    expect(wrong.stderr()).toMatch(/={20,}/);

    const both = await start(dataDir, { PII_KEY: KEY_B, PII_KEYS_OLD: KEY_A });
    await waitForHealth(both.port, 120_000);
    const rotated = await runScript('pii-rotate.mjs', [], { DATA_DIR: dataDir, JWT_SECRET: 'j'.repeat(40), PII_KEY: KEY_B, PII_KEYS_OLD: KEY_A }, dataDir);
    expect(rotated.out).toContain('is served by process');
    expect(rotated.out).toMatch(/done in \d+ ms: 1 ID numbers re-encrypted/);
    expect(rotated.code).toBe(0);
    await withLiveDb(dataDir, async (db) => {
      const c = await db.collection('complaints').findOne({ _id: caseId });
      expect(kidOf(c!.petitioner.idNumberEnc)).toBe(derivePiiKeys(KEY_B).kid);
      expect(c!.piiKid).toBe(derivePiiKeys(KEY_B).kid);
    });
    await stop(both);

    const alone = await start(dataDir, { PII_KEY: KEY_B });
    await waitForHealth(alone.port, 120_000);
    await stop(alone);
  }, 600_000);
});
