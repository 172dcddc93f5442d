import { describe, expect, it } from 'vitest';
import type { Category, Department, District } from '../../services/types';
import { fitFields, fitLabel, fitValueOf, placeFields, placeOptions, placeValueOf } from './template-form';

const districts = [{ code: '430611', name: '君山区' }, { code: '430602', name: '岳阳楼区' }] as District[];
const departments = [{ id: 'd1', name: '君山区环卫所', districtCode: '430611' }, { id: 'd2', name: '岳阳楼区环卫所', districtCode: '430602' }] as Department[];
const categories = [{ code: '06010', name: '暴露垃圾' }] as Category[];

describe('常用语 dialog values', () => {
  it('适用: a category, a group or general round-trip through one select value', () => {
    expect(fitFields(fitValueOf({ categoryCode: '06010' }))).toEqual({ categoryCode: '06010' });
    expect(fitFields(fitValueOf({ categoryGroup: '06' }))).toEqual({ categoryGroup: '06' });
    expect(fitFields(fitValueOf({}))).toEqual({});
    expect(fitLabel({ categoryGroup: '06' }, categories)).toBe('事件-市容环境（整类）');
    expect(fitLabel({ categoryCode: '06010' }, categories)).toBe('暴露垃圾');
  });

  it('归属: offered only where the user may write', () => {
    const values = (o: ReturnType<typeof placeOptions>) => o.flatMap((g) => g.options.map((x) => x.value));
    const junshan = { id: 'j', roles: ['dispatcher'] as const, districtCodes: ['430611'], departmentIds: [] };
    expect(values(placeOptions({ ...junshan, roles: ['dispatcher'] }, districts, departments))).toEqual(['district:430611']);
    const handler = { id: 'h', roles: ['handler' as const], districtCodes: ['430611'], departmentIds: ['d1'] };
    expect(values(placeOptions(handler, districts, departments))).toEqual(['department:d1']);
    const admin = { id: 'a', roles: ['admin' as const], districtCodes: [], departmentIds: [] };
    expect(values(placeOptions(admin, districts, departments))).toEqual(['city', 'district:430611', 'district:430602', 'department:d1', 'department:d2']);
    expect(placeFields(placeValueOf({ scope: 'department', departmentId: 'd1' }))).toEqual({ scope: 'department', departmentId: 'd1' });
    expect(placeFields('city')).toEqual({ scope: 'city' });
  });
});
