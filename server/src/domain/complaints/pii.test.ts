import { describe, expect, it } from 'vitest';
import { decryptPii, derivePiiKeys, encryptPii, PiiKeyMismatch, piiIndex, piiKeysFor } from './pii';

const SECRET = 'x'.repeat(40);
const ID = '430602198503121237';

describe('ID number encryption at rest', () => {
  const keys = derivePiiKeys(SECRET);

  it('round-trips, with a fresh IV each time, and the clear number appears nowhere in the stored form', () => {
    const a = encryptPii(keys, ID);
    const b = encryptPii(keys, ID);
    expect(a).not.toBe(b);
    expect(a).not.toContain(ID);
    expect(a).not.toContain('1237');
    expect(a.startsWith(`v1.${keys.kid}.`)).toBe(true);
    expect(decryptPii(keys, a)).toBe(ID);
  });

  it('refuses a value written under another key, or tampered with', () => {
    const other = derivePiiKeys('y'.repeat(40));
    const stored = encryptPii(keys, ID);
    expect(() => decryptPii(other, stored)).toThrow(PiiKeyMismatch);
    const parts = stored.split('.');
    parts[4] = Buffer.from('430602198503121238').toString('base64url');
    expect(() => decryptPii(keys, parts.join('.'))).toThrow();
  });

  it('the blind index is deterministic per key and differs across keys', () => {
    expect(piiIndex(keys, ID)).toBe(piiIndex(derivePiiKeys(SECRET), ID));
    expect(piiIndex(keys, ID)).not.toBe(piiIndex(derivePiiKeys('y'.repeat(40)), ID));
    expect(piiIndex(keys, ID)).not.toContain(ID);
  });

  it('PII_KEY wins over JWT_SECRET; a short secret is refused', () => {
    expect(piiKeysFor({ PII_KEY: 'k'.repeat(32), JWT_SECRET: SECRET }).kid).toBe(derivePiiKeys('k'.repeat(32)).kid);
    expect(piiKeysFor({ JWT_SECRET: SECRET }).kid).toBe(keys.kid);
    expect(() => derivePiiKeys('short')).toThrow(RangeError);
  });
});
