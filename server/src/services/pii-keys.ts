import { randomBytes } from 'node:crypto';
import { ConfigError } from '../config.js';
import type { AppDeps } from '../deps.js';
import {
  decryptWithRing,
  encryptPii,
  indexKeyOf,
  PiiKeyMissing,
  piiIndex,
  piiKeyringFor,
  type PiiIndexKey,
  type PiiKeyring,
} from '../domain/complaints/pii.js';
import type { PiiKeyEntry } from '../models/pii-key.js';

/**
 * The PII keys as the running server uses them: the keyring from the configuration (PII_KEY writes,
 * PII_KEYS_OLD and the JWT-derived key of before PII_KEY only read) and the blind-index key, which lives in
 * the database wrapped under a PII key (models/pii-key.ts) and is loaded once per connection.
 */

type KeyDeps = Pick<AppDeps, 'config' | 'models' | 'now'>;

/** A stored value (or the wrapped index key) is under a key the configuration does not have: refuse to start. */
export class PiiKeyError extends ConfigError {}

export function missingKeyMessage(kids: string[], where: string): string {
  return [
    '',
    '============================================================',
    `PII 密钥缺失 (PII key missing): ${where} 使用的密钥 ${kids.join(', ')} 不在 PII_KEY / PII_KEYS_OLD 中。`,
    '这些身份证号将无法解密、按身份证号查询将查不到：服务拒绝启动。',
    '请把原来的 PII_KEY 放回 PII_KEY 或 PII_KEYS_OLD（逗号分隔），再运行 npm run pii:rotate 重新加密。',
    '（PII_KEY 之前的数据用 JWT_SECRET 加密：若 JWT_SECRET 已更换，把原来的 JWT_SECRET 也放进 PII_KEYS_OLD。）',
    '============================================================',
  ].join('\n');
}

export const keyringOf = (deps: Pick<AppDeps, 'config'>): PiiKeyring => piiKeyringFor(deps.config);

const INDEX_ID = 'index';
export const kidEntryId = (kid: string) => `kid:${kid}`;
const isDuplicate = (err: unknown) => (err as { code?: unknown }).code === 11000;

const indexKeys = new WeakMap<object, Promise<PiiIndexKey>>();

/** The blind-index key, created on first use (exactly once across processes: the insert on `_id` decides). */
export function piiIndexKey(deps: KeyDeps): Promise<PiiIndexKey> {
  let p = indexKeys.get(deps.models);
  if (!p) {
    p = loadOrCreateIndexKey(deps);
    p.catch(() => indexKeys.delete(deps.models));
    indexKeys.set(deps.models, p);
  }
  return p;
}

async function loadOrCreateIndexKey(deps: KeyDeps): Promise<PiiIndexKey> {
  const ring = keyringOf(deps);
  const { PiiKey } = deps.models;
  let doc = (await PiiKey.findById(INDEX_ID).lean()) as PiiKeyEntry | null;
  if (!doc) {
    const raw = randomBytes(32);
    try {
      await PiiKey.create({ _id: INDEX_ID, kind: 'index', kid: ring.current.kid, wrapped: encryptPii(ring.current, raw.toString('base64url')), at: deps.now() });
      return indexKeyOf(raw);
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      doc = (await PiiKey.findById(INDEX_ID).lean()) as PiiKeyEntry | null;
      if (!doc) throw err;
    }
  }
  try {
    return indexKeyOf(Buffer.from(decryptWithRing(ring, doc.wrapped ?? ''), 'base64url'));
  } catch (err) {
    if (err instanceof PiiKeyMissing) throw new PiiKeyError(missingKeyMessage([err.kid], '身份证号检索索引密钥 (pii_keys.index)'));
    throw err;
  }
}

/** The keyed hash search and repeat detection look an ID number up by (unchanged by PII_KEY rotation). */
export async function hashIdNumber(deps: KeyDeps, idNumber: string): Promise<string> {
  return piiIndex(await piiIndexKey(deps), idNumber);
}

/** What a new case stores of the ID number: ciphertext under the current key, its key id, and the index. */
export async function sealIdNumber(deps: KeyDeps, idNumber: string): Promise<{ idNumberEnc: string; idNumberHash: string; piiKid: string }> {
  const ring = keyringOf(deps);
  await ensureKidNoted(deps, ring.current.kid);
  return { idNumberEnc: encryptPii(ring.current, idNumber), idNumberHash: await hashIdNumber(deps, idNumber), piiKid: ring.current.kid };
}

const noted = new WeakMap<object, Set<string>>();

/** Registers the key a writer writes under, once per process and key (start-up does it too; this covers a key changed since). */
async function ensureKidNoted(deps: KeyDeps, kid: string): Promise<void> {
  let set = noted.get(deps.models);
  if (!set) noted.set(deps.models, (set = new Set()));
  if (set.has(kid)) return;
  await noteKidInUse(deps, kid);
  set.add(kid);
}

/** The clear ID number; throws PiiKeyMissing when the value's key is not configured. */
export function revealIdNumber(deps: Pick<AppDeps, 'config'>, stored: string): string {
  return decryptWithRing(keyringOf(deps), stored);
}

/** Records that values under `kid` exist (idempotent; concurrent first inserts race on `_id`, one wins). */
export async function noteKidInUse(deps: KeyDeps, kid: string): Promise<void> {
  await deps.models.PiiKey.updateOne({ _id: kidEntryId(kid) }, { $setOnInsert: { kind: 'kid', kid, at: deps.now() } }, { upsert: true }).catch((err: unknown) => {
    if (!isDuplicate(err)) throw err;
  });
}

/** The key ids stored values are under (a handful: one per key ever used). */
export async function kidsInUse(deps: KeyDeps): Promise<string[]> {
  const docs = (await deps.models.PiiKey.find({ kind: 'kid' }, { kid: 1 }).limit(1000).lean()) as Pick<PiiKeyEntry, 'kid'>[];
  return docs.map((d) => d.kid);
}

/**
 * Start-up check: the current key is registered (every value this process writes is under it), every key
 * id that stored values are under has a key in the ring, and the index key can be unwrapped. Throws
 * PiiKeyError (main.ts prints it and exits 1) instead of running with ID numbers it cannot read.
 * Returns the ids of older keys still in use (rotation pending).
 */
export async function checkPiiKeys(deps: KeyDeps): Promise<{ pending: string[] }> {
  const ring = keyringOf(deps);
  const kids = await kidsInUse(deps);
  const missing = kids.filter((k) => !ring.byKid.has(k));
  if (missing.length) throw new PiiKeyError(missingKeyMessage(missing, '已保存的身份证号 (stored ID numbers)'));
  await piiIndexKey(deps);
  // registered only once the start is known good: a start with a wrong key must not leave its id behind
  if (!kids.includes(ring.current.kid)) await noteKidInUse(deps, ring.current.kid);
  return { pending: kids.filter((k) => k !== ring.current.kid) };
}
