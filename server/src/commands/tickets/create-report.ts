import { Types } from 'mongoose';
import { toGcj02 } from '@cgt/shared/geo/coords';
import type { CreateReportRequest, CreateReportResponse } from '@cgt/shared/schemas/reports';
import type { AppDeps } from '../../deps.js';
import { AppError, badRequest, unprocessable } from '../../http/errors.js';
import { computeDueAt } from '../../domain/tickets/sla.js';
import {
  IDEMPOTENCY_WAIT_MS,
  idempotencyRecordId,
  isValidIdempotencyKey,
  requestHash,
} from '../../domain/tickets/idempotency.js';
import type { TicketRecord } from '../../models/ticket.js';
import { getCategory } from '../../services/categories.js';
import { resolveRouting, type RoutingResult } from '../../services/routing.js';
import { attachUploads, validateUploadsOwned } from '../../services/uploads.js';
import { createReportView } from '../../presenters/ticket.js';
import { citizenActor, isDuplicateKey, nextTrackingNo, outboxEntry, possibleDuplicates } from './common.js';
import { ensureQueueRow, syncQueue } from './queue.js';

/**
 * POST /api/v1/reports with Idempotency-Key.
 * 1. A key seen before: same body → replay the stored response (200); different body → 422.
 * 2. A new key: validate everything without writing (a bad request leaves the key unclaimed, so the
 *    client can fix the body and retry), then CLAIM the key with one unique-_id insert. The claim fixes
 *    the ticket _id, so whoever completes the work (this request, or a retry after a crash) creates
 *    exactly that ticket; the ticket's unique _id makes a second one impossible.
 */

export interface CreateReportResult {
  status: 200 | 201;
  body: CreateReportResponse;
}

interface Prepared {
  category: { code: string; name: string; slaHours: number };
  point: { lat: number; lng: number };
  routing: RoutingResult;
}

const SCOPE = 'report';

export async function createReport(
  deps: AppDeps,
  citizenId: string,
  key: string | undefined,
  body: CreateReportRequest,
): Promise<CreateReportResult> {
  if (!key) throw badRequest('idempotency_key_required', '缺少 Idempotency-Key 请求头', [{ field: 'Idempotency-Key', message: '必填' }]);
  if (!isValidIdempotencyKey(key)) {
    throw badRequest('validation_failed', 'Idempotency-Key 格式不正确', [{ field: 'Idempotency-Key', message: '应为 8–128 个可见 ASCII 字符（建议 UUID）' }]);
  }
  const { IdempotencyKey } = deps.models;
  const recId = idempotencyRecordId(SCOPE, citizenId, key);
  const hash = requestHash(body);

  const existing = await IdempotencyKey.findById(recId).lean();
  if (existing) return replay(deps, citizenId, body, hash, existing);

  const ticketId = new Types.ObjectId().toHexString();
  const prepared = await prepare(deps, citizenId, body, ticketId);
  try {
    await IdempotencyKey.create({ _id: recId, requestHash: hash, ticketId, state: 'pending', createdAt: deps.now() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // a concurrent request with the same key claimed it first
    const winner = await IdempotencyKey.findById(recId).lean();
    if (!winner) throw err;
    return replay(deps, citizenId, body, hash, winner);
  }
  const result = await complete(deps, citizenId, body, prepared, ticketId, recId);
  return { status: 201, body: result };
}

type KeyRecord = { _id: string; requestHash: string; ticketId: string; state?: string | null; response?: string | null };

async function replay(deps: AppDeps, citizenId: string, body: CreateReportRequest, hash: string, rec: KeyRecord): Promise<CreateReportResult> {
  if (rec.requestHash !== hash) {
    throw unprocessable('idempotency_key_reused', '该 Idempotency-Key 已用于不同的请求', [{ field: 'Idempotency-Key', message: '请为新的上报生成新的键' }]);
  }
  // The first request may still be working: give it a moment before finishing the job ourselves.
  const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
  let current: KeyRecord | null = rec;
  while (current && current.state !== 'done' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    current = await deps.models.IdempotencyKey.findById(rec._id).lean();
  }
  if (current?.state === 'done' && current.response) return { status: 200, body: JSON.parse(current.response) as CreateReportResponse };
  // The creator crashed (or is very slow) between claiming and finishing: complete the same ticket.
  const prepared = await prepare(deps, citizenId, body, rec.ticketId);
  const out = await complete(deps, citizenId, body, prepared, rec.ticketId, rec._id);
  return { status: 200, body: out };
}

/** Every check that can fail on the input, without writing anything. */
async function prepare(deps: AppDeps, citizenId: string, body: CreateReportRequest, ticketId: string): Promise<Prepared> {
  const category = await getCategory(deps, body.categoryCode);
  if (!category || !category.active) throw unprocessable('validation_failed', '问题类型不存在', [{ field: 'categoryCode', message: '未知的问题类型' }]);
  const point = toGcj02({ lat: body.location.lat, lng: body.location.lng }, body.location.coordSys);
  const routing = await resolveRouting(deps, point, category.code);
  if (!routing) {
    throw unprocessable('outside_jurisdiction', '该位置不在本市管辖范围内', [{ field: 'location', message: '请选择岳阳市范围内的位置' }]);
  }
  await validateUploadsOwned(deps, body.photoIds, { kind: 'citizen', id: citizenId }, 'photoIds', { kind: 'ticket', id: ticketId });
  return { category: { code: category.code, name: category.name, slaHours: category.slaHours }, point, routing };
}

/** Attach photos, number and insert the ticket, then store the response on the key. Safe to repeat. */
async function complete(
  deps: AppDeps,
  citizenId: string,
  body: CreateReportRequest,
  p: Prepared,
  ticketId: string,
  recId: string,
): Promise<CreateReportResponse> {
  const { Ticket, IdempotencyKey, Citizen } = deps.models;
  let ticket = (await Ticket.findById(ticketId).lean()) as TicketRecord | null;
  let duplicates: Awaited<ReturnType<typeof possibleDuplicates>> = [];
  if (!ticket) {
    await attachUploads(deps, body.photoIds, { kind: 'citizen', id: citizenId }, { kind: 'ticket', id: ticketId }, 'photoIds');
    const now = deps.now();
    duplicates = await possibleDuplicates(deps, p.category.code, p.point, now, ticketId);
    const citizen = body.contactPhone ? null : await Citizen.findById(citizenId, { phone: 1 }).lean().catch(() => null);
    const r = p.routing;
    const doc = {
      _id: new Types.ObjectId(ticketId),
      status: 'submitted',
      version: 0,
      categoryCode: p.category.code,
      categoryName: p.category.name,
      slaHours: p.category.slaHours,
      description: body.description,
      location: p.point,
      address: body.address,
      photoIds: body.photoIds,
      afterPhotoIds: [],
      reporter: { citizenId, anonymous: body.anonymous, phone: body.contactPhone ?? citizen?.phone ?? undefined },
      routing: {
        districtCode: r.district.code,
        districtName: r.district.name,
        zoneCode: r.zone?.code,
        zoneName: r.zone?.name,
        zoneDemo: r.zone?.demo,
        departmentId: r.department?.id,
        departmentName: r.department?.name,
        ruleId: r.ruleId ?? undefined,
        reason: r.reason,
      },
      assignedDepartmentId: null,
      dueAt: computeDueAt(now, p.category.slaHours),
      reworkCount: 0,
      idempotencyKeyId: recId,
      timeline: [{ type: 'created', at: now, actor: citizenActor(citizenId), toStatus: 'submitted', photoIds: body.photoIds }],
      outbox: [outboxEntry(deps, 'citizen', citizenId, 'created', 'submitted', '您的上报已提交，等待受理')],
      createdAt: now,
      updatedAt: now,
    };
    // The unique _id stops a second ticket for this claim; the unique trackingNo stops a number handed
    // out twice (FerretDB's $inc is not isolated under concurrency), in which case we draw again.
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        // timestamps off: createdAt comes from deps.now() (the SLA clock), not from mongoose's wall clock
        await new Ticket({ ...doc, trackingNo: await nextTrackingNo(deps, now) }).save({ timestamps: false });
        break;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        if (await Ticket.exists({ _id: ticketId })) break; // a concurrent completion of the same claim won
      }
    }
    ticket = (await Ticket.findById(ticketId).lean()) as TicketRecord | null;
    if (!ticket) throw new AppError(500, 'internal_error', '工单保存失败，请重试');
    await syncQueue(deps, ticket);
  } else {
    await ensureQueueRow(deps, ticket);
    duplicates = await possibleDuplicates(deps, ticket.categoryCode, ticket.location, ticket.createdAt, ticketId);
  }
  const response = createReportView(ticket, duplicates);
  // First completion wins; a later one returns the stored text so every replay is byte-identical.
  const stored = await IdempotencyKey.findOneAndUpdate(
    { _id: recId, state: 'pending' },
    { $set: { state: 'done', response: JSON.stringify(response), completedAt: deps.now() } },
    { returnDocument: 'after' },
  ).lean();
  if (stored?.response) return JSON.parse(stored.response) as CreateReportResponse;
  const done = await IdempotencyKey.findById(recId).lean();
  return done?.response ? (JSON.parse(done.response) as CreateReportResponse) : response;
}
