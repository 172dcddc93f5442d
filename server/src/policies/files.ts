import type { Context } from 'koa';
import type { AppDeps } from '../deps.js';
import { verifyFileSignature, type FileVariant } from '../domain/images/signed-file-url.js';
import { authenticate } from '../http/auth.js';
import { fail } from '../http/errors.js';
import { findComplaint } from '../commands/complaints/common.js';
import { assertCanSeeComplaint, assertOwnComplaint, requireComplaintStaff } from './complaints.js';

/**
 * Who may fetch a stored photo (GET /api/v1/files/{id}):
 * - ticket photos (and uploads not attached yet): anyone with the URL — the id is 128 random bits, and an
 *   Open311 client's `media_url` or a resident's <img> must work without a token;
 * - 信访 attachments: the case's resident or the complaint office (complaint_officer/admin within their
 *   districts), either by bearer token or by a short-lived URL the server signed when it showed them the case
 *   (domain/images/signed-file-url.ts). Anyone else: 401 without credentials, 404 with someone else's.
 * Returns true for a private file (the route then forbids shared caches).
 */
export async function assertMayReadFile(
  ctx: Context,
  deps: AppDeps,
  upload: { _id: string; attachedTo?: { kind: string; id: string } | null },
  variant: FileVariant,
): Promise<boolean> {
  const target = upload.attachedTo ?? (await claimedTarget(deps, upload._id));
  if (target?.kind !== 'complaint') return false;
  if (verifyFileSignature(deps.config.JWT_SECRET, upload._id, variant, ctx.query.exp, ctx.query.sig, deps.now())) return true;
  if (!ctx.get('authorization')) throw fail('unauthorized', [], '信访附件仅限信访人本人和信访工作人员查看，请登录后从信访件打开');
  const principal = await authenticate(ctx, deps, 'any');
  const complaint = await findComplaint(deps, target.id);
  if (principal.kind === 'citizen') assertOwnComplaint(principal.userId, complaint);
  else assertCanSeeComplaint(requireComplaintStaff(principal), complaint);
  return true;
}

/** The claim is the truth and Upload.attachedTo its mirror: a writer that stopped between the two leaves only the claim. */
async function claimedTarget(deps: AppDeps, id: string): Promise<{ kind: string; id: string } | null> {
  const claim = await deps.models.UploadClaim.findById(id, { targetKind: 1, targetId: 1 }).lean();
  return claim ? { kind: claim.targetKind, id: claim.targetId } : null;
}
