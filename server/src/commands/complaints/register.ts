import { Types } from 'mongoose';
import { caseYear, formatCaseNo } from '@cgt/shared/complaint/case-no';
import { maskIdNumber } from '@cgt/shared/complaint/id-number';
import type { ComplaintChannel } from '@cgt/shared/complaint/machine';
import type { CreateComplaintRequest } from '@cgt/shared/schemas/complaints';
import type { AppDeps } from '../../deps.js';
import { AppError, badRequest, unprocessable } from '../../http/errors.js';
import { isDuplicateKey, nextSequence } from '../../db/cas.js';
import { IDEMPOTENCY_WAIT_MS, idempotencyRecordId, isValidIdempotencyKey, requestHash } from '../../domain/tickets/idempotency.js';
import { encryptPii, piiIndex, piiKeysFor } from '../../domain/complaints/pii.js';
import { findRepeats, matterText } from '../../domain/complaints/repeat.js';
import type { ComplaintActor, ComplaintRecord } from '../../models/complaint.js';
import { attachUploads, validateUploadsOwned, type UploadOwner } from '../../services/uploads.js';
import { scheduleOf } from './common.js';

/**
 * Registration (登记) of a 信访件, online by the resident or by the office from a letter, visit or call.
 * With an Idempotency-Key (required online, optional for staff) it follows the reports route: validate
 * without writing, claim the key by one unique insert that fixes the complaint _id, then create exactly
 * that complaint; a retry with the same key and body replays the stored response (200), a different
 * body is refused (422). The IdempotencyKey model's `ticketId` holds the complaint id here.
 */

export interface RegisterInput {
  channel: ComplaintChannel;
  body: CreateComplaintRequest;
  actor: ComplaintActor;
  /** the resident account (online filing only) */
  citizenId: string | null;
  /** who owns the attachments being claimed */
  uploadOwner: UploadOwner;
  receivedAt?: Date;
  note?: string;
}

export interface RegisterResult<R> {
  status: 200 | 201;
  body: R;
}

interface Prepared {
  district?: { code: string; name: string };
  registeredAt: Date;
}

export async function registerComplaint<R>(
  deps: AppDeps,
  input: RegisterInput,
  key: { scope: string; callerId: string; value: string | undefined; required: boolean },
  respond: (c: ComplaintRecord) => Promise<R> | R,
): Promise<RegisterResult<R>> {
  if (!key.value) {
    if (key.required) throw badRequest('idempotency_key_required', '缺少 Idempotency-Key 请求头', [{ field: 'Idempotency-Key', message: '必填' }]);
    const id = new Types.ObjectId().toHexString();
    const prepared = await prepare(deps, input, id);
    return { status: 201, body: await respond(await complete(deps, input, prepared, id, undefined)) };
  }
  if (!isValidIdempotencyKey(key.value)) {
    throw badRequest('validation_failed', 'Idempotency-Key 格式不正确', [{ field: 'Idempotency-Key', message: '应为 8–128 个可见 ASCII 字符（建议 UUID）' }]);
  }
  const { IdempotencyKey } = deps.models;
  const recId = idempotencyRecordId(key.scope, key.callerId, key.value);
  // receivedAt and the channel are part of what was asked, so they are part of "the same body"
  const hash = requestHash({ body: input.body, channel: input.channel, receivedAt: input.receivedAt?.toISOString(), note: input.note });
  const existing = await IdempotencyKey.findById(recId).lean();
  if (existing) return replay(deps, input, hash, existing, respond);

  const id = new Types.ObjectId().toHexString();
  const prepared = await prepare(deps, input, id);
  try {
    await IdempotencyKey.create({ _id: recId, requestHash: hash, ticketId: id, state: 'pending', createdAt: deps.now() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await IdempotencyKey.findById(recId).lean();
    if (!winner) throw err;
    return replay(deps, input, hash, winner, respond);
  }
  const body = await respond(await complete(deps, input, prepared, id, recId));
  return { status: 201, body: await storeResponse(deps, recId, body) };
}

type KeyRecord = { _id: string; requestHash: string; ticketId: string; state?: string | null; response?: string | null };

async function replay<R>(deps: AppDeps, input: RegisterInput, hash: string, rec: KeyRecord, respond: (c: ComplaintRecord) => Promise<R> | R): Promise<RegisterResult<R>> {
  if (rec.requestHash !== hash) {
    throw unprocessable('idempotency_key_reused', '该 Idempotency-Key 已用于不同的请求', [{ field: 'Idempotency-Key', message: '请为新的信访件生成新的键' }]);
  }
  const until = Date.now() + IDEMPOTENCY_WAIT_MS;
  let cur: KeyRecord | null = rec;
  while (cur && cur.state !== 'done' && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    cur = await deps.models.IdempotencyKey.findById(rec._id).lean();
  }
  if (cur?.state === 'done' && cur.response) return { status: 200, body: JSON.parse(cur.response) as R };
  // the first request crashed (or is very slow) between claiming and finishing: complete the same case
  const prepared = await prepare(deps, input, rec.ticketId);
  const body = await respond(await complete(deps, input, prepared, rec.ticketId, rec._id));
  return { status: 200, body: await storeResponse(deps, rec._id, body) };
}

/** First completion wins; later ones return the stored text, so every replay is identical. */
async function storeResponse<R>(deps: AppDeps, recId: string, body: R): Promise<R> {
  const stored = await deps.models.IdempotencyKey.findOneAndUpdate(
    { _id: recId, state: 'pending' },
    { $set: { state: 'done', response: JSON.stringify(body), completedAt: deps.now() } },
    { returnDocument: 'after' },
  ).lean();
  const text = stored?.response ?? (await deps.models.IdempotencyKey.findById(recId).lean())?.response;
  return text ? (JSON.parse(text) as R) : body;
}

/** Every check that can fail, without writing anything. */
async function prepare(deps: AppDeps, input: RegisterInput, id: string): Promise<Prepared> {
  const now = deps.now();
  const registeredAt = input.receivedAt ?? now;
  if (registeredAt.getTime() > now.getTime() + 60_000) {
    throw unprocessable('validation_failed', '收件时间不能晚于当前时间', [{ field: 'receivedAt', message: '不能是将来的时间' }]);
  }
  let district: Prepared['district'];
  if (input.body.districtCode) {
    const d = await deps.models.District.findOne({ code: input.body.districtCode }, { code: 1, name: 1, active: 1 }).lean();
    if (!d || d.active === false) throw unprocessable('unknown_district', '区域代码不存在', [{ field: 'districtCode', message: '未知的区域' }]);
    district = { code: d.code, name: d.name };
  }
  await validateUploadsOwned(deps, input.body.photoIds, input.uploadOwner, 'photoIds', { kind: 'complaint', id });
  return { district, registeredAt };
}

/** Attach, detect repeats, number and insert the complaint. Safe to repeat for the same id. */
async function complete(deps: AppDeps, input: RegisterInput, p: Prepared, id: string, recId: string | undefined): Promise<ComplaintRecord> {
  const { Complaint } = deps.models;
  const existing = (await Complaint.findById(id).lean()) as ComplaintRecord | null;
  if (existing) return existing;
  const { body } = input;
  await attachUploads(deps, body.photoIds, input.uploadOwner, { kind: 'complaint', id }, 'photoIds');
  const keys = piiKeysFor(deps.config);
  const idNumberHash = piiIndex(keys, body.petitioner.idNumber);
  const matter = matterText(body.request, body.content);
  const repeats = await earlierRepeats(deps, input.citizenId, idNumberHash, matter, id);
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
      idNumberEnc: encryptPii(keys, body.petitioner.idNumber),
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
    matterText: matter,
    idempotencyKeyId: recId,
    timeline: [{ type: 'registered', at: now, actor: input.actor, toStatus: 'registered', note: input.note }],
    createdAt: now,
    updatedAt: now,
  };
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const seq = await nextSequence(deps.models, `complaint:${caseYear(p.registeredAt)}`, now);
      await Complaint.create({ ...doc, caseNo: formatCaseNo(p.registeredAt, seq) });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      if (await Complaint.exists({ _id: id })) break; // a concurrent completion of the same claim won
    }
  }
  const saved = (await Complaint.findById(id).lean()) as ComplaintRecord | null;
  if (!saved) throw new AppError(500, 'internal_error', '信访件保存失败，请重试');
  return saved;
}

/** Earlier cases of the same petitioner (account or ID number) on a similar matter. */
async function earlierRepeats(deps: AppDeps, citizenId: string | null, idNumberHash: string, matter: string, excludeId: string) {
  const or: Record<string, unknown>[] = [{ 'petitioner.idNumberHash': idNumberHash }];
  if (citizenId) or.push({ citizenId });
  const rows = await deps.models.Complaint.find({ $or: or }, { caseNo: 1, citizenId: 1, 'petitioner.idNumberHash': 1, matterText: 1, registeredAt: 1 })
    .sort({ registeredAt: -1 })
    .limit(200)
    .lean();
  return findRepeats(
    { citizenId, idNumberHash, matterText: matter, excludeId },
    rows.map((r) => ({
      id: String(r._id),
      caseNo: r.caseNo,
      citizenId: r.citizenId ?? null,
      idNumberHash: (r as { petitioner?: { idNumberHash?: string } }).petitioner?.idNumberHash ?? '',
      matterText: r.matterText ?? '',
      registeredAt: r.registeredAt,
    })),
  );
}
