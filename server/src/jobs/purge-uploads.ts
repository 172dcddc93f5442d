import type { AppDeps } from '../deps.js';
import { isDuplicateKey } from '../db/claims.js';
import { removePhoto } from '../domain/images/storage.js';

/**
 * Deletes uploads nobody attached within `olderThanHours` (files and documents); returns how many.
 * Safe with several instances and concurrently with attachUploads: before deleting, the job takes the
 * upload's claim (insert into upload_claims, the one compare-and-set the embedded FerretDB guarantees).
 * If a report claimed the upload first, the upload is kept (and its attachedTo repaired if an attach
 * crashed before marking it); if another purger holds the claim, this one finishes the same idempotent work.
 */
export async function purgeUnattachedUploads(deps: AppDeps, opts: { olderThanHours: number } = { olderThanHours: 24 }): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - opts.olderThanHours * 3600 * 1000);
  const { Upload, UploadClaim } = deps.models;
  const stale = await Upload.find({ attachedTo: null, createdAt: { $lt: cutoff } }, { _id: 1, relPath: 1 })
    .limit(1000)
    .lean();
  let purged = 0;
  for (const u of stale) {
    try {
      await UploadClaim.create({ _id: u._id, targetKind: 'purge', targetId: 'purge', at: deps.now() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const claim = await UploadClaim.findById(u._id).lean();
      if (claim && claim.targetKind !== 'purge') {
        await Upload.updateOne({ _id: u._id }, { $set: { attachedTo: { kind: claim.targetKind, id: claim.targetId }, attachedAt: claim.at } });
        continue;
      }
    }
    await removePhoto(deps.config.DATA_DIR, u.relPath).catch((err: unknown) => {
      deps.logger.warn({ err, upload: u._id }, 'purge: could not remove files');
    });
    const res = await Upload.deleteOne({ _id: u._id });
    await UploadClaim.deleteOne({ _id: u._id, targetKind: 'purge' });
    if (res.deletedCount === 1) purged++;
  }
  return purged;
}
