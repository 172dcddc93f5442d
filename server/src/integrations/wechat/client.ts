import type { Config } from '../../config.js';
import { AppError, fail } from '../../http/errors.js';

/**
 * WeChat server APIs used for resident login. Only openid/unionid ever leave this module:
 * session_key (mini-program) and access_token (web OAuth) are secrets of our server and are
 * neither returned, stored nor logged.
 */
export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

type WechatConfig = Pick<Config, 'WECHAT_API_BASE' | 'WECHAT_APPID' | 'WECHAT_SECRET'>;

export const WECHAT_TIMEOUT_MS = 5000;

interface WechatReply {
  openid?: unknown;
  unionid?: unknown;
  errcode?: unknown;
  errmsg?: unknown;
}

function unavailable(): AppError {
  return fail('wechat_unavailable');
}

/** Without credentials no call goes out at all (it could only fail, and slowly). */
function notConfigured(): AppError {
  return fail('wechat_not_configured', [], '本服务未配置微信登录（WECHAT_APPID），请使用其他方式登录或联系管理员');
}

async function callWechat(config: WechatConfig, pathname: string, params: Record<string, string>): Promise<WechatIdentity> {
  if (!config.WECHAT_APPID || !config.WECHAT_SECRET) throw notConfigured();
  const url = new URL(pathname, config.WECHAT_API_BASE.endsWith('/') ? config.WECHAT_API_BASE : config.WECHAT_API_BASE + '/');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let reply: WechatReply;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(WECHAT_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!res.ok) throw unavailable();
    // WeChat answers with text/plain JSON on some endpoints, so parse the text ourselves
    reply = JSON.parse(await res.text()) as WechatReply;
  } catch {
    // the error (possibly carrying the URL with our secret) is deliberately not propagated or logged
    throw unavailable();
  }
  if (reply === null || typeof reply !== 'object') throw unavailable();
  const errcode = typeof reply.errcode === 'number' ? reply.errcode : Number(reply.errcode ?? 0);
  if (errcode !== 0 && !Number.isNaN(errcode)) {
    throw fail('wechat_login_failed', [
      { message: '微信接口返回错误', errcode, errmsg: typeof reply.errmsg === 'string' ? reply.errmsg : '' },
    ]);
  }
  if (typeof reply.openid !== 'string' || reply.openid.length === 0) throw unavailable();
  return { openid: reply.openid, ...(typeof reply.unionid === 'string' && reply.unionid ? { unionid: reply.unionid } : {}) };
}

/** Mini-program wx.login code → openid (auth.code2Session). */
export function code2Session(config: WechatConfig, code: string): Promise<WechatIdentity> {
  return callWechat(config, 'sns/jscode2session', {
    appid: config.WECHAT_APPID,
    secret: config.WECHAT_SECRET,
    js_code: code,
    grant_type: 'authorization_code',
  });
}

/** Official-account web OAuth code (H5 inside WeChat) → openid. */
export function oauth2AccessToken(config: WechatConfig, code: string): Promise<WechatIdentity> {
  return callWechat(config, 'sns/oauth2/access_token', {
    appid: config.WECHAT_APPID,
    secret: config.WECHAT_SECRET,
    code,
    grant_type: 'authorization_code',
  });
}
