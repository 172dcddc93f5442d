import type { AppDeps } from '../deps.js';
import { signAccessToken } from '../http/auth.js';
import { createStaffSession } from '../services/staff-sessions.js';

/**
 * Test-only: an access token for a staff account inserted directly, with an open session behind it (a
 * staff token without one is refused: services/staff-sessions.ts). No password, no login round trip.
 */
export async function staffSessionToken(deps: Pick<AppDeps, 'models' | 'now' | 'config'>, userId: string, tokenVersion = 0): Promise<string> {
  const sid = await createStaffSession(deps, userId);
  return signAccessToken(deps.config.JWT_SECRET, 'staff', userId, { tv: tokenVersion, sid });
}
