import type { StaffUserView } from '@cgt/shared/schemas/users';
import type { StaffRole } from '../../http/auth.js';

interface StaffUserLike {
  _id: unknown;
  username: string;
  displayName: string;
  roles?: string[] | null;
  districtCodes?: string[] | null;
  departmentIds?: unknown[] | null;
  phone?: string | null;
  disabled?: boolean | null;
  mustChangePassword?: boolean | null;
  lockedUntil?: Date | null;
  lastLoginAt?: Date | null;
  createdAt?: Date | null;
}

/** A staff account for administrators: never the password hash, failure counters or token version. */
export function presentStaffUser(u: StaffUserLike, now: Date): StaffUserView {
  const view: StaffUserView = {
    id: String(u._id),
    username: u.username,
    displayName: u.displayName,
    roles: (u.roles ?? []) as StaffRole[],
    districtCodes: u.districtCodes ?? [],
    departmentIds: (u.departmentIds ?? []).map(String),
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
