import type { StaffUserView } from '@cgt/shared/schemas/users';
import { staffIdentity, type StaffLike } from '../auth/presenters.js';

interface StaffUserLike extends StaffLike {
  phone?: string | null;
  disabled?: boolean | null;
  lockedUntil?: Date | null;
  lastLoginAt?: Date | null;
  createdAt?: Date | null;
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
