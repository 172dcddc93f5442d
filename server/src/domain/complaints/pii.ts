import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of the petitioner's ID-card number (个人信息保护法 第51条: sensitive personal
 * information). AES-256-GCM with a random IV per value, under a key derived with HKDF from PII_KEY (never
 * from JWT_SECRET, which is rotated for other reasons). A separate random key gives the deterministic
 * "blind index" (HMAC-SHA256) so the same person can be found without decrypting anything; that key is kept
 * in the database wrapped by the PII key (services/pii-keys.ts), so rotating PII_KEY never changes an
 * index value and search by ID number keeps working through a rotation.
 *
 * Stored form: `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url). `kid` fingerprints the key, so a value
 * written under another key is reported as such (and the keyring picks the key by it) instead of failing
 * as "corrupt".
 */

export interface PiiKeys {
  enc: Buffer;
  /** the blind-index key derived from the same secret: only for reading the index of before the separate index key */
  mac: Buffer;
  kid: string;
}

export function derivePiiKeys(secret: string): PiiKeys {
  if (secret.length < 32) throw new RangeError('PII secret must be at least 32 characters');
  const salt = Buffer.from('chengguantong/pii/v1');
  const enc = Buffer.from(hkdfSync('sha256', secret, salt, 'complaint-id-number:encrypt', 32));
  const mac = Buffer.from(hkdfSync('sha256', secret, salt, 'complaint-id-number:index', 32));
  const kid = createHash('sha256').update(enc).update(mac).digest('hex').slice(0, 8);
  return { enc, mac, kid };
}

const b64 = (b: Buffer) => b.toString('base64url');

export function encryptPii(keys: Pick<PiiKeys, 'enc' | 'kid'>, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', keys.kid, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join('.');
}

export class PiiKeyMismatch extends Error {}

/** The key id a stored value was written under, or null when it is not in the stored form. */
export function kidOf(stored: string): string | null {
  const [v, kid] = stored.split('.');
  return v === 'v1' && kid ? kid : null;
}

/** Throws PiiKeyMismatch when the value was written under another key, or on tampering. */
export function decryptPii(keys: Pick<PiiKeys, 'enc' | 'kid'>, stored: string): string {
  const [v, kid, iv, tag, ct] = stored.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new PiiKeyMismatch('unknown PII format');
  if (kid !== keys.kid) throw new PiiKeyMismatch('PII written under another key');
  const decipher = createDecipheriv('aes-256-gcm', keys.enc, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Deterministic keyed hash for equality lookups (the number itself cannot be recovered from it). */
export function piiIndex(keys: { mac: Buffer }, plain: string): string {
  return createHmac('sha256', keys.mac).update(plain).digest('hex');
}

/** The blind-index key (32 random bytes) and its fingerprint. */
export interface PiiIndexKey {
  mac: Buffer;
  kid: string;
}

export function indexKeyOf(raw: Buffer): PiiIndexKey {
  if (raw.length !== 32) throw new RangeError('PII index key must be 32 bytes');
  return { mac: raw, kid: createHash('sha256').update('index').update(raw).digest('hex').slice(0, 8) };
}

/** Where a key of the ring comes from: PII_KEY (writes), PII_KEYS_OLD (reads), JWT_SECRET (reads data of before PII_KEY). */
export type PiiKeySource = 'current' | 'old' | 'legacy-jwt';

export interface PiiKeyring {
  current: PiiKeys;
  byKid: ReadonlyMap<string, PiiKeys & { source: PiiKeySource }>;
}

export class PiiKeyMissing extends Error {
  constructor(readonly kid: string) {
    super(`no PII key with id ${kid}`);
  }
}

/**
 * Every key a stored value may be under. The JWT-derived key is there for reading only: ID numbers of
 * before PII_KEY existed were written under it, and the boot migration re-encrypts them.
 */
export function buildKeyring(secrets: { current: string; old?: readonly string[]; legacyJwt?: string }): PiiKeyring {
  const current = derivePiiKeys(secrets.current);
  const byKid = new Map<string, PiiKeys & { source: PiiKeySource }>();
  const add = (secret: string, source: PiiKeySource) => {
    const k = derivePiiKeys(secret);
    if (!byKid.has(k.kid)) byKid.set(k.kid, { ...k, source });
  };
  add(secrets.current, 'current');
  for (const s of secrets.old ?? []) add(s, 'old');
  if (secrets.legacyJwt && secrets.legacyJwt.length >= 32) add(secrets.legacyJwt, 'legacy-jwt');
  return { current, byKid };
}

/** Decrypts with whichever key of the ring the value names; PiiKeyMissing when the ring has none. */
export function decryptWithRing(ring: PiiKeyring, stored: string): string {
  const kid = kidOf(stored);
  if (!kid) throw new PiiKeyMismatch('unknown PII format');
  const keys = ring.byKid.get(kid);
  if (!keys) throw new PiiKeyMissing(kid);
  return decryptPii(keys, stored);
}

const rings = new Map<string, PiiKeyring>();

/** The keyring of a configuration, built once per set of secrets. */
export function piiKeyringFor(config: { PII_KEY: string; PII_KEYS_OLD?: readonly string[]; JWT_SECRET: string }): PiiKeyring {
  const id = [config.PII_KEY, ...(config.PII_KEYS_OLD ?? []), config.JWT_SECRET].join('\n');
  let ring = rings.get(id);
  if (!ring) {
    ring = buildKeyring({ current: config.PII_KEY, old: config.PII_KEYS_OLD, legacyJwt: config.JWT_SECRET });
    rings.set(id, ring);
  }
  return ring;
}
