import type { PasswordPolicy } from '@cgt/shared/auth/password-policy';
import { clearSession, getSession, setSession } from '../stores/session';
import { http } from './request';
import type { StaffUser } from './types';

export interface LoginResult {
  token: string;
  refreshToken: string;
  user: StaffUser;
}

/** POST /auth/login {username,password}; errors (401 bad credentials, 423 account_locked) are left to the form. */
export async function login(username: string, password: string): Promise<LoginResult> {
  const result = await http.post<LoginResult>('/auth/login', { username, password }, { silent: true });
  setSession({ token: result.token, refreshToken: result.refreshToken, user: result.user });
  return result;
}

/** GET /auth/me: refreshes the stored user (roles or districts may have changed since login). */
export async function refreshMe(): Promise<StaffUser | null> {
  const session = getSession();
  if (!session) return null;
  const user = await http.get<StaffUser>('/auth/me', undefined, { silent: true });
  const now = getSession();
  if (now) setSession({ ...now, user });
  return user;
}

/** POST /auth/password {oldPassword,newPassword} → new tokens (other sessions end). */
export async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  const res = await http.post<{ token: string; refreshToken: string }>('/auth/password', { oldPassword, newPassword }, { silent: true });
  const session = getSession();
  if (session) setSession({ token: res.token, refreshToken: res.refreshToken, user: { ...session.user, mustChangePassword: false } });
}

/** POST /auth/logout (best effort), then forget the session locally. */
export async function logout(): Promise<void> {
  const refreshToken = getSession()?.refreshToken;
  try {
    await http.post<void>('/auth/logout', { refreshToken }, { silent: true });
  } catch {
    // Logging out locally is what matters; the refresh token expires on its own.
  } finally {
    clearSession();
  }
}

export interface PasswordPolicyInfo extends PasswordPolicy {
  description: string;
}

let policyRequest: Promise<PasswordPolicyInfo> | null = null;

/** GET /auth/password-policy (once per page load): the rule the server applies when a password is set. */
export function getPasswordPolicy(): Promise<PasswordPolicyInfo> {
  policyRequest ??= http.get<PasswordPolicyInfo>('/auth/password-policy', undefined, { silent: true }).catch((err: unknown) => {
    policyRequest = null; // try again next time; the form falls back to the default rule meanwhile
    throw err;
  });
  return policyRequest;
}
