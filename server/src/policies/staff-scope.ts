import { fail } from '../http/errors.js';
import type { StaffPrincipal, StaffRole } from '../http/auth.js';

/** The parts of a staff principal the scope rules look at (so callers can pass a loaded user too). */
export type ScopePrincipal = Pick<StaffPrincipal, 'roles' | 'districtCodes' | 'departmentIds'>;

/**
 * May this staff member see/act in the given district (and, optionally, functional zone)?
 * Empty districtCodes = every district. A zone code in districtCodes grants that zone only: a ticket
 * in 南湖新区 belongs to the zone's queue, so a zone officer sees it even though its county is not listed.
 */
export function canSeeDistrict(principal: ScopePrincipal, districtCode: string, zoneCode?: string | null): boolean {
  if (principal.districtCodes.length === 0) return true;
  if (principal.districtCodes.includes(districtCode)) return true;
  return !!zoneCode && principal.districtCodes.includes(zoneCode);
}

/** Is this staff member a handler of the given department (the department a ticket is dispatched to)? */
export function isHandlerOf(principal: ScopePrincipal, departmentId: string | null | undefined): boolean {
  if (!departmentId) return false;
  return principal.roles.includes('handler') && principal.departmentIds.includes(String(departmentId));
}

/** Has at least one of the roles. */
export function hasRole(principal: Pick<ScopePrincipal, 'roles'>, ...roles: StaffRole[]): boolean {
  return roles.some((r) => principal.roles.includes(r));
}

/** Throws 403 forbidden unless the principal has at least one of the roles. */
export function requireRole(principal: Pick<ScopePrincipal, 'roles'>, ...roles: StaffRole[]): void {
  if (!hasRole(principal, ...roles)) throw fail('forbidden');
}
