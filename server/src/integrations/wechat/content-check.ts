import type { AppDeps } from '../../deps.js';
import { getAccessToken } from './access-token.js';
import { postWechat, wechatUrl } from './http.js';

/**
 * Content security (wxa/msg_sec_check v2 for text, wxa/media_check_async v2 for photos). Both fail open:
 * any failure returns null and the caller records it; a resident is never blocked because the check
 * service is down.
 */

export interface TextVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number | null;
  traceId: string | null;
}

async function post(deps: AppDeps, pathname: string, body: unknown) {
  const token = await getAccessToken(deps);
  const res = await postWechat(wechatUrl(deps.config, pathname, { access_token: token }), body);
  return res.ok && res.reply.errcode === 0 ? res.reply : null;
}

export async function msgSecCheck(deps: AppDeps, openid: string, content: string): Promise<TextVerdict | null> {
  try {
    const reply = await post(deps, 'wxa/msg_sec_check', { version: 2, openid, scene: 2, content: content.slice(0, 2500) });
    const result = reply?.result as { suggest?: string; label?: number } | undefined;
    if (!result || !['pass', 'review', 'risky'].includes(result.suggest ?? '')) return null;
    return { suggest: result.suggest as TextVerdict['suggest'], label: typeof result.label === 'number' ? result.label : null, traceId: typeof reply?.trace_id === 'string' ? reply.trace_id : null };
  } catch {
    return null;
  }
}

/** Starts the asynchronous photo check; the trace_id the result will carry, or null. */
export async function mediaCheckAsync(deps: AppDeps, openid: string, mediaUrl: string): Promise<string | null> {
  try {
    const reply = await post(deps, 'wxa/media_check_async', { version: 2, openid, scene: 2, media_url: mediaUrl, media_type: 2 });
    return typeof reply?.trace_id === 'string' ? reply.trace_id : null;
  } catch {
    return null;
  }
}
