import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isSafeShortText, shortText } from './short-text';

describe('shortText', () => {
  const schema = z.object({ name: shortText('名称').min(1, '请填写名称').max(10, '名称最多 10 个字') });

  it.each([
    ['NUL', 'ab\u0000c'],
    ['a tab', 'a\tb'],
    ['a newline', 'a\nb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['RLO U+202E', 'gpj\u202eexe'],
    ['LRE U+202A', '\u202aabc'],
    ['RLI U+2067', 'ab\u2067c'],
    ['PDI U+2069', 'ab\u2069c'],
    ['a lone high surrogate', 'ab\ud83dc'],
    ['a lone low surrogate', 'ab\ude00c'],
    ['a high surrogate at the end', 'abc\ud83d'],
  ])('refuses %s, naming the field', (_what, value) => {
    const r = schema.safeParse({ name: value });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['name']);
    expect(r.error!.issues[0]!.message).toContain('名称不能包含');
  });

  it('accepts Chinese, emoji (a surrogate pair) and inner spaces; trims and normalises to NFC', () => {
    expect(schema.parse({ name: '  岳阳 停车场😀 ' })).toEqual({ name: '岳阳 停车场😀' });
    // e + combining acute (NFD) → é (NFC)
    expect(schema.parse({ name: 'Cafe\u0301' }).name).toBe('Caf\u00e9');
    expect(isSafeShortText('王建国')).toBe(true);
  });

  it('still applies min and max after the checks', () => {
    expect(schema.safeParse({ name: '   ' }).success).toBe(false);
    expect(schema.safeParse({ name: '一二三四五六七八九十一' }).success).toBe(false);
  });
});
