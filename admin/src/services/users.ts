import { http } from './request';
import type { AdminUser, Paged, Role } from './types';

export interface UserQuery {
  q?: string;
  role?: Role;
  page?: number;
  pageSize?: number;
}

export interface UserCreate {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  districtCodes: string[];
  departmentIds: string[];
}

/** PATCH body: any subset; `password` resets it, `disabled` disables/enables the account. */
export type UserPatch = Partial<Omit<UserCreate, 'username'>> & { disabled?: boolean };

export function listUsers(query: UserQuery): Promise<Paged<AdminUser>> {
  return http.get<Paged<AdminUser>>('/admin/users', { ...query });
}

export function createUser(body: UserCreate): Promise<AdminUser> {
  return http.post<AdminUser>('/admin/users', body);
}

export function updateUser(id: string, patch: UserPatch): Promise<AdminUser> {
  return http.patch<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, patch);
}
