import type { AppDeps } from '../deps.js';
import { purgeExpiredRefreshTokens } from '../routes/auth/refresh-tokens.js';

/** How long a completed Idempotency-Key is remembered: clients retry within minutes, a week is generous. */
export const IDEMPOTENCY_RETENTION_DAYS = 7;
/** Version claims only matter while two writers race; a day later they are history. */
export const CLAIM_RETENTION_HOURS = 24;

/**
 * FerretDB has no TTL indexes, so expiry is a job. Every delete is unconditional on state that another
 * instance could be changing, so running it on N instances at once is harmless.
 * Sequence claims (`seq:…`) are kept: they are what makes tracking and case numbers unique.
 */
export async function housekeeping(deps: AppDeps): Promise<Record<string, number>> {
  const now = deps.now().getTime();
  const refreshTokens = await purgeExpiredRefreshTokens(deps);
  const idem = await deps.models.IdempotencyKey.deleteMany({
    state: 'done',
    createdAt: { $lt: new Date(now - IDEMPOTENCY_RETENTION_DAYS * 24 * 3600_000) },
  });
  const claims = await deps.models.CasClaim.deleteMany({
    _id: { $not: /^seq:/ },
    at: { $lt: new Date(now - CLAIM_RETENTION_HOURS * 3600_000) },
  });
  return { refreshTokens, idempotencyKeys: idem.deletedCount ?? 0, claims: claims.deletedCount ?? 0 };
}
