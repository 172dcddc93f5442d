import { randomUUID } from 'node:crypto';

/**
 * The crash test's load: residents on loopback file reports with photos the way the mini-program does —
 * a request cut off by a reset, a timeout or a 5xx is sent again with the SAME Idempotency-Key and body until
 * it gets an answer. Every 201/200 is an acknowledgement the server must keep. A 4xx other than the protocol's
 * "try again" answers is a failure of the run (recorded, never retried).
 */

export interface Ack {
  index: number;
  key: string;
  token: string;
  description: string;
  ticketId: string;
  trackingNo: string;
  status: number;
  photoIds: string[];
  attempts: number;
}

export interface UploadAck {
  id: string;
  token: string;
}

export interface LoadResult {
  acks: Ack[];
  uploads: UploadAck[];
  /** answers that should not happen (4xx on a valid request, a 2xx without an id) */
  errors: string[];
  /** requests sent again after no answer / a retryable answer */
  retries: number;
  elapsedMs: number;
  /** ms from first send to acknowledgement, per report (includes waiting out a restart) */
  ackLatencies: number[];
}

export interface LoadOptions {
  reports: number;
  residents: number;
  /** every n-th report carries a photo (1 = all) */
  photoEvery: number;
  /** the server's base URL now; null while it is down (the generator waits) */
  baseUrl: () => string | null;
  jpeg: Buffer;
  /** per-request client timeout (the mini-program gives up after ~15 s and asks again) */
  requestTimeoutMs?: number;
  /** give up on one request after this long without an answer: the run fails */
  giveUpMs?: number;
  /** a label in every description, to find this run's tickets */
  runTag: string;
}

/**
 * Where and what the residents report: a 3×3 grid of points 1 km apart around each county seat of the
 * city (all inside their county, checked against the shipped outlines) × four common categories. Real
 * reports spread like this; 5,000 reports of one category at one point would measure the duplicate-hint
 * lookup of a hotspot nobody handles (every report reads all earlier open ones there), not crash safety.
 */
const SEATS: readonly [number, number][] = [
  [29.371814, 113.129684], [29.472745, 113.272312], [29.461106, 113.006435], [29.144066, 113.116418], [29.531057, 112.540463],
  [28.689104, 112.909426], [28.701868, 113.581234], [28.806881, 113.067251], [29.476849, 113.450423],
];
const POINTS = SEATS.flatMap(([lat, lng]) => [-0.01, 0, 0.01].flatMap((dy) => [-0.01, 0, 0.01].map((dx) => ({ lat: lat + dy, lng: lng + dx }))));
const CATEGORIES = [
  ['06010', '路边有暴露垃圾，请清理'],
  ['06011', '路口堆了一堆渣土'],
  ['07001', '电线杆上贴满了小广告'],
  ['09006', '人行道上有占道经营'],
] as const;
/** answers that say "not now, ask again" rather than "no" */
const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  body: Record<string, unknown> | null;
}

async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body: Record<string, unknown> | null = null;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = { raw: text.slice(0, 200) };
  }
  return { status: res.status, body };
}

export function emptyResult(): LoadResult {
  return { acks: [], uploads: [], errors: [], retries: 0, elapsedMs: 0, ackLatencies: [] };
}

/** Runs the load; `result` fills as it goes (the caller may watch it). */
export async function runLoad(o: LoadOptions, result: LoadResult = emptyResult()): Promise<LoadResult> {
  const timeoutMs = o.requestTimeoutMs ?? 15_000;
  const giveUpMs = o.giveUpMs ?? 240_000;
  const started = Date.now();

  /** Sends until there is a final answer; `init` is rebuilt each time (a FormData body is single-use). */
  async function insist(path: string, init: () => RequestInit, what: string, ip: string): Promise<Answer & { attempts: number }> {
    const first = Date.now();
    let attempts = 0;
    for (;;) {
      const base = o.baseUrl();
      if (base) {
        attempts++;
        try {
          const req = init();
          // each resident has their own address, as the bureau's reverse proxy forwards it (TRUST_PROXY)
          req.headers = { ...(req.headers as Record<string, string>), 'x-forwarded-for': ip };
          const a = await send(`${base}${path}`, req, timeoutMs);
          if (!RETRYABLE.has(a.status)) return { ...a, attempts };
        } catch {
          /* reset, refused, timeout: the server may or may not have done it — ask again with the same key */
        }
        result.retries++;
      }
      if (Date.now() - first > giveUpMs) throw new Error(`${what}: no answer within ${giveUpMs} ms`);
      await sleep(base ? 300 + Math.random() * 700 : 200);
    }
  }

  const json = (method: string, body: unknown, token?: string, key?: string) => (): RequestInit => ({
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });

  let next = 0;
  async function resident(r: number): Promise<void> {
    const ip = `10.77.${Math.floor(r / 250)}.${(r % 250) + 1}`;
    const login = await insist('/api/v1/auth/demo', json('POST', { nickname: `${o.runTag}-居民${r}` }), 'login', ip);
    const token = login.body?.token as string | undefined;
    if (login.status !== 200 || !token) {
      result.errors.push(`login ${r}: ${login.status} ${JSON.stringify(login.body)}`);
      return;
    }
    for (let i = next++; i < o.reports; i = next++) {
      const t0 = Date.now();
      const photoIds: string[] = [];
      if (i % o.photoEvery === 0) {
        const up = await insist(
          '/api/v1/uploads',
          () => {
            const form = new FormData();
            form.append('file', new Blob([new Uint8Array(o.jpeg)], { type: 'image/jpeg' }), `p${i}.jpg`);
            return { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form };
          },
          `upload ${i}`,
          ip,
        );
        if (up.status !== 201 || typeof up.body?.id !== 'string') {
          result.errors.push(`upload ${i}: ${up.status} ${JSON.stringify(up.body)}`);
          continue;
        }
        result.uploads.push({ id: up.body.id, token });
        photoIds.push(up.body.id);
      }
      const key = randomUUID();
      const [categoryCode, what] = CATEGORIES[i % CATEGORIES.length]!;
      const description = `${o.runTag} 第${i}号：${what}`;
      const body = { categoryCode, description, location: POINTS[Math.floor(i / CATEGORIES.length) % POINTS.length], address: `测试路${i}号`, photoIds };
      const rep = await insist('/api/v1/reports', json('POST', body, token, key), `report ${i}`, ip);
      if ((rep.status !== 201 && rep.status !== 200) || typeof rep.body?.id !== 'string') {
        result.errors.push(`report ${i}: ${rep.status} ${JSON.stringify(rep.body)}`);
        continue;
      }
      result.acks.push({ index: i, key, token, description, ticketId: rep.body.id, trackingNo: String(rep.body.trackingNo), status: rep.status, photoIds, attempts: rep.attempts });
      result.ackLatencies.push(Date.now() - t0);
    }
  }

  await Promise.all(Array.from({ length: o.residents }, (_, r) => resident(r)));
  result.elapsedMs = Date.now() - started;
  return result;
}

export function p95(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}
