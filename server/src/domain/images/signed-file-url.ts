import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived signed URLs for private files (信访 attachments). An <img src> cannot carry a bearer token, so
 * the server that just checked who may read the case hands out URLs signed for that file and variant until
 * `exp`; GET /api/v1/files/{id} accepts such a signature instead of a token. Expiry is rounded up to a
 * 10-minute step so a page reloaded a minute later gets the same URL (the browser's cache still works),
 * and every URL lives between 30 and 40 minutes.
 */
export const SIGNED_FILE_TTL_S = 30 * 60;
const EXPIRY_STEP_S = 10 * 60;

export type FileVariant = 'main' | 'thumb';

/** A key of its own, derived from the server secret (a file signature can never pass for a token). */
function key(secret: string): Buffer {
  return createHmac('sha256', secret).update('cgt:signed-file-url:v1').digest();
}

function signature(secret: string, id: string, variant: FileVariant, exp: number): string {
  return createHmac('sha256', key(secret)).update(`${id}|${variant}|${exp}`).digest('base64url');
}

export function signedFilePath(secret: string, id: string, variant: FileVariant, now: Date): string {
  const exp = Math.ceil(now.getTime() / 1000 / EXPIRY_STEP_S) * EXPIRY_STEP_S + SIGNED_FILE_TTL_S;
  const base = variant === 'main' ? `/api/v1/files/${id}` : `/api/v1/files/${id}/thumb`;
  return `${base}?exp=${exp}&sig=${signature(secret, id, variant, exp)}`;
}

/** true for an unexpired signature of exactly this file and variant */
export function verifyFileSignature(secret: string, id: string, variant: FileVariant, exp: unknown, sig: unknown, now: Date): boolean {
  if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp)) return false;
  const e = Number(exp);
  if (e * 1000 <= now.getTime()) return false;
  const want = Buffer.from(signature(secret, id, variant, e));
  const got = Buffer.from(sig);
  return got.length === want.length && timingSafeEqual(got, want);
}
