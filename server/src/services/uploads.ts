import type { AppDeps } from '../deps.js';
import { isDuplicateKey } from '../db/claims.js';
import { AppError, fail, type ErrorDetail } from '../http/errors.js';
import { signedFilePath } from '../domain/images/signed-file-url.js';

/**
 * Uploads as other features see them: a report or a ticket resolution validates the caller's photo ids,
 * then claims them. A claim is an insert into upload_claims with the upload id as _id: the embedded
 * FerretDB does not execute a conditional update atomically (two racing updateOne({attachedTo: null})
 * both "succeed"), but it always refuses a duplicate _id. Ids are claimed one by one in sorted order so
 * that two concurrent attaches of overlapping sets collide on the same (lowest shared) id first:
 * exactly one wins and the loser gives back what it took. Upload.attachedTo mirrors the claim for reads.
 */

export interface UploadRef {
  id: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

export interface UploadOwner {
  kind: 'citizen' | 'staff';
  id: string;
}

export interface UploadTarget {
  kind: 'ticket' | 'complaint' | string;
  id: string;
}

/** Server-generated ids: 128 random bits as 32 lowercase hex chars. Anything else cannot exist. */
export const UPLOAD_ID_RE = /^[0-9a-f]{32}$/;

export const fileUrl = (id: string) => `/api/v1/files/${id}`;
export const thumbUrl = (id: string) => `/api/v1/files/${id}/thumb`;

interface UploadLike {
  _id: unknown;
  width: number;
  height: number;
}

export function uploadRef(doc: UploadLike): UploadRef {
  const id = String(doc._id);
  return { id, url: fileUrl(id), thumbnailUrl: thumbUrl(id), width: doc.width, height: doc.height };
}

/** Refs in the order given; ids that no longer exist are skipped (one _id lookup each: pushed down on FerretDB). */
export async function getUploadRefs(deps: AppDeps, ids: string[]): Promise<UploadRef[]> {
  const docs = await Promise.all(ids.map((id) => (UPLOAD_ID_RE.test(id) ? deps.models.Upload.findById(id).lean() : null)));
  return docs.filter((d): d is NonNullable<typeof d> => d !== null).map(uploadRef);
}

/**
 * Refs of private files (信访 attachments) for a caller the route has just authorised: URLs signed for a
 * short while, so they work in <img> (policies/files.ts checks them).
 */
export async function getPrivateUploadRefs(deps: AppDeps, ids: string[]): Promise<UploadRef[]> {
  const now = deps.now();
  const secret = deps.config.JWT_SECRET;
  return (await getUploadRefs(deps, ids)).map((r) => ({
    ...r,
    url: signedFilePath(secret, r.id, 'main', now),
    thumbnailUrl: signedFilePath(secret, r.id, 'thumb', now),
  }));
}

const sameTarget = (a: { kind: string; id: string } | null | undefined, b: UploadTarget | undefined) =>
  !!a && !!b && a.kind === b.kind && a.id === b.id;

const MSG_MISSING = '照片不存在或已过期，请重新上传';
const MSG_IN_USE = '照片已被其他记录使用，请重新上传';
const MSG_DUPLICATE = '同一张照片不能重复提交';

function invalid(details: ErrorDetail[]): AppError {
  return fail('invalid_upload', details, '照片无效，请重新上传');
}

/**
 * Checks, without changing anything, that every id exists, belongs to `owner` (a staff upload only to the
 * same staff user) and is free, or already attached to `target` (so a retried request passes).
 * Someone else's upload is reported as missing: its existence is not revealed. Throws 422 invalid_upload.
 */
export async function validateUploadsOwned(
  deps: AppDeps,
  ids: string[],
  owner: UploadOwner,
  field = 'photoIds',
  target?: UploadTarget,
): Promise<UploadRef[]> {
  const details: ErrorDetail[] = [];
  const refs: UploadRef[] = [];
  const seen = new Set<string>();
  const docs = await Promise.all(ids.map((id) => (UPLOAD_ID_RE.test(id) ? deps.models.Upload.findById(id).lean() : null)));
  ids.forEach((id, i) => {
    const doc = docs[i];
    if (seen.has(id)) return details.push({ field: `${field}[${i}]`, message: MSG_DUPLICATE });
    seen.add(id);
    if (!doc || doc.ownerKind !== owner.kind || doc.ownerId !== owner.id) return details.push({ field: `${field}[${i}]`, message: MSG_MISSING });
    if (doc.attachedTo && !sameTarget(doc.attachedTo, target)) return details.push({ field: `${field}[${i}]`, message: MSG_IN_USE });
    refs.push(uploadRef(doc));
  });
  if (details.length) throw invalid(details);
  return refs;
}

/**
 * Validates, then claims every upload for `target`. Idempotent: uploads already attached to the same
 * target count as success, so a caller whose first attempt failed half-way can simply retry.
 * If a concurrent request claims one of the ids first, the claims this call made are released again
 * and 422 invalid_upload names the lost id.
 */
export async function attachUploads(
  deps: AppDeps,
  ids: string[],
  owner: UploadOwner,
  target: UploadTarget,
  field = 'photoIds',
): Promise<UploadRef[]> {
  const refs = await validateUploadsOwned(deps, ids, owner, field, target);
  const { Upload, UploadClaim } = deps.models;
  const order = ids.map((id, i) => ({ id, i })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const claimed: string[] = [];
  for (const { id, i } of order) {
    try {
      await UploadClaim.create({ _id: id, targetKind: target.kind, targetId: target.id, at: deps.now() });
      claimed.push(id);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const claim = await UploadClaim.findById(id).lean();
      if (claim && claim.targetKind === target.kind && claim.targetId === target.id) continue; // ours already (a retry)
      // only this call created these claims, and nobody else can take a claimed id: plain deletes are safe
      await Promise.all(claimed.map((c) => UploadClaim.deleteOne({ _id: c })));
      throw invalid([{ field: `${field}[${i}]`, message: claim?.targetKind === 'purge' ? MSG_MISSING : MSG_IN_USE }]);
    }
  }
  // a purge may have deleted an upload between our validation and our claim (it drops its own claim
  // after deleting the document): with the claims held, nothing can delete them any more, so check now
  const after = await Promise.all(claimed.map((id) => Upload.exists({ _id: id })));
  const gone = claimed.findIndex((_, k) => !after[k]);
  if (gone >= 0) {
    await Promise.all(claimed.map((c) => UploadClaim.deleteOne({ _id: c })));
    throw invalid([{ field: `${field}[${ids.indexOf(claimed[gone]!)}]`, message: MSG_MISSING }]);
  }
  // the claims are held, so these writes are uncontended; on a retry they also repair a crash that
  // happened between claiming and marking
  const at = deps.now();
  await Promise.all(ids.map((id) => Upload.updateOne({ _id: id }, { $set: { attachedTo: { kind: target.kind, id: target.id }, attachedAt: at, pendingDay: null } })));
  return refs;
}
