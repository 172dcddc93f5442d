import { describe, expect, it } from 'vitest';
import { DISPATCH_CENTRE_LABEL, centreUnit, handlingUnit } from './acting-unit.js';

const junshan = { routing: { districtCode: '430611', districtName: '君山区', departmentName: '君山区环卫所' } };

describe('acting unit', () => {
  it('a city-wide dispatcher acts for the city centre, a district one for its sub-centre', () => {
    expect(centreUnit({ districtCodes: [] }, junshan)).toBe(DISPATCH_CENTRE_LABEL);
    expect(centreUnit({ districtCodes: ['430611'] }, junshan)).toBe('君山区城市管理指挥分中心');
    expect(centreUnit({ districtCodes: ['430611', '430602'] }, junshan)).toBe('君山区城市管理指挥分中心');
  });
  it('handling is done by the department the ticket is with', () => {
    expect(handlingUnit(junshan)).toBe('君山区环卫所');
    expect(handlingUnit({ routing: { districtCode: '430611', districtName: '君山区' } })).toBe('处置单位');
  });
});
