import type { AppDeps } from '../../deps.js';
import { releaseClaim } from '../../db/claims.js';
import { claimLease } from '../../db/lease.js';
import { postWechat, wechatUrl } from './http.js';

/**
 * The access token for the server APIs (cgi-bin/stable_token), cached in the database so that every
 * server process uses the same one. Rules of the platform, and how they are kept:
 * - a token lives ≤ 7200 s; it is refreshed REFRESH_MARGIN_MS before expiry, by one process at a time:
 *   the refresh claim is named after the token being replaced (`wechat-token:<appid>:<fetchedAt>`), so
 *   all processes that saw that token race for one claim; the others keep using the old token, which is
 *   still valid for a few minutes;
 * - `force_refresh: true` invalidates everyone's token, so it is used only after a 40001 answer, and at
 *   most once per FORCE_WINDOW_MS across all processes (the claim is named after the 30-second window).
 * A refresh winner that crashed leaves a claim older than the lease; the next generation takes over.
 */

export const REFRESH_MARGIN_MS = 5 * 60_000;
export const FORCE_WINDOW_MS = 30_000;
const REFRESH_LEASE_MS = 30_000;
const WAIT_STEP_MS = 150;
const WAIT_STEPS = 40;

export class WechatTokenError extends Error {
  constructor(
    readonly errcode: number | null,
    readonly errmsg: string,
  ) {
    super(`WeChat access token unavailable: ${errcode ?? ''} ${errmsg}`.trim());
  }
}

const tokenId = (appid: string) => `access_token:${appid}`;

async function fetchAndStore(deps: AppDeps, force: boolean): Promise<string> {
  const { WECHAT_APPID: appid, WECHAT_SECRET: secret } = deps.config;
  const result = await postWechat(wechatUrl(deps.config, 'cgi-bin/stable_token'), { grant_type: 'client_credential', appid, secret, force_refresh: force });
  if (!result.ok) throw new WechatTokenError(null, result.failure === 'http' ? `HTTP ${result.status}` : result.failure);
  const { reply } = result;
  if (reply.errcode !== 0 || typeof reply.access_token !== 'string' || !reply.access_token) {
    throw new WechatTokenError(reply.errcode ?? null, reply.errmsg ?? 'no access_token');
  }
  const now = deps.now();
  const expiresIn = Math.min(7200, Math.max(60, Number(reply.expires_in) || 7200));
  const set = { token: reply.access_token, expiresAt: new Date(now.getTime() + expiresIn * 1000), fetchedAt: now, forced: force };
  // only the claim winner writes; an upsert can still meet a concurrent first insert by the force path
  await deps.models.WechatToken.updateOne({ _id: tokenId(appid) }, { $set: set }, { upsert: true }).catch(async () => {
    await deps.models.WechatToken.updateOne({ _id: tokenId(appid) }, { $set: set });
  });
  return set.token;
}

/**
 * A usable access token. `rejected`: the token WeChat just refused (40001 → `force`, 42001 → not), which
 * must not be handed out again.
 */
export async function getAccessToken(deps: AppDeps, opts: { rejected?: string; force?: boolean } = {}): Promise<string> {
  const appid = deps.config.WECHAT_APPID;
  const by = `pid:${process.pid}`;
  let forceTried = false;
  for (let step = 0; step < WAIT_STEPS; step++) {
    const doc = await deps.models.WechatToken.findById(tokenId(appid)).lean();
    const now = deps.now().getTime();
    const usable = !!doc && doc.token !== opts.rejected && doc.expiresAt.getTime() > now;
    if (usable && doc.expiresAt.getTime() - now > REFRESH_MARGIN_MS) return doc.token;
    if (opts.force && !forceTried && doc?.token === opts.rejected) {
      forceTried = true;
      const claim = await claimLease(deps.models, `wechat-token-force:${appid}:${Math.floor(now / FORCE_WINDOW_MS)}`, { leaseMs: REFRESH_LEASE_MS, by });
      if (claim) return fetchAndStore(deps, true);
      // this window's one forced refresh is taken: a normal refresh below returns the latest token
    }
    // named after the token being replaced; with none stored yet, after the lease window (so a first
    // fetch that failed or a deleted cache never blocks the name for good)
    const replacing = doc ? String(doc.fetchedAt.getTime()) : `none:${Math.floor(now / REFRESH_LEASE_MS)}`;
    const claim = await claimLease(deps.models, `wechat-token:${appid}:${replacing}`, { leaseMs: REFRESH_LEASE_MS, by });
    if (claim) {
      try {
        return await fetchAndStore(deps, false);
      } catch (err) {
        // nothing stored: let the next caller try at once instead of waiting out the lease
        await releaseClaim(deps.models, claim).catch(() => undefined);
        throw err;
      }
    }
    // another process is refreshing; the old token still works until it expires
    if (usable) return doc.token;
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
  }
  throw new WechatTokenError(null, 'refresh by another process did not finish');
}
