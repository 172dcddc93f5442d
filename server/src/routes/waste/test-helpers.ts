import type { StaffRole } from '../../http/auth.js';
import { signAccessToken } from '../../http/auth.js';
import type { TestServer } from '../../testing/harness.js';

/** Test-only: a staff account inserted directly and a token for it (no password hashing, no login round trip). */
export async function wasteStaffToken(t: TestServer, roles: StaffRole[]): Promise<string> {
  const username = `w_${roles.join('_')}_${Math.random().toString(36).slice(2, 8)}`;
  const u = await t.deps.models.StaffUser.create({ username, displayName: username, passwordHash: 'x', roles });
  return signAccessToken(t.deps.config.JWT_SECRET, 'staff', String(u._id), { tv: 0 });
}
