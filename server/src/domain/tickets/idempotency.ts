import { createHash } from 'node:crypto';

/**
 * Idempotency-Key rules. The same key with the same body must return the same result; the same key with
 * a different body is refused. "Same body" means the same canonical JSON of the validated request
 * (keys sorted, so field order and whitespace in the client's JSON do not matter).
 */

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}

/** JSON with object keys sorted recursively; undefined members dropped like JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Keys are scoped to the caller: two residents may happen to pick the same key. */
export function idempotencyRecordId(scope: string, callerId: string, key: string): string {
  return `${scope}:${callerId}:${key}`;
}

/**
 * A claimed key whose creator has not finished: how long a concurrent retry waits for it before
 * completing the work itself (the creator may have crashed between claiming and creating).
 */
export const IDEMPOTENCY_WAIT_MS = 1500;
