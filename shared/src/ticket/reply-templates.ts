import type { StaffRole } from './machine';

/**
 * 常用语 (reply templates): who sees, writes and edits which. One definition for the server's policy, its
 * presenter (`editable`) and the console's scope picker.
 *
 * - A template belongs to the whole city, to one district/zone, or to one handling department.
 * - Everybody sees the city's templates; district staff also see their districts', handlers their
 *   departments'. Staff without any district or department limit (the city centre, admins) see all.
 * - Admins and the city centre's dispatchers write city-wide or for any unit; a district dispatcher writes
 *   for their districts; a handler for their departments.
 * - Only the author and admins change or delete a template (built-in ones: admins only).
 */

export const TEMPLATE_SCOPES = ['city', 'district', 'department'] as const;
export type TemplateScope = (typeof TEMPLATE_SCOPES)[number];

export const TEMPLATE_SCOPE_LABELS: Readonly<Record<TemplateScope, string>> = {
  city: '全市通用',
  district: '区县（功能区）',
  department: '处置单位',
};

/** Templates one unit (the city, a district, a department) may hold; keeps every list one bounded read. */
export const TEMPLATES_PER_SCOPE_LIMIT = 200;

/** Staff as these rules see them: the principal on the server, the signed-in user in the console. */
export interface TemplateActor {
  id: string;
  roles: readonly StaffRole[];
  districtCodes: readonly string[];
  departmentIds: readonly string[];
}

/** Where a template belongs. */
export interface TemplatePlace {
  scope: TemplateScope;
  districtCode?: string | null;
  departmentId?: string | null;
}

export interface TemplateOwnership extends TemplatePlace {
  createdBy: string;
}

/** The single key a template is stored and looked up under (one equality per unit). */
export function templateScopeKey(p: TemplatePlace): string {
  if (p.scope === 'district') return `district:${p.districtCode ?? ''}`;
  if (p.scope === 'department') return `department:${p.departmentId ?? ''}`;
  return 'city';
}

function unlimited(a: TemplateActor): boolean {
  return a.districtCodes.length === 0 && a.departmentIds.length === 0;
}

const has = (a: TemplateActor, r: StaffRole) => a.roles.includes(r);

/** What this person may write: `'any'` = every unit of that kind. */
export interface TemplateScopeChoices {
  city: boolean;
  districts: 'any' | readonly string[];
  departments: 'any' | readonly string[];
}

export function templateScopeChoices(a: TemplateActor): TemplateScopeChoices {
  const cityCentre = has(a, 'admin') || (has(a, 'dispatcher') && a.districtCodes.length === 0);
  if (cityCentre) return { city: true, districts: 'any', departments: 'any' };
  return {
    city: false,
    districts: has(a, 'dispatcher') ? a.districtCodes : [],
    departments: has(a, 'handler') ? a.departmentIds : [],
  };
}

/** May this person put a template there? */
export function mayWriteTemplateIn(a: TemplateActor, p: TemplatePlace): boolean {
  const c = templateScopeChoices(a);
  if (p.scope === 'city') return c.city;
  if (p.scope === 'district') return !!p.districtCode && (c.districts === 'any' || c.districts.includes(p.districtCode));
  return !!p.departmentId && (c.departments === 'any' || c.departments.includes(p.departmentId));
}

/** Where a new template goes when the author names no place: the narrowest unit they write for. */
export function defaultTemplatePlace(a: TemplateActor): TemplatePlace | null {
  const c = templateScopeChoices(a);
  if (c.city) return { scope: 'city' };
  if (c.districts !== 'any' && c.districts.length > 0) return { scope: 'district', districtCode: c.districts[0] };
  if (c.departments !== 'any' && c.departments.length > 0) return { scope: 'department', departmentId: c.departments[0] };
  return null;
}

/** The author and admins; a built-in template (author `system`) is the admins'. */
export function mayEditTemplate(a: TemplateActor, t: TemplateOwnership): boolean {
  return has(a, 'admin') || (t.createdBy === a.id && mayWriteTemplateIn(a, t));
}

export function templateVisibleTo(a: TemplateActor, t: TemplatePlace): boolean {
  if (t.scope === 'city' || unlimited(a)) return true;
  if (t.scope === 'district') return !!t.districtCode && a.districtCodes.includes(t.districtCode);
  return !!t.departmentId && a.departmentIds.includes(t.departmentId);
}

/** The scope keys to read for this person, or `'all'` for staff without a unit limit. */
export function visibleTemplateKeys(a: TemplateActor): 'all' | string[] {
  if (unlimited(a)) return 'all';
  return [
    'city',
    ...a.districtCodes.map((districtCode) => templateScopeKey({ scope: 'district', districtCode })),
    ...a.departmentIds.map((departmentId) => templateScopeKey({ scope: 'department', departmentId })),
  ];
}

export interface TemplateFit {
  categoryCode?: string | null;
  /** two-digit major class (the category group), e.g. '06' 市容环境 */
  categoryGroup?: string | null;
}

/**
 * How well a template fits a ticket's category: 2 made for that category, 1 for its group, 0 general,
 * -1 for another category or group (not offered).
 */
export function templateFitFor(t: TemplateFit, categoryCode: string | undefined): number {
  if (t.categoryCode) return !categoryCode ? 2 : t.categoryCode === categoryCode ? 2 : -1;
  if (t.categoryGroup) return !categoryCode ? 1 : categoryCode.startsWith(t.categoryGroup) ? 1 : -1;
  return 0;
}
