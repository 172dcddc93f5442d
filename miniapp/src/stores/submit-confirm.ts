/**
 * What a submit's outcome means for the draft. Pure (no Taro): unit-tested in node.
 *
 * A POST that got no usable answer (timeout, dropped connection, a gateway giving up, the rate limiter in
 * front of the server) may have filed the ticket all the same. Such an outcome is "unknown", never a
 * failure: the page re-sends the SAME body with the SAME Idempotency-Key until the server answers — the
 * server replays the stored result of a key it has seen — and keeps the draft locked meanwhile, because an
 * edited body under a used key is refused (idempotency_key_reused).
 */
import { ApiError } from '../services/errors'

/** true when the answer was lost or says nothing about the ticket: ask again with the same key */
export function answerLost(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false
  return e.status === 0 || e.status === 429 || e.status === 502 || e.status === 503 || e.status === 504
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000]

/** Wait before confirmation attempt `n` (0-based): 1 s doubling to 15 s, ±20 % so many phones do not ask in step. */
export function confirmBackoffMs(n: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(Math.max(n, 0), BACKOFF_MS.length - 1)]!
  return Math.round(base * (0.8 + 0.4 * random()))
}
