import type { AppDeps } from '../../deps.js';
import { getAccessToken, WechatTokenError } from './access-token.js';
import { postWechat, wechatUrl, type WechatReply } from './http.js';

/**
 * subscribeMessage.send (POST cgi-bin/message/subscribe/send) and what each answer means for the outbox:
 * - 0 → sent;
 * - 40001 (token invalid / not latest) or 42001 (expired) → refresh the token once (40001: forced) and
 *   send once more; the same answer again is retried later;
 * - 43101 (the resident refused, or no subscription left) → refused: recorded, never retried;
 * - 47003 (a value breaks its key's rule; errmsg names the key), 40003 (bad openid), 40037 (bad template
 *   id), 41030 (bad page) → dead letter for an admin to look at: sending again cannot help;
 * - -1 (system busy), 45xxx (quota), HTTP 5xx, a request that never reached WeChat, no token → retry
 *   with backoff;
 * - sent but no answer (timeout, connection cut after the request went out) → uncertain: WeChat may have
 *   delivered it, so it is not sent again automatically (a one-time subscription allows one message).
 * Any other errcode is a dead letter: better an admin sees it than it loops.
 */

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: 'developer' | 'trial' | 'formal';
}

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'refused'; errcode: number; errmsg: string }
  | { kind: 'dead'; errcode: number | null; errmsg: string; key: string | null }
  | { kind: 'retry'; errcode: number | null; errmsg: string }
  | { kind: 'uncertain'; errmsg: string };

const DEAD_CODES = new Set([47003, 40003, 40037, 41030]);
const TOKEN_CODES = new Set([40001, 42001]);

/** 47003's errmsg names the key, e.g. "argument invalid! data.thing2.value exceeds limit". */
export function keyInErrmsg(errmsg: string): string | null {
  return /data\.([a-z_]+\d+)/.exec(errmsg)?.[1] ?? null;
}

export function classifyReply(reply: WechatReply): SendOutcome {
  const errcode = reply.errcode ?? 0;
  const errmsg = reply.errmsg ?? '';
  if (errcode === 0) return { kind: 'sent' };
  if (errcode === 43101) return { kind: 'refused', errcode, errmsg };
  if (DEAD_CODES.has(errcode)) return { kind: 'dead', errcode, errmsg, key: errcode === 47003 ? keyInErrmsg(errmsg) : null };
  if (errcode === -1 || TOKEN_CODES.has(errcode) || (errcode >= 45000 && errcode < 46000)) return { kind: 'retry', errcode, errmsg };
  return { kind: 'dead', errcode, errmsg, key: null };
}

async function postOnce(deps: AppDeps, token: string, msg: SubscribeMessage, deliveryKey: string): Promise<SendOutcome | { kind: 'token'; errcode: number }> {
  const url = wechatUrl(deps.config, 'cgi-bin/message/subscribe/send', { access_token: token });
  // the delivery key is for our own tracing (and the test double's duplicate count); WeChat ignores it
  const result = await postWechat(url, { ...msg, lang: 'zh_CN' }, { 'x-cgt-delivery-key': deliveryKey });
  if (!result.ok) {
    if (result.failure === 'no_answer') return { kind: 'uncertain', errmsg: '发送后未收到微信应答，可能已送达' };
    return { kind: 'retry', errcode: null, errmsg: result.failure === 'http' ? `HTTP ${result.status}` : '无法连接微信服务' };
  }
  const errcode = result.reply.errcode ?? 0;
  if (TOKEN_CODES.has(errcode)) return { kind: 'token', errcode };
  return classifyReply(result.reply);
}

export async function sendSubscribeMessage(deps: AppDeps, msg: SubscribeMessage, deliveryKey: string): Promise<SendOutcome> {
  const noToken = (err: unknown): SendOutcome => {
    const e = err instanceof WechatTokenError ? err : null;
    return { kind: 'retry', errcode: e?.errcode ?? null, errmsg: `access_token: ${e?.errmsg ?? 'unavailable'}` };
  };
  let token: string;
  try {
    token = await getAccessToken(deps);
  } catch (err) {
    return noToken(err);
  }
  const first = await postOnce(deps, token, msg, deliveryKey);
  if (first.kind !== 'token') return first;
  try {
    token = await getAccessToken(deps, { rejected: token, force: first.errcode === 40001 });
  } catch (err) {
    return noToken(err);
  }
  const second = await postOnce(deps, token, msg, deliveryKey);
  return second.kind === 'token' ? { kind: 'retry', errcode: second.errcode, errmsg: 'access_token rejected twice' } : second;
}
