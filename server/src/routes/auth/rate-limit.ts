import { fail } from '../../http/errors.js';

/**
 * Fixed-window counter in memory, per app instance. Enough for one server process: it slows password
 * guessing per IP+username before the per-account lockout kicks in. The clock is injected (deps.now).
 */
export class WindowRateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one attempt; throws 429 rate_limited (with Retry-After) once the window's budget is spent. */
  consume(key: string): void {
    const t = this.now().getTime();
    let entry = this.hits.get(key);
    if (!entry || t - entry.start >= this.windowMs || t < entry.start) {
      if (this.hits.size >= this.maxKeys) this.prune(t);
      entry = { start: t, count: 0 };
      this.hits.set(key, entry);
    }
    entry.count += 1;
    if (entry.count > this.limit) {
      const retryAfter = Math.max(1, Math.ceil((entry.start + this.windowMs - t) / 1000));
      throw fail('rate_limited', [{ message: `请 ${retryAfter} 秒后再试`, retryAfter }], undefined, {
        'Retry-After': String(retryAfter),
      });
    }
  }

  private prune(t: number): void {
    for (const [k, e] of this.hits) if (t - e.start >= this.windowMs) this.hits.delete(k);
    // still full (a flood of distinct keys): drop everything rather than grow without bound
    if (this.hits.size >= this.maxKeys) this.hits.clear();
  }
}
