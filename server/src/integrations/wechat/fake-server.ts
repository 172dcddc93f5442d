import { createServer, type Server } from 'node:http';

/**
 * Test double of the WeChat server API on loopback (port 0), speaking the documented responses of
 * sns/jscode2session and sns/oauth2/access_token. Codes map to outcomes:
 *   "bad-code" → {errcode:40029, errmsg:'invalid code'}; "busy" → {errcode:45011, ...};
 *   "http-500" → HTTP 500; "hang" → never answers; anything else → success with openid "openid-<code>"
 *   (codes starting "union-" also get a unionid). Every request's path and query is recorded.
 */
export interface FakeWechat {
  url: string;
  requests: { path: string; query: Record<string, string> }[];
  close(): Promise<void>;
}

export async function startFakeWechat(): Promise<FakeWechat> {
  const requests: FakeWechat['requests'] = [];
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(u.searchParams);
    requests.push({ path: u.pathname, query });
    const code = u.pathname === '/sns/jscode2session' ? query.js_code : u.pathname === '/sns/oauth2/access_token' ? query.code : undefined;
    const send = (status: number, body: unknown) => {
      // WeChat labels its JSON text/plain on these endpoints
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (code === undefined) return send(404, { errcode: 40066, errmsg: 'invalid url' });
    if (code === 'hang') return; // left open until the client gives up
    if (code === 'http-500') return send(500, 'internal error');
    if (code === 'bad-code') return send(200, { errcode: 40029, errmsg: 'invalid code' });
    if (code === 'busy') return send(200, { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' });
    const unionid = code.startsWith('union-') ? { unionid: `unionid-${code}` } : {};
    if (u.pathname === '/sns/jscode2session') return send(200, { openid: `openid-${code}`, session_key: `SESSIONKEY-${code}`, ...unionid });
    return send(200, { access_token: `ACCESSTOKEN-${code}`, expires_in: 7200, refresh_token: 'REFRESH', openid: `openid-${code}`, scope: 'snsapi_base', ...unionid });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
