import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../categories/seed';
import { attributesOf, checkAttributes, SERVICE_ATTRIBUTES } from './service-attributes';

describe('service definitions', () => {
  it('name only categories that exist; 窨井盖 and 渍水 have extra facts', () => {
    const codes = new Set(CATEGORIES.map((c) => c.code));
    for (const code of Object.keys(SERVICE_ATTRIBUTES)) expect(codes.has(code), code).toBe(true);
    expect(attributesOf('01001')[0]!.values!.map((v) => v.name)).toEqual(['缺失', '破损', '松动']);
    expect(attributesOf('90001').map((a) => a.code)).toEqual(['water_depth_cm', 'affects']);
    expect(attributesOf('06010')).toEqual([]);
  });
});

describe('checkAttributes', () => {
  it('accepts valid values and stores keys with display text', () => {
    expect(checkAttributes('01001', { cover_condition: 'loose' })).toEqual({
      ok: true,
      values: [{ code: 'cover_condition', label: '井盖情况', value: 'loose', text: '松动' }],
    });
    expect(checkAttributes('90001', { water_depth_cm: '35', affects: ['road', 'sidewalk', 'road'] })).toEqual({
      ok: true,
      values: [
        { code: 'water_depth_cm', label: '积水深度（厘米）', value: '35', text: '35' },
        { code: 'affects', label: '影响范围', value: 'road,sidewalk', text: '车行道、人行道' },
      ],
    });
    expect(checkAttributes('90001', {})).toEqual({ ok: true, values: [] });
    expect(checkAttributes('06010', {})).toEqual({ ok: true, values: [] });
  });
  it('reports every problem with its field', () => {
    const res = checkAttributes('90001', { water_depth_cm: '-3', affects: ['sky'], colour: 'red' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems.map((p) => p.field).sort()).toEqual(['attribute[affects]', 'attribute[colour]', 'attribute[water_depth_cm]']);
    const missing = checkAttributes('01002', {});
    expect(!missing.ok && missing.problems[0]!.field).toBe('attribute[cover_condition]');
    const two = checkAttributes('01002', { cover_condition: ['missing', 'broken'] });
    expect(!two.ok && two.problems[0]!.message).toContain('只能填一个值');
    const nan = checkAttributes('90001', { water_depth_cm: '1e3' });
    expect(nan.ok).toBe(false);
  });
});
