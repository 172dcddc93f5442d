import jwt from 'jsonwebtoken';
import type { Context } from 'koa';
import type { AppDeps } from '../deps.js';
import { AppError, unauthorized } from './errors.js';

export type StaffRole = 'admin' | 'dispatcher' | 'handler' | 'complaint_officer' | 'viewer';

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
}
export type Principal = CitizenPrincipal | StaffPrincipal;

const ALGORITHM = 'HS256' as const;
export const ACCESS_TOKEN_TTL_S = { citizen: 7 * 24 * 3600, staff: 2 * 3600 } as const;

export function signAccessToken(secret: string, aud: 'citizen' | 'staff', sub: string, extra: Record<string, unknown> = {}): string {
  return jwt.sign(extra, secret, { algorithm: ALGORITHM, audience: aud, subject: sub, expiresIn: ACCESS_TOKEN_TTL_S[aud], issuer: 'chengguantong' });
}

interface TokenClaims {
  sub: string;
  aud: string;
  tv?: number;
}

function verify(secret: string, token: string, aud: 'citizen' | 'staff'): TokenClaims | null {
  try {
    // pinned algorithm: a token signed with "none" or RS256-as-HS256 is refused
    return jwt.verify(token, secret, { algorithms: [ALGORITHM], audience: aud, issuer: 'chengguantong' }) as TokenClaims;
  } catch {
    return null;
  }
}

export async function authenticate(ctx: Context, deps: AppDeps, want: 'citizen' | 'staff' | 'any'): Promise<Principal> {
  const header = ctx.get('authorization');
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw unauthorized('请先登录');
  const secret = deps.config.JWT_SECRET;
  if (want !== 'staff') {
    const c = verify(secret, token, 'citizen');
    if (c) {
      const principal: CitizenPrincipal = { kind: 'citizen', userId: c.sub };
      ctx.state.principal = principal;
      return principal;
    }
  }
  if (want !== 'citizen') {
    const c = verify(secret, token, 'staff');
    if (c) {
      const user = await deps.models.StaffUser.findById(c.sub).lean();
      // a disabled account or a changed password (tokenVersion bump) invalidates outstanding tokens
      if (!user || user.disabled || (user.tokenVersion ?? 0) !== (c.tv ?? 0)) throw unauthorized('登录已失效，请重新登录', 'token_revoked');
      const principal: StaffPrincipal = {
        kind: 'staff',
        userId: String(user._id),
        username: user.username,
        displayName: user.displayName,
        roles: user.roles as StaffRole[],
        districtCodes: user.districtCodes ?? [],
        departmentIds: (user.departmentIds ?? []).map(String),
      };
      ctx.state.principal = principal;
      return principal;
    }
  }
  throw new AppError(401, 'unauthorized', '登录已过期或无效，请重新登录');
}
