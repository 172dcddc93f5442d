import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseName, checkWasteList, type CheckedItem } from './data-check.js';

const seed = JSON.parse(readFileSync(new URL('../../../seed/waste-items.json', import.meta.url), 'utf8')) as CheckedItem[];

describe('waste list data check', () => {
  it('the shipped demo list files no item twice and none in two categories', () => {
    const problems = checkWasteList(seed);
    expect(problems.conflicts).toEqual([]);
    expect(problems.duplicates).toEqual([]);
    expect(problems.traditional).toEqual([]);
  });

  it('folds traditional characters and an "empty" container, keeps contents and container apart', () => {
    expect(baseName('84消毒液空瓶')).toBe(baseName('84消毒液瓶'));
    expect(baseName('電池')).toBe('电池');
    expect(baseName('養身壺')).toBe('养身壶');
    expect(baseName('空药瓶')).toBe('药瓶');
    expect(baseName('矿泉水瓶子')).toBe('矿泉水瓶');
    expect(baseName('番茄酱')).not.toBe(baseName('番茄酱瓶'));
    expect(baseName('空灭火器')).toBe('灭火器');
    expect(baseName('空调')).toBe('空调');
    expect(baseName('空心菜')).toBe('空心菜');
  });

  it('flags the same base item in two categories, through names and aliases', () => {
    const problems = checkWasteList([
      { name: '84消毒液瓶', category: 'residual' },
      { name: '84消毒液空瓶', category: 'hazardous' },
      { name: '番茄酱', category: 'kitchen' },
      { name: '番茄酱瓶', category: 'recyclable' },
      { name: '安全套', category: 'residual', aliases: ['避孕套'] },
      { name: '避孕套', category: 'hazardous' },
    ]);
    expect(problems.conflicts.map((c) => c.base).sort()).toEqual(['84消毒液瓶', '避孕套']);
    expect(problems.conflicts.find((c) => c.base === '84消毒液瓶')!.entries).toEqual([
      { name: '84消毒液瓶', category: 'residual' },
      { name: '84消毒液空瓶', category: 'hazardous' },
    ]);
  });

  it('flags traditional spellings and the duplicates they hide', () => {
    const problems = checkWasteList([
      { name: '电池', category: 'hazardous' },
      { name: '電池', category: 'hazardous' },
      { name: '養身壶', category: 'recyclable' },
    ]);
    expect(problems.conflicts).toEqual([]);
    expect(problems.duplicates).toEqual([{ base: '电池', names: ['电池', '電池'] }]);
    expect(problems.traditional).toEqual(['電池', '養身壶']);
  });
});
