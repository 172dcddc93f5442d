import type { StaffRole } from '../http/auth.js';
import { staffSessionToken } from './staff-session-token.js';
import type { TestServer } from './harness.js';

/** Test-only: a staff account inserted directly and a token for it (no password hashing, no login round trip). */
export async function staffToken(t: TestServer, roles: StaffRole[], username = `u_${roles.join('_')}_${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  const u = await t.deps.models.StaffUser.create({ username, displayName: username, passwordHash: 'x', roles });
  return staffSessionToken(t.deps, String(u._id));
}
