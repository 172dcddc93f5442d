import { describe, expect, it } from 'vitest';
import { explain, pickBalanced, QUIZ_TTL_S, signQuiz, verifyQuiz } from './quiz.js';

const SECRET = 'x'.repeat(40);
const ids = ['5f1d7c2a9b3e4d5f6a7b8c9d', '000000000000000000000001', 'ffffffffffffffffffffffff'];
const now = new Date('2026-11-27T10:00:00Z');

describe('quiz id (stateless, HMAC-signed)', () => {
  it('round-trips the question ids', () => {
    const q = signQuiz(SECRET, ids, now);
    expect(verifyQuiz(SECRET, q, new Date(now.getTime() + 60_000))).toEqual({ ids, issuedAt: now });
  });

  it('refuses a tampered payload, a wrong key, garbage and an expired quiz', () => {
    const q = signQuiz(SECRET, ids, now);
    const [payload, sig] = q.split('.') as [string, string];
    const bytes = Buffer.from(payload, 'base64url');
    bytes[bytes.length - 1]! ^= 1; // swap one question for another
    expect(verifyQuiz(SECRET, `${bytes.toString('base64url')}.${sig}`, now)).toEqual({ error: 'bad_signature' });
    expect(verifyQuiz('y'.repeat(40), q, now)).toEqual({ error: 'bad_signature' });
    expect(verifyQuiz(SECRET, 'nonsense', now)).toEqual({ error: 'malformed' });
    expect(verifyQuiz(SECRET, `${payload}.`, now)).toEqual({ error: 'malformed' });
    expect(verifyQuiz(SECRET, `AAAA.${sig}`, now)).toEqual({ error: 'malformed' });
    expect(verifyQuiz(SECRET, q, new Date(now.getTime() + (QUIZ_TTL_S + 1) * 1000))).toEqual({ error: 'expired' });
  });

  it('only signs ObjectId strings', () => {
    expect(() => signQuiz(SECRET, ['not-an-id'], now)).toThrow();
  });
});

describe('pickBalanced', () => {
  const pool = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);
  const byCategory = { recyclable: pool('r', 50), hazardous: pool('h', 50), kitchen: pool('k', 50), residual: pool('x', 50) };
  const count = (list: string[]) => ['r', 'h', 'k', 'x'].map((p) => list.filter((s) => s.startsWith(p)).length);

  it('spreads n questions over the four categories (differing by at most one), no repeats', () => {
    for (const n of [1, 4, 10, 30]) {
      const got = pickBalanced(byCategory, n);
      expect(got).toHaveLength(n);
      expect(new Set(got).size).toBe(n);
      const c = count(got);
      expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    }
  });

  it('hands a thin category’s share to the others', () => {
    const got = pickBalanced({ ...byCategory, hazardous: ['h0'] }, 12);
    expect(got).toHaveLength(12);
    expect(count(got)[1]).toBe(1);
  });

  it('is driven by the random source', () => {
    let s = 1;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const a = pickBalanced(byCategory, 10, rnd);
    s = 1;
    expect(pickBalanced(byCategory, 10, rnd)).toEqual(a);
  });
});

describe('explain', () => {
  const cat = (zh: string, colorZh: string) => ({ zh, colorZh, descriptionZh: '', tipsZh: ['先沥干水分'] });
  const cats = { recyclable: cat('可回收物', '蓝色'), hazardous: cat('有害垃圾', '红色'), kitchen: cat('厨余垃圾', '绿色'), residual: cat('其他垃圾', '灰色') };
  it('says what was wrong and where the item goes', () => {
    expect(explain('西瓜皮', 'residual', 'kitchen', cats)).toBe('西瓜皮不是其他垃圾，而是厨余垃圾，请投放到绿色厨余垃圾桶。投放提示：先沥干水分');
    expect(explain('西瓜皮', 'kitchen', 'kitchen', cats)).toMatch(/^答对了！/);
    expect(explain('西瓜皮', null, 'kitchen', cats)).toMatch(/^西瓜皮属于厨余垃圾/);
  });
});
