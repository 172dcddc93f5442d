import type { StaffMe } from '@cgt/shared/schemas/auth';
import type { StaffUserView } from '@cgt/shared/schemas/users';
import type { StaffRole } from '../http/auth.js';

export interface StaffLike {
  _id: unknown;
  username: string;
  displayName: string;
  roles?: string[] | null;
  districtCodes?: string[] | null;
  departmentIds?: unknown[] | null;
  mustChangePassword?: boolean | null;
}

interface StaffUserLike extends StaffLike {
  phone?: string | null;
  disabled?: boolean | null;
  lockedUntil?: Date | null;
  lastLoginAt?: Date | null;
  createdAt?: Date | null;
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

/** A staff account for administrators: never the password hash, failure counters or token version. */
export function presentStaffUser(u: StaffUserLike, now: Date): StaffUserView {
  const view: StaffUserView = {
    ...staffIdentity(u),
    disabled: !!u.disabled,
    mustChangePassword: !!u.mustChangePassword,
  };
  if (u.phone) view.phone = u.phone;
  // an expired lock is no lock: show only one still in force
  if (u.lockedUntil && u.lockedUntil.getTime() > now.getTime()) view.lockedUntil = u.lockedUntil.toISOString();
  if (u.lastLoginAt) view.lastLoginAt = u.lastLoginAt.toISOString();
  if (u.createdAt) view.createdAt = u.createdAt.toISOString();
  return view;
}
