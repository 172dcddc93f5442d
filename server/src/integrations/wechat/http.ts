import type { Config } from '../../config.js';

/**
 * One POST of JSON to the WeChat server API, answered with the parsed reply or a classified failure.
 * The URL (which may carry the access token) never appears in an error or a log line.
 */
export type WechatConfig = Pick<Config, 'WECHAT_API_BASE' | 'WECHAT_APPID' | 'WECHAT_SECRET'>;

export const WECHAT_POST_TIMEOUT_MS = 5000;

export interface WechatReply {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

export type PostResult =
  | { ok: true; reply: WechatReply }
  /** WeChat answered with a non-2xx status: it did not take the request */
  | { ok: false; failure: 'http'; status: number }
  /** the request never reached WeChat (refused, DNS): safe to send again */
  | { ok: false; failure: 'unreached' }
  /** sent, but no answer came back (timeout, connection cut): WeChat may have acted on it */
  | { ok: false; failure: 'no_answer' };

const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function wechatUrl(config: Pick<Config, 'WECHAT_API_BASE'>, pathname: string, query: Record<string, string> = {}): URL {
  const base = config.WECHAT_API_BASE.endsWith('/') ? config.WECHAT_API_BASE : config.WECHAT_API_BASE + '/';
  const url = new URL(pathname, base);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

export async function postWechat(url: URL, body: unknown, headers: Record<string, string> = {}): Promise<PostResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(WECHAT_POST_TIMEOUT_MS),
    });
  } catch (err) {
    return { ok: false, failure: UNREACHED.has(causeCode(err) ?? '') ? 'unreached' : 'no_answer' };
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    return res.ok ? { ok: false, failure: 'no_answer' } : { ok: false, failure: 'http', status: res.status };
  }
  if (!res.ok) return { ok: false, failure: 'http', status: res.status };
  try {
    // WeChat labels its JSON text/plain on some endpoints, so parse the text ourselves
    const reply = JSON.parse(text) as unknown;
    if (reply === null || typeof reply !== 'object') return { ok: false, failure: 'http', status: res.status };
    const r = reply as WechatReply;
    const errcode = r.errcode === undefined ? 0 : Number(r.errcode);
    return { ok: true, reply: { ...r, errcode: Number.isNaN(errcode) ? -1 : errcode, errmsg: typeof r.errmsg === 'string' ? r.errmsg : '' } };
  } catch {
    return { ok: false, failure: 'http', status: res.status };
  }
}
