import type { StaffMe } from '@cgt/shared/schemas/auth';
import type { StaffRole } from '../../http/auth.js';

export interface StaffLike {
  _id: unknown;
  username: string;
  displayName: string;
  roles?: string[] | null;
  districtCodes?: string[] | null;
  departmentIds?: unknown[] | null;
  mustChangePassword?: boolean | null;
}

/** Who a staff member is and what they may see: the fields every staff view starts with. */
export function staffIdentity(u: StaffLike) {
  return {
    id: String(u._id),
    username: u.username,
    displayName: u.displayName,
    roles: (u.roles ?? []) as StaffRole[],
    districtCodes: u.districtCodes ?? [],
    departmentIds: (u.departmentIds ?? []).map(String),
  };
}

/** The signed-in staff member as the console sees it: never the hash, counters or lock state. */
export function presentStaffMe(u: StaffLike): StaffMe {
  return {
    ...staffIdentity(u),
    mustChangePassword: !!u.mustChangePassword,
  };
}
