import { Types } from 'mongoose';
import { maskIdNumber } from '@cgt/shared/complaint/id-number';
import type { ComplaintChannel } from '@cgt/shared/complaint/machine';
import type { CreateComplaintRequest } from '@cgt/shared/schemas/complaints';
import type { AppDeps } from '../../deps.js';
import type { Principal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { withIdempotency, type IdempotentResult } from '../../db/idempotency.js';
import { insertNumbered, nextCaseNo } from '../../db/sequence.js';
import { sealIdNumber } from '../../services/pii-keys.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { findRepeats, matterText } from '../../domain/complaints/repeat.js';
import { nameConflicts } from '../../domain/complaints/name-conflict.js';
import type { ComplaintActor, ComplaintRecord } from '../../models/complaint.js';
import { attachUploads, validateUploadsOwned, type UploadOwner } from '../../services/uploads.js';
import { scheduleOf } from './common.js';
import { ensureComplaintRow, syncComplaintProjections } from './projections.js';
import { repeatCandidates } from './queries.js';

/**
 * Registration (登记) of a 信访件, online by the resident or by the office from a letter, visit or call.
 * With an Idempotency-Key (required online, optional for staff) it follows the kernel's protocol
 * (db/idempotency.ts, shared with the reports route): validate without writing, claim the key, which
 * fixes the complaint _id, then create exactly that complaint; a retry with the same key and body replays
 * the stored complaint (200), a different body is refused (422). The key stores the complaint id; the
 * command writes the audit entry and returns the record, the route presents it.
 */

export interface RegisterInput {
  channel: ComplaintChannel;
  body: CreateComplaintRequest;
  actor: ComplaintActor;
  /** who registers it and from where, for the audit entry */
  principal: Principal | null;
  ip: string;
  /** the resident account (online filing only) */
  citizenId: string | null;
  /** who owns the attachments being claimed */
  uploadOwner: UploadOwner;
  receivedAt?: Date;
  note?: string;
  /** the abuse limits (services/abuse-limits.ts): last check of a new filing, 429 before anything is written */
  admit?: () => Promise<void>;
}

interface Prepared {
  district?: { code: string; name: string };
  registeredAt: Date;
}

export interface RegisterResult {
  status: IdempotentResult<unknown>['status'];
  complaint: ComplaintRecord;
}

export async function registerComplaint(
  deps: AppDeps,
  input: RegisterInput,
  key: { scope: string; callerId: string; value: string | undefined; required: boolean },
): Promise<RegisterResult> {
  let completed = null as ComplaintRecord | null; // set by the completion that ran in this request
  const res = await withIdempotency<Prepared, { id: string }>(
    deps,
    {
      ...key,
      // receivedAt and the channel are part of what was asked, so they are part of "the same body"
      request: { body: input.body, channel: input.channel, receivedAt: input.receivedAt?.toISOString(), note: input.note },
      reuseHint: '请为新的信访件生成新的键',
    },
    {
      prepare: (id) => prepare(deps, input, id),
      complete: async (prepared, id, recordId, fresh) => {
        const c = await complete(deps, input, prepared, id, recordId, fresh);
        completed = c;
        await recordAudit(deps, {
          actor: actorOf(input.principal),
          action: 'complaint.register',
          targetType: 'complaint',
          targetId: String(c._id),
          ip: input.ip,
          details: { caseNo: c.caseNo, channel: c.channel, type: c.type, repeatOf: c.repeatOfIds.length, nameConflicts: (c.nameConflicts ?? []).length },
        });
        return { id: String(c._id) };
      },
    },
  );
  // the case this request registered is at hand; a replay reads the one its key names
  const complaint =
    completed && String(completed._id) === res.body.id ? completed : ((await deps.models.Complaint.findById(res.body.id).lean()) as ComplaintRecord | null);
  if (!complaint) throw fail('internal_error', [], '信访件保存失败，请重试');
  return { status: res.status, complaint };
}

/** Every check that can fail, without writing anything. */
async function prepare(deps: AppDeps, input: RegisterInput, id: string): Promise<Prepared> {
  const now = deps.now();
  const registeredAt = input.receivedAt ?? now;
  if (registeredAt.getTime() > now.getTime() + 60_000) {
    throw fail('validation_failed', [{ field: 'receivedAt', message: '不能是将来的时间' }], '收件时间不能晚于当前时间');
  }
  let district: Prepared['district'];
  if (input.body.districtCode) {
    const d = await deps.models.District.findOne({ code: input.body.districtCode }, { code: 1, name: 1, active: 1 }).lean();
    if (!d || d.active === false) throw fail('unknown_district', [{ field: 'districtCode', message: '未知的区域' }]);
    district = { code: d.code, name: d.name };
  }
  await validateUploadsOwned(deps, input.body.photoIds, input.uploadOwner, 'photoIds', { kind: 'complaint', id });
  await input.admit?.();
  return { district, registeredAt };
}

/**
 * Attach, detect repeats, number and insert the complaint. Safe to repeat for the same id; a fresh
 * registration (withIdempotency) has no earlier attempt to look for.
 */
async function complete(deps: AppDeps, input: RegisterInput, p: Prepared, id: string, recId: string | undefined, fresh: boolean): Promise<ComplaintRecord> {
  const { Complaint } = deps.models;
  const existing = fresh ? null : ((await Complaint.findById(id).lean()) as ComplaintRecord | null);
  if (existing) {
    // a retry of a registration that stopped after the insert: its list row may be missing
    await ensureComplaintRow(deps, existing);
    return existing;
  }
  const { body } = input;
  await attachUploads(deps, body.photoIds, input.uploadOwner, { kind: 'complaint', id }, 'photoIds');
  const sealed = await sealIdNumber(deps, body.petitioner.idNumber);
  const idNumberHash = sealed.idNumberHash;
  const matter = matterText(body.request, body.content);
  const candidates = (await repeatCandidates(deps, idNumberHash, input.citizenId)).filter((r) => r.id !== id);
  const repeats = findRepeats({ citizenId: input.citizenId, idNumberHash, matterText: matter, excludeId: id }, candidates);
  // the same ID number given earlier under another name: flagged for the officer, never refused
  const conflicts = nameConflicts(body.petitioner.name, idNumberHash, candidates);
  const now = deps.now();
  const schedule = scheduleOf('registered', {
    registeredAt: p.registeredAt,
    acceptedAt: null,
    concludedAt: null,
    reviewRequestedAt: null,
    reviewConcludedAt: null,
    recheckRequestedAt: null,
    extension: null,
  });
  const doc = {
    _id: new Types.ObjectId(id),
    status: 'registered' as const,
    version: 0,
    channel: input.channel,
    type: body.type,
    citizenId: input.citizenId,
    registeredBy: input.actor,
    petitioner: {
      name: body.petitioner.name,
      phone: body.petitioner.phone,
      address: body.petitioner.address,
      idNumberEnc: sealed.idNumberEnc,
      idNumberHash,
      idNumberMasked: maskIdNumber(body.petitioner.idNumber),
    },
    content: body.content,
    request: body.request,
    facts: body.facts,
    attachmentIds: body.photoIds,
    districtCode: p.district?.code,
    districtName: p.district?.name,
    registeredAt: p.registeredAt,
    ...schedule,
    repeatOf: repeats.map((r) => ({ id: r.id, caseNo: r.caseNo })),
    repeatOfIds: repeats.map((r) => r.id),
    isRepeat: repeats.length > 0,
    nameConflicts: conflicts,
    matterText: matter,
    idempotencyKeyId: recId,
    piiKid: sealed.piiKid,
    timeline: [{ type: 'registered', at: now, actor: input.actor, toStatus: 'registered', note: input.note }],
    createdAt: now,
    updatedAt: now,
  };
  const { doc: saved } = await insertNumbered<ComplaintRecord>(Complaint, doc, 'caseNo', () => nextCaseNo(deps.models, p.registeredAt));
  if (!saved) throw fail('internal_error', [], '信访件保存失败，请重试');
  await syncComplaintProjections(deps, saved);
  return saved;
}
