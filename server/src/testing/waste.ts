import type { StaffRole } from '../http/auth.js';
import type { TestServer } from './harness.js';
import { staffToken } from './staff-token.js';

/** Test-only: a staff account inserted directly and a token for it (no password hashing, no login round trip). */
export async function wasteStaffToken(t: TestServer, roles: StaffRole[]): Promise<string> {
  return staffToken(t, roles, `w_${roles.join('_')}_${Math.random().toString(36).slice(2, 8)}`);
}
