import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of the petitioner's ID-card number (个人信息保护法 第51条: sensitive personal
 * information). AES-256-GCM with a random IV per value; a separate HMAC-SHA256 key gives a deterministic
 * "blind index" so the same person can be found without decrypting anything. Both keys are derived
 * with HKDF from one secret (config PII_KEY, else JWT_SECRET) under distinct labels, so neither key
 * is the JWT signing key itself.
 *
 * Stored form: `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url). `kid` fingerprints the key, so a value
 * written under another key is reported as such instead of failing as "corrupt".
 */

export interface PiiKeys {
  enc: Buffer;
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

export function encryptPii(keys: PiiKeys, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', keys.kid, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join('.');
}

export class PiiKeyMismatch extends Error {}

/** Throws PiiKeyMismatch when the value was written under another key, or on tampering. */
export function decryptPii(keys: PiiKeys, stored: string): string {
  const [v, kid, iv, tag, ct] = stored.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new PiiKeyMismatch('unknown PII format');
  if (kid !== keys.kid) throw new PiiKeyMismatch('PII written under another key');
  const decipher = createDecipheriv('aes-256-gcm', keys.enc, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Deterministic keyed hash for equality lookups (the number itself cannot be recovered from it). */
export function piiIndex(keys: PiiKeys, plain: string): string {
  return createHmac('sha256', keys.mac).update(plain).digest('hex');
}

const cache = new Map<string, PiiKeys>();

/** Keys for the configured secret, derived once per secret. */
export function piiKeysFor(config: { PII_KEY?: string; JWT_SECRET: string }): PiiKeys {
  const secret = config.PII_KEY ?? config.JWT_SECRET;
  let keys = cache.get(secret);
  if (!keys) {
    keys = derivePiiKeys(secret);
    cache.set(secret, keys);
  }
  return keys;
}
