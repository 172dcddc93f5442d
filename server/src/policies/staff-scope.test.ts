import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { canSeeDistrict, hasRole, isHandlerOf, requireRole, type ScopePrincipal } from './staff-scope.js';

const p = (o: Partial<ScopePrincipal>): ScopePrincipal => ({ roles: [], districtCodes: [], departmentIds: [], ...o });

describe('canSeeDistrict', () => {
  it('empty districtCodes sees every district and zone', () => {
    expect(canSeeDistrict(p({}), '430602')).toBe(true);
    expect(canSeeDistrict(p({}), '430602', 'nanhu')).toBe(true);
  });
  it('listed district is visible, others are not', () => {
    const u = p({ districtCodes: ['430602'] });
    expect(canSeeDistrict(u, '430602')).toBe(true);
    expect(canSeeDistrict(u, '430603')).toBe(false);
    expect(canSeeDistrict(u, '430603', 'nanhu')).toBe(false);
  });
  it('a zone code grants that zone even in an unlisted district', () => {
    const u = p({ districtCodes: ['nanhu'] });
    expect(canSeeDistrict(u, '430602', 'nanhu')).toBe(true);
    expect(canSeeDistrict(u, '430602')).toBe(false);
    expect(canSeeDistrict(u, '430602', 'jingkai')).toBe(false);
    expect(canSeeDistrict(u, '430602', null)).toBe(false);
  });
  it('the district still grants tickets inside a zone of that district', () => {
    expect(canSeeDistrict(p({ districtCodes: ['430602'] }), '430602', 'nanhu')).toBe(true);
  });
});

describe('isHandlerOf', () => {
  it('needs the handler role and the department', () => {
    expect(isHandlerOf(p({ roles: ['handler'], departmentIds: ['d1'] }), 'd1')).toBe(true);
    expect(isHandlerOf(p({ roles: ['handler'], departmentIds: ['d1'] }), 'd2')).toBe(false);
    expect(isHandlerOf(p({ roles: ['dispatcher'], departmentIds: ['d1'] }), 'd1')).toBe(false);
    expect(isHandlerOf(p({ roles: ['handler'], departmentIds: ['d1'] }), undefined)).toBe(false);
    expect(isHandlerOf(p({ roles: ['handler'], departmentIds: [] }), '')).toBe(false);
  });
});

describe('hasRole / requireRole', () => {
  it('any of the roles', () => {
    expect(hasRole(p({ roles: ['viewer'] }), 'admin', 'viewer')).toBe(true);
    expect(hasRole(p({ roles: ['viewer'] }), 'admin')).toBe(false);
    expect(hasRole(p({ roles: [] }))).toBe(false);
  });
  it('requireRole throws 403 forbidden', () => {
    expect(() => requireRole(p({ roles: ['admin'] }), 'admin')).not.toThrow();
    try {
      requireRole(p({ roles: ['dispatcher'] }), 'admin');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(403);
      expect((e as AppError).code).toBe('forbidden');
    }
  });
});
