import { parseCaseNo } from '@cgt/shared/complaint/case-no';
import { computeComplaintDeadlines, officeDeadline, type ComplaintDeadlines } from '@cgt/shared/complaint/deadlines';
import type { ComplaintState } from '@cgt/shared/complaint/machine';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { AppError, fail } from '../../http/errors.js';
import { versionedWrite, type VersionedUpdate } from '../../db/versioned-write.js';
import type { ComplaintActor, ComplaintRecord } from '../../models/complaint.js';
import { recordAudit } from '../../services/audit.js';
import { syncComplaintProjections } from './projections.js';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';

/** Loading a complaint, and the one guarded write every change goes through. */

export const OFFICE_LABEL = '信访办';
export const PETITIONER_LABEL = '信访人';

export function staffComplaintActor(p: StaffPrincipal): ComplaintActor {
  return { kind: 'staff', id: p.userId, name: p.displayName, label: OFFICE_LABEL };
}
export function citizenComplaintActor(citizenId: string): ComplaintActor {
  return { kind: 'citizen', id: citizenId, name: '', label: PETITIONER_LABEL };
}

/** Fields lists never need. */
export const LIST_PROJECTION = { timeline: 0, replies: 0, content: 0, facts: 0, 'petitioner.idNumberEnc': 0 } as const;

/** By ObjectId or by case number (YYXF2026-000123); null when neither matches. */
export async function findComplaint(deps: AppDeps, idOrCaseNo: string): Promise<ComplaintRecord | null> {
  const { Complaint } = deps.models;
  if (OBJECT_ID_RE.test(idOrCaseNo)) return (await Complaint.findById(idOrCaseNo).lean()) as ComplaintRecord | null;
  if (parseCaseNo(idOrCaseNo)) return (await Complaint.findOne({ caseNo: idOrCaseNo.trim().toUpperCase() }).lean()) as ComplaintRecord | null;
  return null;
}

export type Milestones = Pick<
  ComplaintRecord,
  'registeredAt' | 'acceptedAt' | 'concludedAt' | 'reviewRequestedAt' | 'reviewConcludedAt' | 'recheckRequestedAt' | 'extension'
>;

/** Deadlines and the denormalised office due date for a complaint in `status` with these milestones. */
export function scheduleOf(status: ComplaintState, m: Milestones): { deadlines: ComplaintDeadlines; officeDueAt: Date | null } {
  const deadlines = computeComplaintDeadlines({
    registeredAt: m.registeredAt,
    acceptedAt: m.acceptedAt,
    extensionDays: m.extension?.days ?? 0,
    concludedAt: m.concludedAt,
    reviewRequestedAt: m.reviewRequestedAt,
    reviewConcludedAt: m.reviewConcludedAt,
    recheckRequestedAt: m.recheckRequestedAt,
  });
  return { deadlines, officeDueAt: officeDeadline(status, deadlines)?.at ?? null };
}

export function conflictError(version?: number): AppError {
  const detail = { field: 'version', message: version === undefined ? '信访件已变更' : `当前版本 ${version}` };
  return fail('conflict', [detail], '信访件已被他人处理，请刷新后重试');
}

export function invalidTransition(message = '当前状态下不能执行该操作'): AppError {
  return fail('invalid_transition', [{ field: 'action', message }], message);
}

/**
 * Every write: the kernel's versioned write (db/versioned-write.ts: claim the version, then one update
 * filtered on _id + version + the status the caller checked). Throws 409 conflict when another writer
 * got there first.
 */
export async function writeComplaint(
  deps: AppDeps,
  c: Pick<ComplaintRecord, '_id' | 'version' | 'status'>,
  by: string,
  update: Pick<VersionedUpdate, '$set' | '$push'>,
): Promise<ComplaintRecord> {
  const updated = await versionedWrite<ComplaintRecord>(deps.models, {
    kind: 'complaint',
    model: deps.models.Complaint,
    id: c._id,
    version: c.version,
    guard: { status: c.status },
    update: { ...update, $set: { ...update.$set, updatedAt: deps.now() } },
    by,
  });
  if (updated) {
    // the list row, open set and counts follow the case (commands/complaints/projections.ts)
    await syncComplaintProjections(deps, updated);
    return updated;
  }
  const now = await deps.models.Complaint.findById(c._id, { version: 1 }).lean();
  if (!now) throw fail('not_found', [], '信访件不存在');
  throw conflictError(now.version);
}

/** The audit entry of a change to a case, by whoever changed it (the case's actor is the audit actor). */
export function auditComplaint(
  deps: AppDeps,
  actor: ComplaintActor,
  ip: string,
  action: string,
  c: Pick<ComplaintRecord, '_id' | 'caseNo'>,
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(deps, {
    actor: { kind: actor.kind, id: actor.id, name: actor.name },
    action,
    targetType: 'complaint',
    targetId: String(c._id),
    ip,
    details: { caseNo: c.caseNo, ...details },
  });
}
