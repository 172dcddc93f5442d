import { useSyncExternalStore } from 'react';
import type { StaffUser } from '../services/types';

/** The staff session (tokens + user), persisted in localStorage; the only global state of the console. */
export interface Session {
  token: string;
  refreshToken: string;
  user: StaffUser;
}

const KEY = 'cgt.admin.session';
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (!parsed.token || !parsed.user) return null;
    return { token: parsed.token, refreshToken: parsed.refreshToken ?? '', user: parsed.user };
  } catch {
    return null;
  }
}

let current: Session | null = read();

function emit(): void {
  listeners.forEach((l) => l());
}

/** Current session, or null when logged out. */
export function getSession(): Session | null {
  return current;
}

/** Replaces the session (after login or refresh). */
export function setSession(next: Session): void {
  current = next;
  globalThis.localStorage?.setItem(KEY, JSON.stringify(next));
  emit();
}

/** Clears tokens and user: the layout guard then sends the user to the login page. */
export function clearSession(): void {
  current = null;
  globalThis.localStorage?.removeItem(KEY);
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React hook over the session store. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}
