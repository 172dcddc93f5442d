import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from './csv.js';
import { csvToRawRows, parseCategory, validateImportRows } from './import-rows.js';
import { anonymiseMiss, normalizeQuery } from './normalize.js';

describe('csv', () => {
  it('parses quotes, embedded commas/quotes/newlines, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffname,category\r\n"a,b","say ""hi"""\n"multi\nline",x')).toEqual([
      ['name', 'category'],
      ['a,b', 'say "hi"'],
      ['multi\nline', 'x'],
    ]);
  });

  it('round-trips through formatCsv and guards against spreadsheet formulas', () => {
    const rows = [['name', 'aliases'], ['a,"b"', 'x|y'], ['=SUM(A1)', '']];
    const text = formatCsv(rows);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(parseCsv(text)).toEqual([['name', 'aliases'], ['a,"b"', 'x|y'], ["'=SUM(A1)", '']]);
  });
});

describe('import rows', () => {
  it('accepts ids and Chinese category names', () => {
    expect(['kitchen', '湿垃圾', '其他垃圾', 'Recyclable', '可回收物', '有害垃圾'].map(parseCategory)).toEqual(['kitchen', 'kitchen', 'residual', 'recyclable', 'recyclable', 'hazardous']);
    expect(parseCategory('bulky')).toBeNull();
  });

  it('reads any column order, 中文 headers, and numbers rows as in the file', () => {
    const { rows } = csvToRawRows('分类,名称,别名\n厨余垃圾,西瓜皮,瓜皮|西瓜壳\n\n可回收物,报纸,');
    expect(rows).toEqual([
      { row: 2, name: '西瓜皮', category: '厨余垃圾', aliases: '瓜皮|西瓜壳' },
      { row: 4, name: '报纸', category: '可回收物', aliases: '' },
    ]);
  });

  it('rejects a header without name/category', () => {
    expect(csvToRawRows('foo,bar\n1,2').errors[0]).toMatchObject({ row: 1, field: 'header' });
    expect(csvToRawRows('').errors[0]).toMatchObject({ field: 'header' });
  });

  it('reports every bad row with its number and field, and duplicates within the file', () => {
    const { rows } = csvToRawRows('name,category\n西瓜皮,kitchen\n,kitchen\n报纸,bulky\n西瓜皮,residual\n' + 'x'.repeat(31) + ',residual');
    const { valid, errors } = validateImportRows(rows);
    expect(valid.map((v) => v.name)).toEqual(['西瓜皮']);
    expect(errors).toEqual([
      { row: 3, field: 'name', message: expect.any(String) },
      { row: 4, field: 'category', message: expect.any(String) },
      { row: 5, field: 'name', message: '与第 2 行的物品重复' },
      { row: 6, field: 'name', message: expect.any(String) },
    ]);
  });

  it('aliases: split, trimmed, de-duplicated; absent column keeps the current ones', () => {
    const { valid } = validateImportRows([
      { row: 1, name: '西瓜皮', category: 'kitchen', aliases: ' 瓜皮 | 瓜皮 、西瓜皮' },
      { row: 2, name: '报纸', category: 'recyclable', aliases: ['旧报纸'] },
      { row: 3, name: '纸巾', category: 'residual' },
      { row: 4, name: "'=x", category: 'residual' },
    ]);
    expect(valid.map((v) => v.aliases)).toEqual([['瓜皮'], ['旧报纸'], undefined, undefined]);
    expect(valid[3]!.name).toBe('=x');
  });
});

describe('normalisation of queries and misses', () => {
  it('drops question phrasing and masks long digit runs in misses', () => {
    expect(normalizeQuery('  电池是什么垃圾？')).toBe('电池');
    expect(normalizeQuery('什么垃圾')).toBe('什么垃圾');
    expect(anonymiseMiss('13812345678的快递盒')).toBe('#的快递盒');
    expect(anonymiseMiss('5号电池')).toBe('5号电池');
  });
});
