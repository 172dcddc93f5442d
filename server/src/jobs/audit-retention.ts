import type { AppDeps } from '../deps.js';
import { shanghaiDateString as shanghaiDay } from '@cgt/shared/calendar/working-time';

const STAMP = 'audit_retention';

/**
 * Deletes audit entries older than AUDIT_RETENTION_DAYS (config: at least 180 — 等保 三级 keeps audit
 * records six months or more; default 365). Nothing younger is ever touched: the only filter is
 * `at < now − days`. The scan (a range: FerretDB reads the collection in its memory) runs once a day,
 * whichever instance's housekeeping gets there first; the others see the day's stamp and skip.
 */
export async function purgeExpiredAudit(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const today = shanghaiDay(now);
  const stamp = await deps.models.SeedStamp.findById(STAMP).lean();
  if (stamp?.version === today) return 0;
  const cutoff = new Date(now.getTime() - deps.config.AUDIT_RETENTION_DAYS * 24 * 3600_000);
  const r = await deps.models.AuditLog.deleteMany({ at: { $lt: cutoff } });
  await deps.models.SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: today, count: r.deletedCount }, { upsert: true });
  return r.deletedCount;
}
