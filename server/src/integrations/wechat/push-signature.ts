import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Message push (消息推送) signature: sha1 of the token, timestamp and nonce sorted as strings and joined
 * (the platform's rule). A timestamp further than MAX_SKEW_S from our clock is refused as a replay.
 */
export const MAX_SKEW_S = 300;

export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export function verifyPushSignature(token: string, q: { signature?: string; timestamp?: string; nonce?: string }, now: Date): boolean {
  if (!token || !q.signature || !q.timestamp || !q.nonce) return false;
  const ts = Number(q.timestamp);
  if (!Number.isFinite(ts) || Math.abs(now.getTime() / 1000 - ts) > MAX_SKEW_S) return false;
  const expected = Buffer.from(pushSignature(token, q.timestamp, q.nonce));
  const given = Buffer.from(q.signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
