import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_DIR } from '../../seed/load-seed.js';
import { buildWasteIndex, filterWaste, fuzzBudget, searchWaste, type IndexItem } from './search-index.js';

const seed = JSON.parse(readFileSync(path.join(SEED_DIR, 'waste-items.json'), 'utf8')) as { name: string; category: IndexItem['category']; aliases?: string[] }[];
const items: IndexItem[] = seed.map((r, i) => ({ id: String(i), name: r.name, category: r.category, aliases: r.aliases ?? [] }));
const index = buildWasteIndex(items);
const top = (q: string, limit = 10) => searchWaste(index, q, limit);
const names = (q: string, limit = 10) => top(q, limit).map((h) => h.item.name);

describe('waste search index over the seed list', () => {
  it.each([
    ['电池', 'hazardous'],
    ['西瓜皮', 'kitchen'],
    ['纸巾', 'residual'],
  ] as const)('%s → %s (exact match first)', (q, category) => {
    const [first] = top(q);
    expect(first).toMatchObject({ item: { name: q, category }, matchedBy: 'exact' });
  });

  it('塑料瓶 is not in the Shanghai list by that name: the nearest items (塑料瓶盖, PET塑料瓶…) are all recyclable', () => {
    const hits = top('塑料瓶', 5);
    expect(hits.length).toBe(5);
    expect(hits[0]).toMatchObject({ item: { name: '塑料瓶盖' }, matchedBy: 'prefix' });
    expect(hits.every((h) => h.item.category === 'recyclable')).toBe(true);
    expect(names('塑料瓶')).toContain('PET塑料瓶');
  });

  it('full pinyin xiguapi and initials xgp find 西瓜皮', () => {
    expect(top('xiguapi')[0]).toMatchObject({ item: { name: '西瓜皮' }, matchedBy: 'pinyin' });
    const xgp = top('xgp');
    expect(xgp[0]).toMatchObject({ item: { name: '西瓜皮' }, matchedBy: 'initials' });
    expect(xgp.map((h) => h.item.name)).toContain('X光片'); // Latin letters count as their own initials, ranked after hanzi
  });

  it('pinyin may start at any syllable and zh/ch/sh initials work both ways', () => {
    expect(names('guapi')).toContain('西瓜皮');
    expect(names('zhx')).toContain('纸箱');
    expect(names('zx')).toContain('纸箱');
    expect(names('uapi')).not.toContain('西瓜皮'); // never from inside a syllable
  });

  it('one wrong, missing or extra character still finds the item', () => {
    expect(names('西瓜坯', 3)).toContain('西瓜皮'); // homophone: found through the pinyin
    expect(names('西瓜批', 3)).toContain('西瓜皮');
    expect(names('西瓜泼', 3)).toContain('西瓜皮'); // different sound: edit distance on the characters
    expect(top('西瓜泼', 3).find((h) => h.item.name === '西瓜皮')?.matchedBy).toBe('fuzzy');
    expect(names('塑料平', 3)).toContain('塑料瓶盖');
    expect(names('矿泉水平', 3)).toContain('矿泉水瓶');
    expect(names('矿泉瓶', 3)).toContain('矿泉水瓶'); // missing character
    expect(names('矿泉水瓶瓶', 3)).toContain('矿泉水瓶'); // extra character
    expect(names('xigupi', 3)).toContain('西瓜皮'); // pinyin typo
    expect(names('xiugapi', 3)).toContain('西瓜皮'); // pinyin transposition
  });

  it('orders exact > prefix > substring > fuzzy', () => {
    const hits = top('纸巾', 50);
    const tiers = hits.map((h) => ['exact', 'alias', 'prefix', 'substring', 'pinyin', 'initials', 'fuzzy'].indexOf(h.matchedBy));
    expect(hits[0]!.matchedBy).toBe('exact');
    expect([...tiers].sort((a, b) => a - b)).toEqual(tiers);
    expect(hits.map((h) => h.matchedBy)).toEqual(expect.arrayContaining(['exact', 'prefix', 'substring']));
    const fuzzy = top('西瓜皮', 10);
    expect(fuzzy[0]!.matchedBy).toBe('exact');
    expect(fuzzy.slice(1).every((h) => h.matchedBy === 'fuzzy')).toBe(true);
  });

  it('aliases: a full alias ranks right after an exact name', () => {
    const hits = top('避孕套');
    expect(hits[0]).toMatchObject({ item: { name: '避孕套' }, matchedBy: 'exact' });
    expect(hits[1]).toMatchObject({ item: { name: '安全套' }, matchedBy: 'alias' });
    expect(top('烟头')[0]).toMatchObject({ item: { name: '烟蒂' }, matchedBy: 'alias' });
  });

  it('normalises case, width, spaces and question phrasing', () => {
    expect(top('cpu')[0]).toMatchObject({ item: { name: 'CPU' }, matchedBy: 'exact' });
    expect(top('ＣＰＵ')[0]!.item.name).toBe('CPU');
    expect(top(' 西瓜 皮 ')[0]!.item.name).toBe('西瓜皮');
    expect(top('电池是什么垃圾？')[0]!.item.name).toBe('电池');
    expect(top('西瓜皮属于哪类垃圾')[0]!.item.name).toBe('西瓜皮');
  });

  it('finds nothing for unknown things and respects the limit', () => {
    expect(top('宇宙飞船')).toEqual([]);
    expect(top('zzzzqqq')).toEqual([]);
    expect(top('纸', 50)).toHaveLength(50);
    expect(top('纸', 1)).toHaveLength(1);
  });

  it('each item appears once, at its best match', () => {
    const hits = top('zhijin', 50);
    expect(new Set(hits.map((h) => h.item.id)).size).toBe(hits.length);
  });

  it('fuzz budget: none for one character, one for short, two for long', () => {
    expect([1, 2, 5, 6].map((n) => fuzzBudget(n, false))).toEqual([0, 1, 1, 2]);
    expect([3, 4, 9, 10].map((n) => fuzzBudget(n, true))).toEqual([0, 1, 1, 2]);
  });

  it('filterWaste (admin list) by text, pinyin and category', () => {
    expect(filterWaste(index, '西瓜', undefined).map((i) => i.name)).toContain('西瓜皮');
    expect(filterWaste(index, 'xigua', undefined).map((i) => i.name)).toContain('西瓜皮');
    expect(filterWaste(index, undefined, 'hazardous')).toHaveLength(items.filter((i) => i.category === 'hazardous').length);
    expect(filterWaste(index, '电池', 'residual').every((i) => i.category === 'residual')).toBe(true);
    expect(filterWaste(index, undefined, undefined)).toHaveLength(items.length);
  });

  it('a rebuilt index reflects an edit (and reuses the pinyin cache)', () => {
    const cache = new Map();
    buildWasteIndex(items, cache);
    const edited = items.map((i) => (i.name === '西瓜皮' ? { ...i, category: 'residual' as const, aliases: ['瓜皮子'] } : i));
    const again = buildWasteIndex(edited, cache);
    expect(searchWaste(again, '西瓜皮', 1)[0]!.item.category).toBe('residual');
    expect(searchWaste(again, '瓜皮子', 1)[0]).toMatchObject({ item: { name: '西瓜皮' }, matchedBy: 'alias' });
  });
});
