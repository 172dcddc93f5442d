import { describe, expect, it } from 'vitest';
import {
  defaultTemplatePlace,
  mayEditTemplate,
  mayWriteTemplateIn,
  templateFitFor,
  templateScopeKey,
  templateVisibleTo,
  visibleTemplateKeys,
  type TemplateActor,
} from './reply-templates';

const admin: TemplateActor = { id: 'a', roles: ['admin'], districtCodes: [], departmentIds: [] };
const cityDispatcher: TemplateActor = { id: 'c', roles: ['dispatcher'], districtCodes: [], departmentIds: [] };
const junshan: TemplateActor = { id: 'j', roles: ['dispatcher'], districtCodes: ['430611'], departmentIds: [] };
const handler: TemplateActor = { id: 'h', roles: ['handler'], districtCodes: ['430611'], departmentIds: ['d1'] };
const viewer: TemplateActor = { id: 'v', roles: ['viewer'], districtCodes: [], departmentIds: [] };

describe('常用语 scope rules', () => {
  it('the city centre writes anywhere, a district dispatcher in their district, a handler in their department', () => {
    expect(mayWriteTemplateIn(cityDispatcher, { scope: 'city' })).toBe(true);
    expect(mayWriteTemplateIn(cityDispatcher, { scope: 'department', departmentId: 'd9' })).toBe(true);
    expect(mayWriteTemplateIn(junshan, { scope: 'city' })).toBe(false);
    expect(mayWriteTemplateIn(junshan, { scope: 'district', districtCode: '430611' })).toBe(true);
    expect(mayWriteTemplateIn(junshan, { scope: 'district', districtCode: '430602' })).toBe(false);
    expect(mayWriteTemplateIn(handler, { scope: 'district', districtCode: '430611' })).toBe(false);
    expect(mayWriteTemplateIn(handler, { scope: 'department', departmentId: 'd1' })).toBe(true);
    expect(mayWriteTemplateIn(handler, { scope: 'department', departmentId: 'd2' })).toBe(false);
    expect(mayWriteTemplateIn(viewer, { scope: 'city' })).toBe(false);
    expect(mayWriteTemplateIn(admin, { scope: 'district' })).toBe(false); // a district scope names its district
  });

  it('a new template goes to the narrowest unit its author writes for', () => {
    expect(defaultTemplatePlace(cityDispatcher)).toEqual({ scope: 'city' });
    expect(defaultTemplatePlace(junshan)).toEqual({ scope: 'district', districtCode: '430611' });
    expect(defaultTemplatePlace(handler)).toEqual({ scope: 'department', departmentId: 'd1' });
    expect(defaultTemplatePlace(viewer)).toBeNull();
  });

  it('only the author and admins edit; built-in templates are the admins\'', () => {
    const own = { scope: 'district' as const, districtCode: '430611', createdBy: 'j' };
    expect(mayEditTemplate(junshan, own)).toBe(true);
    expect(mayEditTemplate({ ...junshan, id: 'j2' }, own)).toBe(false); // a colleague of the same district
    expect(mayEditTemplate(cityDispatcher, own)).toBe(false);
    expect(mayEditTemplate(admin, own)).toBe(true);
    expect(mayEditTemplate(cityDispatcher, { scope: 'city', createdBy: 'system' })).toBe(false);
    expect(mayEditTemplate(admin, { scope: 'city', createdBy: 'system' })).toBe(true);
    // an author moved to another district no longer edits what they left behind
    expect(mayEditTemplate({ ...junshan, districtCodes: ['430602'] }, own)).toBe(false);
  });

  it('visibility: the city\'s for all, a unit\'s for its staff and the unlimited centre', () => {
    const d = { scope: 'district' as const, districtCode: '430611' };
    const dept = { scope: 'department' as const, departmentId: 'd1' };
    expect(templateVisibleTo(viewer, d)).toBe(true);
    expect(templateVisibleTo(junshan, d)).toBe(true);
    expect(templateVisibleTo({ ...junshan, districtCodes: ['430602'] }, d)).toBe(false);
    expect(templateVisibleTo(junshan, dept)).toBe(false);
    expect(templateVisibleTo(handler, dept)).toBe(true);
    expect(templateVisibleTo(handler, d)).toBe(true);
    expect(visibleTemplateKeys(admin)).toBe('all');
    expect(visibleTemplateKeys(handler)).toEqual(['city', 'district:430611', 'department:d1']);
    expect(templateScopeKey(dept)).toBe('department:d1');
  });

  it('fit: the category\'s own first, then its group\'s, then general; other categories not offered', () => {
    expect(templateFitFor({ categoryCode: '06010' }, '06010')).toBe(2);
    expect(templateFitFor({ categoryGroup: '06' }, '06010')).toBe(1);
    expect(templateFitFor({}, '06010')).toBe(0);
    expect(templateFitFor({ categoryCode: '06011' }, '06010')).toBe(-1);
    expect(templateFitFor({ categoryGroup: '09' }, '06010')).toBe(-1);
    expect(templateFitFor({ categoryGroup: '09' }, undefined)).toBe(1);
  });
});
