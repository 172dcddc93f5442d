import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.js';
import { buildWasteIndex, type IndexItem } from './search-index.js';

const seed = JSON.parse(readFileSync(new URL('../../../seed/waste-items.json', import.meta.url), 'utf8')) as { name: string; category: IndexItem['category']; aliases?: string[] }[];
const index = buildWasteIndex(seed.map((r, i) => ({ id: String(i), name: r.name, category: r.category, aliases: r.aliases ?? [] })));

describe('did-you-mean over the seed list', () => {
  it.each([
    ['塑料代', '塑料袋'], // same sound, wrong character
    ['塑料代？', '塑料袋'], // question punctuation does not matter
    ['西瓜泼', '西瓜皮'], // one wrong character, different sound
    ['易拉灌', '易拉罐'],
    ['香焦皮', '香蕉皮'],
  ])('%s → %s', (q, expected) => {
    expect(didYouMean(index, q)).toBe(expected);
  });

  it('says nothing when the text is a name or part of one, is pinyin, or is too far from any name', () => {
    expect(didYouMean(index, '塑料袋')).toBeUndefined();
    expect(didYouMean(index, '塑料')).toBeUndefined();
    expect(didYouMean(index, 'suliaodai')).toBeUndefined();
    expect(didYouMean(index, '袋')).toBeUndefined();
    expect(didYouMean(index, '量子计算机芯片')).toBeUndefined();
    expect(didYouMean(index, '你好世界')).toBeUndefined();
  });

  it('a tie between homophones goes to the name with the commoner characters, whatever the list order', () => {
    const items = [
      { id: '1', name: '塑料带', category: 'residual' as const, aliases: [] },
      { id: '2', name: '塑料袋', category: 'residual' as const, aliases: [] },
      { id: '3', name: '垃圾袋', category: 'residual' as const, aliases: [] },
    ];
    expect(didYouMean(buildWasteIndex(items), '塑料代')).toBe('塑料袋');
    expect(didYouMean(buildWasteIndex([...items].reverse()), '塑料代')).toBe('塑料袋');
  });

  it('works on a small list too: the item name is suggested for an alias typo', () => {
    const small = buildWasteIndex([{ id: '1', name: '安全套', category: 'residual', aliases: ['避孕套'] }]);
    expect(didYouMean(small, '避孕淘')).toBe('安全套');
  });
});
