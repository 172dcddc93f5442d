import { describe, expect, it } from 'vitest';
import { buildKeyring, decryptPii, decryptWithRing, derivePiiKeys, encryptPii, indexKeyOf, kidOf, PiiKeyMismatch, PiiKeyMissing, piiIndex, piiKeyringFor } from './pii';

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
    expect(kidOf(a)).toBe(keys.kid);
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
    const ix = indexKeyOf(Buffer.alloc(32, 7));
    expect(piiIndex(ix, ID)).toBe(piiIndex(indexKeyOf(Buffer.alloc(32, 7)), ID));
    expect(piiIndex(ix, ID)).not.toBe(piiIndex(indexKeyOf(Buffer.alloc(32, 8)), ID));
    expect(piiIndex(ix, ID)).not.toContain(ID);
    expect(() => indexKeyOf(Buffer.alloc(16))).toThrow(RangeError);
  });

  it('the keyring writes under PII_KEY only, never under a key derived from JWT_SECRET; a short secret is refused', () => {
    const ring = piiKeyringFor({ PII_KEY: 'k'.repeat(32), JWT_SECRET: SECRET });
    expect(ring.current.kid).toBe(derivePiiKeys('k'.repeat(32)).kid);
    expect(ring.current.kid).not.toBe(keys.kid);
    // …but still reads what the JWT-derived key wrote before PII_KEY existed (the boot migration re-encrypts it)
    expect(ring.byKid.get(keys.kid)?.source).toBe('legacy-jwt');
    expect(decryptWithRing(ring, encryptPii(keys, ID))).toBe(ID);
    expect(() => derivePiiKeys('short')).toThrow(RangeError);
  });

  it('old keys read, the current key writes, and a value under an unknown key id says which id is missing', () => {
    const oldSecret = 'o'.repeat(40);
    const ring = buildKeyring({ current: 'n'.repeat(40), old: [oldSecret] });
    const underOld = encryptPii(derivePiiKeys(oldSecret), ID);
    expect(decryptWithRing(ring, underOld)).toBe(ID);
    expect(ring.byKid.get(derivePiiKeys(oldSecret).kid)?.source).toBe('old');
    const stranger = derivePiiKeys('s'.repeat(40));
    const err = (() => {
      try {
        decryptWithRing(ring, encryptPii(stranger, ID));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PiiKeyMissing);
    expect((err as PiiKeyMissing).kid).toBe(stranger.kid);
  });
});
