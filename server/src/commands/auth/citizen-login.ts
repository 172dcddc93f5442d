import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import { signAccessToken } from '../../http/auth.js';

type Source = 'weapp' | 'h5' | 'demo';

export interface CitizenIdentity {
  openid: string;
  unionid?: string;
  nickname?: string;
}

/**
 * A resident signs in (WeChat identity, or the demo login): upserts the resident by openid in one atomic
 * update (a unique index on openid makes a concurrent double-login converge on one document) and issues a
 * citizen token. Returns the token and the resident's record.
 */
export async function citizenLogin(deps: AppDeps, identity: CitizenIdentity, source: Source) {
  const now = deps.now();
  const set: Record<string, unknown> = { lastLoginAt: now };
  if (identity.unionid) set.unionid = identity.unionid;
  const filter = { openid: identity.openid };
  const update = { $set: set, $setOnInsert: { openid: identity.openid, source, nickname: identity.nickname ?? '' } };
  let citizen;
  try {
    citizen = await deps.models.Citizen.findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'after' }).lean();
  } catch (err) {
    // two first logins racing: the loser hits the unique index; the document now exists
    if (!isDuplicateKey(err)) throw err;
    citizen = await deps.models.Citizen.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' }).lean();
  }
  if (!citizen) throw new Error('citizen upsert returned nothing');
  return { token: signAccessToken(deps.config.JWT_SECRET, 'citizen', String(citizen._id)), citizen };
}
