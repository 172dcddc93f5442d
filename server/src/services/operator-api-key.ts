import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Operator API keys: `cgtp_<operator id>_<43 chars of base64url = 32 random bytes>`. Only SHA-256 of the
 * whole key is stored. A fast hash is right here (unlike passwords): with 256 bits of randomness there is
 * nothing to brute-force, so a slow KDF (argon2) would only cost CPU on every feed request.
 */
const KEY = /^cgtp_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newApiKey(operatorId: string): { key: string; hash: string; prefix: string } {
  const key = `cgtp_${operatorId}_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 35) };
}

/** The operator id a well-formed key names (then verify it against the stored hash), or null. */
export function operatorIdOf(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}

/** Constant-time comparison of the presented key with the stored hash. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
