import { describe, expect, it } from 'vitest';
import { rowErrorsOf } from './masterdata';

describe('rowErrorsOf (import refusals shown as rows)', () => {
  it('keeps CSV record numbers', () => {
    expect(rowErrorsOf([{ row: 3, field: 'name', message: '物品名称不能为空' }])).toEqual([{ row: 3, field: 'name', message: '物品名称不能为空' }]);
  });

  it('shows GeoJSON feature indexes 1-based', () => {
    expect(rowErrorsOf([{ field: 'features[0].geometry', feature: 0, problem: 'self_intersection', message: '边界自相交' }])).toEqual([
      { row: 1, field: 'features[0].geometry', message: '边界自相交' },
    ]);
  });

  it('joins zod paths and numbers rows without a position', () => {
    expect(rowErrorsOf([{ path: ['features', 1, 'properties', 'name'], message: '请填写功能区名称' }, '文件中没有数据行'])).toEqual([
      { row: 1, field: 'features.1.properties.name', message: '请填写功能区名称' },
      { row: 2, field: '', message: '文件中没有数据行' },
    ]);
  });

  it('is empty for non-array details', () => {
    expect(rowErrorsOf(undefined)).toEqual([]);
    expect(rowErrorsOf({ lockedUntil: 'x' })).toEqual([]);
  });
});
