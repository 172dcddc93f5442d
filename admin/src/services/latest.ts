/**
 * Only the newest answer counts. A list that asks again (a filter changed, a tab switched, a page turned) no longer
 * wants the previous answer: the previous call is aborted (its fetch is cancelled when the signal was passed on) and,
 * should its answer arrive anyway, it is reported as stale so the caller drops it instead of painting old rows.
 */
export type Latest<R> = { stale: true } | { stale: false; value: R };

export interface LatestGate {
  /** Runs `task` as the newest call; every earlier call still running becomes stale. */
  run<R>(task: (signal: AbortSignal) => Promise<R>): Promise<Latest<R>>;
  /** Makes every running call stale (the list was left). */
  cancel(): void;
}

export function createLatestGate(): LatestGate {
  let current: AbortController | null = null;
  return {
    async run<R>(task: (signal: AbortSignal) => Promise<R>): Promise<Latest<R>> {
      current?.abort();
      const mine = new AbortController();
      current = mine;
      try {
        const value = await task(mine.signal);
        return mine.signal.aborted ? { stale: true } : { stale: false, value };
      } catch (err) {
        // an answer nobody waits for any more is not an error either
        if (mine.signal.aborted) return { stale: true };
        throw err;
      } finally {
        if (current === mine) current = null;
      }
    },
    cancel() {
      current?.abort();
      current = null;
    },
  };
}
