import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { StaffRole } from '@cgt/shared/ticket/machine';
import type { AppDeps } from '../deps.js';
import { touchStaffSession } from '../services/staff-sessions.js';
import { fail } from './errors.js';
import { CitizenClaims, StaffClaims, TOKEN_ISSUER } from './token-claims.js';

/** the one staff-role list lives in shared/ (STAFF_ROLES); re-exported for the server's imports */
export type { StaffRole };

export interface CitizenPrincipal {
  kind: 'citizen';
  userId: string;
}
export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  /** empty = every district */
  districtCodes: string[];
  departmentIds: string[];
  /** the session of the token (services/staff-sessions.ts) */
  sessionId?: string;
}
export type Principal = CitizenPrincipal | StaffPrincipal;

const ALGORITHM = 'HS256' as const;

/**
 * The secret as a KeyObject, made once per secret: given a string, jsonwebtoken first tries it as a PEM
 * public (or private) key, which throws, and only then makes a secret key, on every request (1.4 s of the
 * server's CPU in a 200,000-ticket bench run).
 */
const secretKeys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}
export const ACCESS_TOKEN_TTL_S = { citizen: 7 * 24 * 3600, staff: 2 * 3600 } as const;

/** Staff tokens must name their session: `extra.sid` (services/staff-sessions.ts). */
export function signAccessToken(secret: string, aud: 'citizen' | 'staff', sub: string, extra: Record<string, unknown> = {}): string {
  return jwt.sign(extra, keyOf(secret), { algorithm: ALGORITHM, audience: aud, subject: sub, expiresIn: ACCESS_TOKEN_TTL_S[aud], issuer: TOKEN_ISSUER });
}

/** The signature, audience, issuer and expiry, then the claims' shape; `'invalid'` for a good signature over bad claims. */
function verify<T>(secret: string, token: string, aud: 'citizen' | 'staff', schema: z.ZodType<T>): T | 'invalid' | null {
  let raw: unknown;
  try {
    // pinned algorithm: a token signed with "none" or RS256-as-HS256 is refused
    raw = jwt.verify(token, keyOf(secret), { algorithms: [ALGORITHM], audience: aud, issuer: TOKEN_ISSUER });
  } catch {
    return null;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : 'invalid';
}

const invalidToken = () => fail('invalid_token');

export interface AuthOptions {
  /** the route stays open to an account that must change its password first (change-password, /auth/me) */
  allowPendingPasswordChange?: boolean;
}

export async function authenticate(ctx: Context, deps: AppDeps, want: 'citizen' | 'staff' | 'any', opts: AuthOptions = {}): Promise<Principal> {
  const header = ctx.get('authorization');
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw fail('unauthorized');
  const secret = deps.config.JWT_SECRET;
  if (want !== 'staff') {
    const c = verify(secret, token, 'citizen', CitizenClaims);
    if (c === 'invalid') throw invalidToken();
    if (c) {
      // a deleted account's tokens die with it (an _id lookup: the one index every backend serves)
      if (!(await deps.models.Citizen.exists({ _id: c.sub }))) throw fail('token_revoked');
      const principal: CitizenPrincipal = { kind: 'citizen', userId: c.sub };
      ctx.state.principal = principal;
      return principal;
    }
  }
  if (want !== 'citizen') {
    const c = verify(secret, token, 'staff', StaffClaims);
    if (c === 'invalid') throw invalidToken();
    if (c) {
      const user = await deps.models.StaffUser.findById(c.sub).lean();
      // a disabled account or a changed password (tokenVersion bump) invalidates outstanding tokens
      if (!user || user.disabled || (user.tokenVersion ?? 0) !== (c.tv ?? 0)) throw fail('token_revoked');
      await touchStaffSession(deps, c.sid, c.sub, { background: ctx.get('x-background') === '1' });
      if (user.mustChangePassword && !opts.allowPendingPasswordChange) {
        throw fail('password_change_required', [{ field: 'password', message: '修改密码后才能继续使用' }]);
      }
      const principal: StaffPrincipal = {
        kind: 'staff',
        userId: String(user._id),
        username: user.username,
        displayName: user.displayName,
        roles: user.roles as StaffRole[],
        districtCodes: user.districtCodes ?? [],
        departmentIds: (user.departmentIds ?? []).map(String),
        sessionId: c.sid,
      };
      ctx.state.principal = principal;
      return principal;
    }
  }
  throw fail('unauthorized', [], '登录已过期或无效，请重新登录');
}
