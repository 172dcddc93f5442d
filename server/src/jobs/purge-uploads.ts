import type { AppDeps } from '../deps.js';
import { isDuplicateKey } from '../db/claims.js';
import { removePhoto } from '../domain/images/storage.js';
import { shanghaiDay } from '../domain/tickets/queue-cells.js';

/**
 * Deletes uploads nobody attached within `olderThanHours` (files and documents); returns how many.
 * Safe with several instances and concurrently with attachUploads: before deleting, the job takes the
 * upload's claim (insert into upload_claims, the one compare-and-set the embedded FerretDB guarantees).
 * If a report claimed the upload first, the upload is kept (and its attachedTo repaired if an attach
 * crashed before marking it); if another purger holds the claim, this one finishes the same idempotent work.
 *
 * Unattached uploads are found by `pendingDay` equality, one day at a time over the LOOKBACK_DAYS up to
 * the cutoff (FerretDB pushes neither `attachedTo: null` nor a createdAt range down: the old read decoded
 * every upload, 75 s at 447,000, every hour). Uploads written before `pendingDay` existed are dated once.
 */

/** how far behind the cutoff a stale upload is still looked for (a job stopped for longer leaves them be) */
const LOOKBACK_DAYS = 30;
const PAGE = 1000;
const DAY = 86400_000;
const LEGACY_STAMP = 'uploads_pending_day';

type Stale = { _id: string; relPath: string; createdAt: Date; attachedTo: unknown };

export async function purgeUnattachedUploads(deps: AppDeps, opts: { olderThanHours: number } = { olderThanHours: 24 }): Promise<number> {
  await dateLegacyUploads(deps);
  const cutoff = new Date(deps.now().getTime() - opts.olderThanHours * 3600 * 1000);
  let purged = 0;
  for (let back = LOOKBACK_DAYS; back >= 0; back--) {
    const day = shanghaiDay(new Date(cutoff.getTime() - back * DAY));
    const rows = await deps.models.Upload.find({ pendingDay: day }, { _id: 1, relPath: 1, createdAt: 1, attachedTo: 1 }).limit(PAGE).lean<Stale[]>();
    for (const u of rows) if (!u.attachedTo && u.createdAt.getTime() < cutoff.getTime()) purged += await purgeOne(deps, u);
  }
  return purged;
}

async function purgeOne(deps: AppDeps, u: Stale): Promise<number> {
  const { Upload, UploadClaim } = deps.models;
  try {
    await UploadClaim.create({ _id: u._id, targetKind: 'purge', targetId: 'purge', at: deps.now() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const claim = await UploadClaim.findById(u._id).lean();
    if (claim && claim.targetKind !== 'purge') {
      await Upload.updateOne({ _id: u._id }, { $set: { attachedTo: { kind: claim.targetKind, id: claim.targetId }, attachedAt: claim.at, pendingDay: null } });
      return 0;
    }
  }
  await removePhoto(deps.config.DATA_DIR, u.relPath).catch((err: unknown) => {
    deps.logger.warn({ err, upload: u._id }, 'purge: could not remove files');
  });
  const res = await Upload.deleteOne({ _id: u._id });
  await UploadClaim.deleteOne({ _id: u._id, targetKind: 'purge' });
  return res.deletedCount === 1 ? 1 : 0;
}

/**
 * Once per database: the unattached uploads written before `pendingDay` get it from their createdAt. This
 * is the one full read of the uploads (the old purge's), done once and stamped; repeating it is harmless.
 */
async function dateLegacyUploads(deps: AppDeps): Promise<void> {
  const { Upload, SeedStamp } = deps.models;
  if (await SeedStamp.exists({ _id: LEGACY_STAMP })) return;
  let dated = 0;
  for (;;) {
    const rows = await Upload.find({ attachedTo: null, pendingDay: { $exists: false } }, { _id: 1, createdAt: 1 }).limit(PAGE).lean<{ _id: string; createdAt: Date }[]>();
    for (const u of rows) await Upload.updateOne({ _id: u._id, attachedTo: null }, { $set: { pendingDay: shanghaiDay(u.createdAt) } });
    dated += rows.length;
    if (rows.length < PAGE) break;
  }
  await SeedStamp.replaceOne({ _id: LEGACY_STAMP }, { _id: LEGACY_STAMP, version: 'done', count: dated }, { upsert: true });
}
