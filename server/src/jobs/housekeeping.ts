import type { AppDeps } from '../deps.js';
import { VERSION_CLAIM_RETENTION_MS } from '../db/versioned-write.js';
import { purgeExpiredRefreshTokens } from '../commands/auth/refresh-tokens.js';
import { purgeExpiredLoginFailures } from '../commands/auth/login-throttle.js';
import { purgeExpiredStaffSessions } from '../services/staff-sessions.js';
import { retireFinalTickets } from '../commands/tickets/retire-hot.js';
import { purgeExpiredAudit } from './audit-retention.js';
import { purgeOldAlerts } from '../commands/notifications/staff-alerts.js';
import { purgeExpiredRateSlots } from '../db/rate-limit.js';

/** How long a completed Idempotency-Key is remembered: clients retry within minutes, a week is generous. */
export const IDEMPOTENCY_RETENTION_DAYS = 7;

/**
 * FerretDB has no TTL indexes, so expiry is a job. Every delete is unconditional on state that another
 * instance could be changing, so running it on N instances at once is harmless.
 * Claims and kernel stamps carry their own `expiresAt` (set by the kernel in server/src/db/); those
 * without one — the sequence claims that keep 信访 case numbers unique — are kept for good.
 */
export async function housekeeping(deps: AppDeps): Promise<Record<string, number>> {
  const now = deps.now();
  const refreshTokens = await purgeExpiredRefreshTokens(deps);
  const staffSessions = await purgeExpiredStaffSessions(deps);
  const loginFailures = await purgeExpiredLoginFailures(deps);
  const idem = await deps.models.IdempotencyKey.deleteMany({
    // the intake desk's numbers (12345 工单号) stay unique for good: their key records are the claim
    _id: { $not: /^intake-no:/ },
    state: 'done',
    createdAt: { $lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * 24 * 3600_000) },
  });
  const claims = await deps.models.Claim.deleteMany({
    $or: [
      { expiresAt: { $lt: now } },
      // version claims written before claims carried expiresAt (sequence claims `seq:…` never expire)
      { expiresAt: { $exists: false }, _id: { $not: /^seq:/ }, at: { $lt: new Date(now.getTime() - VERSION_CLAIM_RETENTION_MS) } },
    ],
  });
  const stamps = await deps.models.KernelStamp.deleteMany({ expiresAt: { $lt: now } });
  const rateSlots = await purgeExpiredRateSlots(deps);
  // the ticket-only claims collection of before the kernel: nothing reads it any more, and its claims
  // lived an hour at most
  const legacy = await deps.connection.collection('ticket_claims').deleteMany({});
  const retiredFromQueue = await retireFinalTickets(deps);
  return {
    retiredFromQueue,
    refreshTokens,
    staffSessions,
    loginFailures,
    idempotencyKeys: idem.deletedCount ?? 0,
    claims: claims.deletedCount + legacy.deletedCount,
    kernelStamps: stamps.deletedCount,
    auditEntries: await purgeExpiredAudit(deps),
    staffAlerts: await purgeOldAlerts(deps),
    rateSlots,
  };
}
