import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * Test double of the WeChat server API on loopback (port 0), speaking the documented responses.
 *
 * Login (GET sns/jscode2session, sns/oauth2/access_token), by code:
 *   "bad-code" → {errcode:40029, errmsg:'invalid code'}; "busy" → {errcode:45011, ...};
 *   "http-500" → HTTP 500; "hang" → never answers; anything else → success with openid "openid-<code>"
 *   (codes starting "union-" also get a unionid).
 * Access token (POST cgi-bin/stable_token): a new token `TOKEN-<n>` when none is current, the current one
 *   is expired, or force_refresh is true; `tokenTtlSeconds` sets expires_in.
 * Subscribe message (POST cgi-bin/message/subscribe/send?access_token=): 40001 for a token that is not the
 *   current one, 42001 for an expired one; otherwise the next entry of `sendReplies` (an errcode, or
 *   'http-500' / 'hang' / 'drop' — 'drop' accepts the message and then cuts the connection, a lost
 *   response), or success. Every accepted message is kept in `messages`, with the delivery key our
 *   server sends in `x-cgt-delivery-key`.
 * Content security (POST wxa/msg_sec_check, wxa/media_check_async): text containing 赌博/诈骗 is risky, text
 *   containing "http-500" gets HTTP 500; every answer carries a trace id `trace-<n>`.
 * Every request's path, query and body is recorded in `requests`.
 */
export type FakeSendReply = number | { errcode: number; errmsg: string } | 'http-500' | 'hang' | 'drop';

export interface FakeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  deliveryKey: string | null;
}

export interface FakeWechat {
  url: string;
  requests: { path: string; query: Record<string, string>; body?: unknown }[];
  /** messages WeChat accepted (errcode 0, or 'drop'), in order */
  messages: FakeMessage[];
  /** scripted answers to the next send calls, consumed first to last */
  sendReplies: FakeSendReply[];
  tokenTtlSeconds: number;
  /** tokens issued so far (index + 1 = n of TOKEN-<n>), and how many with force_refresh */
  tokensIssued: number;
  forcedRefreshes: number;
  /** trace ids issued by the content-check endpoints (trace-<n>) */
  traces: number;
  /** another party forced a refresh: the token our server holds is no longer the latest (→ 40001) */
  invalidateToken(): void;
  /** the current token expires now (→ 42001 until a new one is fetched) */
  expireToken(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeWechat(): Promise<FakeWechat> {
  let current: { token: string; expiresAt: number } | null = null;
  const fake: FakeWechat = {
    url: '',
    requests: [],
    messages: [],
    sendReplies: [],
    tokenTtlSeconds: 7200,
    tokensIssued: 0,
    forcedRefreshes: 0,
    traces: 0,
    invalidateToken() {
      fake.tokensIssued++;
      current = { token: `TOKEN-${fake.tokensIssued}`, expiresAt: Date.now() + fake.tokenTtlSeconds * 1000 };
    },
    expireToken() {
      if (current) current.expiresAt = Date.now();
    },
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(u.searchParams);
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      fake.requests.push({ path: u.pathname, query, ...(body === undefined ? {} : { body }) });
      const send = (status: number, reply: unknown) => {
        // WeChat labels its JSON text/plain on these endpoints
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(typeof reply === 'string' ? reply : JSON.stringify(reply));
      };
      if (u.pathname === '/cgi-bin/stable_token') {
        const b = (body ?? {}) as { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
        if (b.grant_type !== 'client_credential' || !b.appid || !b.secret) return send(200, { errcode: 40002, errmsg: 'invalid grant_type' });
        if (b.force_refresh) fake.forcedRefreshes++;
        if (!current || current.expiresAt <= Date.now() || b.force_refresh) {
          fake.tokensIssued++;
          current = { token: `TOKEN-${fake.tokensIssued}`, expiresAt: Date.now() + fake.tokenTtlSeconds * 1000 };
        }
        return send(200, { access_token: current.token, expires_in: Math.max(0, Math.round((current.expiresAt - Date.now()) / 1000)) });
      }
      if (u.pathname === '/wxa/msg_sec_check' || u.pathname === '/wxa/media_check_async') {
        if (!current || query.access_token !== current.token) return send(200, { errcode: 40001, errmsg: 'invalid credential' });
        const b = (body ?? {}) as { content?: string; media_url?: string };
        fake.traces++;
        const trace_id = `trace-${fake.traces}`;
        if (u.pathname === '/wxa/media_check_async') return send(200, { errcode: 0, errmsg: 'ok', trace_id });
        if (b.content?.includes('http-500')) return send(500, 'internal error');
        const risky = /赌博|诈骗/.test(b.content ?? '');
        return send(200, { errcode: 0, errmsg: 'ok', trace_id, result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20006 : 100 }, detail: [] });
      }
      if (u.pathname === '/cgi-bin/message/subscribe/send') {
        const token = query.access_token;
        if (!current || token !== current.token) return send(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        if (current.expiresAt <= Date.now()) return send(200, { errcode: 42001, errmsg: 'access_token expired' });
        const reply = fake.sendReplies.shift();
        if (reply === 'hang') return;
        if (reply === 'http-500') return send(500, 'internal error');
        const m = (body ?? {}) as Omit<FakeMessage, 'deliveryKey'>;
        const deliveryKey = typeof req.headers['x-cgt-delivery-key'] === 'string' ? req.headers['x-cgt-delivery-key'] : null;
        if (reply === 'drop') {
          fake.messages.push({ ...m, deliveryKey });
          res.socket?.destroy();
          return;
        }
        if (typeof reply === 'number') return send(200, { errcode: reply, errmsg: `errcode ${reply}` });
        if (reply) return send(200, reply);
        fake.messages.push({ ...m, deliveryKey });
        return send(200, { errcode: 0, errmsg: 'ok', msgid: 1000 + fake.messages.length });
      }
      const code = u.pathname === '/sns/jscode2session' ? query.js_code : u.pathname === '/sns/oauth2/access_token' ? query.code : undefined;
      if (code === undefined) return send(404, { errcode: 40066, errmsg: 'invalid url' });
      if (code === 'hang') return; // left open until the client gives up
      if (code === 'http-500') return send(500, 'internal error');
      if (code === 'bad-code') return send(200, { errcode: 40029, errmsg: 'invalid code' });
      if (code === 'busy') return send(200, { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' });
      const unionid = code.startsWith('union-') ? { unionid: `unionid-${code}` } : {};
      if (u.pathname === '/sns/jscode2session') return send(200, { openid: `openid-${code}`, session_key: `SESSIONKEY-${code}`, ...unionid });
      return send(200, { access_token: `ACCESSTOKEN-${code}`, expires_in: 7200, refresh_token: 'REFRESH', openid: `openid-${code}`, scope: 'snsapi_base', ...unionid });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}
