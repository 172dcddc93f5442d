/**
 * Per-user sliding-window counter for upload attempts, kept in process memory: with N instances a user
 * gets at most N × limit, which is still a hard bound on image-decoding work (the expensive part) and
 * needs no extra database round trip per upload. Time comes from the injected clock.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** records a hit and returns 0, or returns the seconds until a slot frees up (nothing recorded) */
  take(key: string, now: number): number {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      return Math.max(1, Math.ceil((list[0]! + this.windowMs - now) / 1000));
    }
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.sweep(since);
    return 0;
  }

  private sweep(since: number): void {
    for (const [k, list] of this.hits) if (!list.some((t) => t > since)) this.hits.delete(k);
  }
}
