import { createHash } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import type { ProcessedImage } from '../../domain/images/process.js';
import { shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { newUploadId, relPathFor, removePhoto, storePhoto } from '../../domain/images/storage.js';

/**
 * Files first, then the document: a crash in between leaves only an orphan file, never a document
 * pointing at nothing. If the insert fails the files are removed again.
 */
export async function saveUpload(deps: AppDeps, owner: { kind: 'citizen' | 'staff'; id: string }, image: ProcessedImage) {
  const id = newUploadId();
  const createdAt = deps.now();
  const relPath = relPathFor(id, createdAt);
  await storePhoto(deps.config.DATA_DIR, relPath, image.main, image.thumb);
  const doc = {
    _id: id,
    ownerKind: owner.kind,
    ownerId: owner.id,
    width: image.width,
    height: image.height,
    bytes: image.main.length,
    thumbBytes: image.thumb.length,
    sha256: createHash('sha256').update(image.main).digest('hex'),
    originalType: image.originalType,
    relPath,
    createdAt,
    attachedTo: null,
    attachedAt: null,
    pendingDay: shanghaiDay(createdAt),
  };
  try {
    await deps.models.Upload.create(doc);
  } catch (err) {
    await removePhoto(deps.config.DATA_DIR, relPath).catch(() => undefined);
    throw err;
  }
  return doc;
}
