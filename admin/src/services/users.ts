import { http } from './request';
import type { AdminUser, Paged, Role } from './types';

export interface UserQuery {
  q?: string;
  role?: Role;
  districtCode?: string;
  page?: number;
  pageSize?: number;
}

export interface UserCreate {
  username: string;
  displayName: string;
  /** Omit to let the server generate one (returned once in the response). */
  password?: string;
  roles: Role[];
  districtCodes: string[];
  departmentIds: string[];
  phone?: string;
}

/** PATCH body: any subset; `disabled` disables/enables the account. */
export type UserPatch = Partial<Omit<UserCreate, 'username' | 'password' | 'phone'>> & {
  disabled?: boolean;
  phone?: string | null;
};

export function listUsers(query: UserQuery, signal?: AbortSignal): Promise<Paged<AdminUser>> {
  return http.get<Paged<AdminUser>>('/admin/users', { ...query }, { signal });
}

/** POST /admin/users → `{user, password?}` (password only when the server generated it). */
export function createUser(body: UserCreate): Promise<{ user: AdminUser; password?: string }> {
  return http.post<{ user: AdminUser; password?: string }>('/admin/users', body);
}

export function updateUser(id: string, patch: UserPatch): Promise<AdminUser> {
  return http.patch<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, patch);
}

/** POST /admin/users/:id/reset-password → `{password}`: a temporary password, shown once. */
export function resetPassword(id: string): Promise<{ password: string }> {
  return http.post<{ password: string }>(`/admin/users/${encodeURIComponent(id)}/reset-password`, {});
}

/** POST /admin/users/:id/unlock → the account: clears its failed logins from every IP (the lock ends). */
export function unlockUser(id: string): Promise<AdminUser> {
  return http.post<AdminUser>(`/admin/users/${encodeURIComponent(id)}/unlock`, {});
}
