/**
 * Timed HTTP calls and their statistics. A response whose status is not the expected one is counted
 * as an error with its status (and first error code), never as a timed success.
 */

export interface Sample {
  ms: number;
  ok: boolean;
  status: number;
  code?: string;
}

export class Series {
  readonly samples: Sample[] = [];
  constructor(readonly name: string) {}
  add(s: Sample) {
    this.samples.push(s);
  }
  summary() {
    const ok = this.samples.filter((s) => s.ok).map((s) => s.ms).sort((a, b) => a - b);
    const errors: Record<string, number> = {};
    for (const s of this.samples) if (!s.ok) errors[`${s.status}${s.code ? ' ' + s.code : ''}`] = (errors[`${s.status}${s.code ? ' ' + s.code : ''}`] ?? 0) + 1;
    // nearest-rank percentiles, rounded to 0.1 ms (finer is noise)
    const r = (v: number | undefined) => (v === undefined ? null : Math.round(v * 10) / 10);
    const q = (p: number) => r(ok[Math.min(ok.length - 1, Math.ceil(p * ok.length) - 1)]);
    return { name: this.name, n: this.samples.length, ok: ok.length, p50: q(0.5), p95: q(0.95), max: r(ok[ok.length - 1]), errors };
  }
}

export type Summary = ReturnType<Series['summary']>;

export interface Client {
  base: string;
  /** one request; returns the parsed body (or null) and records the timing in `series` */
  call<T = unknown>(series: Series | null, method: string, path: string, opts?: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string>; expect?: number[]; timeoutMs?: number }): Promise<{ status: number; body: T | null }>;
}

export function client(base: string): Client {
  return {
    base,
    async call(series, method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body = opts.body;
      if (opts.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(opts.json);
      }
      const t0 = performance.now();
      let status = 0;
      let parsed: unknown = null;
      try {
        const res = await fetch(base + path, { method, headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000) });
        status = res.status;
        const text = await res.text();
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = null;
        }
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        parsed = { error: { code: (err as Error).name === 'TimeoutError' ? 'client_timeout' : `network_error${cause ? ':' + cause : ''}` } };
      }
      const ms = performance.now() - t0;
      const ok = (opts.expect ?? [200]).includes(status);
      series?.add({ ms, ok, status, code: ok ? undefined : ((parsed as { error?: { code?: string } } | null)?.error?.code ?? undefined) });
      return { status, body: parsed as never };
    },
  };
}

/** Runs `fn` `samples` times with `concurrency` in flight, stopping early after `budgetMs`. */
export async function runConcurrent(samples: number, concurrency: number, budgetMs: number, fn: (i: number) => Promise<void>): Promise<void> {
  const deadline = performance.now() + budgetMs;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      // at least a few samples even when each one takes longer than the whole budget
      while (next < samples && (performance.now() < deadline || next < Math.min(samples, 3))) await fn(next++);
    }),
  );
}

/** Pads to a display width: CJK characters take two columns in a terminal. */
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

const fmt = (v: number | null) => (v === null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);

/** One table row: name, samples, p50/p95/max, ratio of p95 to /healthz p95, errors. */
export function row(s: Summary, healthP95: number | null): string {
  const ratio = s.p95 !== null && healthP95 ? `${(s.p95 / healthP95).toFixed(0)}×` : '—';
  const errs = Object.entries(s.errors).map(([k, v]) => `${v}× ${k}`).join(', ');
  return `${padEnd(s.name, 46)} ${String(s.ok).padStart(4)}/${String(s.n).padEnd(4)} ${fmt(s.p50).padStart(10)} ${fmt(s.p95).padStart(10)} ${fmt(s.max).padStart(10)} ${ratio.padStart(8)}${errs ? '  errors: ' + errs : ''}`;
}

export const HEADER = `${'endpoint'.padEnd(46)} ${'ok/n'.padEnd(9)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'max'.padStart(10)} ${'÷healthz'.padStart(8)}`;
