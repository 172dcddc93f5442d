import { describe, expect, it } from 'vitest';
import { boundedOsa } from './distance.js';

/** Unbounded OSA, the textbook way, to check the banded version against. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('boundedOsa', () => {
  it('counts substitutions, insertions, deletions and adjacent transpositions as one edit', () => {
    expect(boundedOsa('西瓜皮', '西瓜皮', 1)).toBe(0);
    expect(boundedOsa('西瓜坯', '西瓜皮', 1)).toBe(1);
    expect(boundedOsa('西瓜', '西瓜皮', 1)).toBe(1);
    expect(boundedOsa('西瓜皮皮', '西瓜皮', 1)).toBe(1);
    expect(boundedOsa('xiugapi', 'xiguapi', 1)).toBe(1);
  });

  it('returns max + 1 beyond the bound', () => {
    expect(boundedOsa('abc', 'xyz', 1)).toBe(2);
    expect(boundedOsa('a', 'abcd', 2)).toBe(3);
    expect(boundedOsa('', 'ab', 1)).toBe(2);
    expect(boundedOsa('', 'a', 1)).toBe(1);
  });

  it('agrees with the unbounded algorithm on random strings (reused buffers leave no trace)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const word = () => Array.from({ length: 1 + Math.floor(rnd() * 9) }, () => 'abcd'[Math.floor(rnd() * 4)]).join('');
    for (let i = 0; i < 3000; i++) {
      const a = word();
      const b = word();
      const max = Math.floor(rnd() * 3);
      const want = osa(a, b);
      expect(boundedOsa(a, b, max), `${a} ${b} ${max}`).toBe(want <= max ? want : max + 1);
    }
  });
});
