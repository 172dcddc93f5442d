import { CATEGORY_GROUPS } from '@cgt/shared/categories/seed';
import { TEMPLATE_SCOPE_LABELS, templateScopeChoices, type TemplateActor, type TemplatePlace } from '@cgt/shared/ticket/reply-templates';
import type { CreateReplyTemplateRequest, ReplyTemplate } from '@cgt/shared/schemas/templates';
import type { Category, Department, District } from '../../services/types';

/**
 * The 常用语 dialog's two combined pickers, as plain functions: 适用范围 (a category, a category group or
 * general) and 归属 (the city, a district, a department) as single select values.
 */

/** 'c:06010' a category, 'g:06' a group, '' general. */
export type FitValue = string;

export function fitValueOf(t: Pick<ReplyTemplate, 'categoryCode' | 'categoryGroup'>): FitValue {
  if (t.categoryCode) return `c:${t.categoryCode}`;
  if (t.categoryGroup) return `g:${t.categoryGroup}`;
  return '';
}

export function fitFields(v: FitValue | undefined): { categoryCode?: string; categoryGroup?: string } {
  if (v?.startsWith('c:')) return { categoryCode: v.slice(2) };
  if (v?.startsWith('g:')) return { categoryGroup: v.slice(2) };
  return {};
}

export function fitOptions(categories: Category[]) {
  const groups = Object.entries(CATEGORY_GROUPS).filter(([g]) => categories.some((c) => c.code.startsWith(g)));
  return [
    { label: '通用', options: [{ value: '', label: '通用（所有问题类型）' }] },
    { label: '按大类', options: groups.map(([g, name]) => ({ value: `g:${g}`, label: `${name}（整类）` })) },
    { label: '按问题类型', options: categories.map((c) => ({ value: `c:${c.code}`, label: `${c.name}（${c.code}）` })) },
  ];
}

export function fitLabel(t: Pick<ReplyTemplate, 'categoryCode' | 'categoryGroup'>, categories: Category[]): string {
  if (t.categoryCode) return categories.find((c) => c.code === t.categoryCode)?.name ?? t.categoryCode;
  if (t.categoryGroup) return `${CATEGORY_GROUPS[t.categoryGroup] ?? t.categoryGroup}（整类）`;
  return '通用';
}

/** 'city', 'district:430611', 'department:<id>' (the server's scope key). */
export type PlaceValue = string;

export function placeValueOf(t: TemplatePlace): PlaceValue {
  if (t.scope === 'district') return `district:${t.districtCode ?? ''}`;
  if (t.scope === 'department') return `department:${t.departmentId ?? ''}`;
  return 'city';
}

export function placeFields(v: PlaceValue): Pick<CreateReplyTemplateRequest, 'scope' | 'districtCode' | 'departmentId'> {
  if (v.startsWith('district:')) return { scope: 'district', districtCode: v.slice('district:'.length) };
  if (v.startsWith('department:')) return { scope: 'department', departmentId: v.slice('department:'.length) };
  return { scope: 'city' };
}

/** Where this person may put a template, as grouped select options (the server checks the same rule). */
export function placeOptions(actor: TemplateActor, districts: District[], departments: Department[]) {
  const c = templateScopeChoices(actor);
  const ds = districts.filter((d) => c.districts === 'any' || c.districts.includes(d.code));
  const deps = departments.filter((d) => c.departments === 'any' || c.departments.includes(d.id));
  // a handler's own department may be missing from the list it can read: still offer it by id
  const missing = c.departments === 'any' ? [] : c.departments.filter((id) => !deps.some((d) => d.id === id));
  return [
    ...(c.city ? [{ label: TEMPLATE_SCOPE_LABELS.city, options: [{ value: 'city', label: '全市通用' }] }] : []),
    ...(ds.length ? [{ label: TEMPLATE_SCOPE_LABELS.district, options: ds.map((d) => ({ value: `district:${d.code}`, label: d.name })) }] : []),
    ...(deps.length || missing.length
      ? [{ label: TEMPLATE_SCOPE_LABELS.department, options: [...deps.map((d) => ({ value: `department:${d.id}`, label: d.name })), ...missing.map((id) => ({ value: `department:${id}`, label: '本单位' }))] }]
      : []),
  ];
}

export function placeLabel(t: TemplatePlace, districts: District[], departments: Department[]): string {
  if (t.scope === 'district') return districts.find((d) => d.code === t.districtCode)?.name ?? t.districtCode ?? '区县';
  if (t.scope === 'department') return departments.find((d) => d.id === t.departmentId)?.name ?? '处置单位';
  return '全市通用';
}
