import type { SlaClock } from '@cgt/shared/calendar/working-time';
import { toGcj02 } from '@cgt/shared/geo/coords';
import { RESIDENT_NOTICES } from '@cgt/shared/ticket/resident-labels';
import type { CreateReportRequest } from '@cgt/shared/schemas/reports';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { withIdempotency, type IdempotentResult } from '../../db/idempotency.js';
import { insertNumbered, nextTrackingNo } from '../../db/sequence.js';
import { buildNewTicket } from '../../domain/tickets/build-ticket.js';
import type { DuplicateMatch } from '../../domain/tickets/duplicates.js';
import type { TicketActor, TicketAttribute, TicketRecord, TicketSource } from '../../models/ticket.js';
import { getCategory } from '../../services/categories.js';
import { resolveRouting, type RoutingResult } from '../../services/routing.js';
import { attachUploads, validateUploadsOwned } from '../../services/uploads.js';
import { citizenActor, outboxEntry, possibleDuplicates } from './common.js';
import { recordDeliveries } from '../notifications/record-deliveries.js';
import { syncTicketProjections } from './sync-projections.js';

/**
 * POST /api/v1/reports with Idempotency-Key, by the kernel's protocol (db/idempotency.ts): same key and
 * body → the stored response (200), different body → 422; a new key is claimed only after every check
 * passed, and the claim fixes the ticket _id, so whoever completes the work (this request, or a retry
 * after a crash) creates exactly that ticket. The key stores the ticket id and the duplicates seen at filing
 * time, so a replay presents the same ticket with the same nearby notice.
 */

/** A filing: 201 for a new ticket, 200 for a replay of the same key; the route presents it. */
export interface CreateReportResult {
  status: IdempotentResult<unknown>['status'];
  ticket: TicketRecord;
  duplicates: DuplicateMatch[];
}

/** What the key record stores (older records hold the whole response, which also carries `id`). */
interface FiledTicketRef {
  id: string;
  duplicates?: (Omit<DuplicateMatch, 'createdAt'> & { createdAt: string | Date })[];
}

/**
 * Who files the report. A resident (POST /api/v1/reports), an Open311 client (POST
 * /open311/v2/requests) and the intake desk (POST /api/v1/admin/tickets) file through this same command: same checks, routing, SLA clock, numbering,
 * queue projection; only the reporter record, the idempotency scope and the notifications differ.
 */
export interface ReportOrigin {
  /** idempotency scope and caller (keys are per scope and caller) */
  scope: string;
  callerId: string;
  /** stored as reporter.citizenId: the resident's id, or `open311:<key id>` */
  reporterId: string;
  actor: TicketActor;
  /** read the resident's phone when the body gives none */
  residentPhoneFallback: boolean;
  /** queue the resident's "submitted" notification */
  notifyResident: boolean;
  /** uploads must belong to this owner (Open311 clients upload none) */
  uploadOwner: { kind: 'citizen' | 'staff'; id: string };
  source?: TicketSource;
  attributes?: TicketAttribute[];
  mediaUrl?: string;
  phone?: string;
  /** what makes two filings "the same" for the key (default: the whole body) */
  sameRequest?: unknown;
  /** without a key the filing runs once (the intake desk: a call without a 12345 number); default required */
  keyOptional?: boolean;
  reuseHint?: string;
  /** the abuse limits (services/abuse-limits.ts): last check of a new filing, 429 before anything is written */
  admit?: () => Promise<void>;
}

interface Prepared {
  category: { code: string; name: string; slaHours: number; clock: SlaClock };
  point: { lat: number; lng: number };
  routing: RoutingResult;
}

export function residentOrigin(citizenId: string): ReportOrigin {
  return {
    scope: 'report',
    callerId: citizenId,
    reporterId: citizenId,
    actor: citizenActor(citizenId),
    residentPhoneFallback: true,
    notifyResident: true,
    uploadOwner: { kind: 'citizen', id: citizenId },
  };
}

export async function createReport(
  deps: AppDeps,
  citizenId: string,
  key: string | undefined,
  body: CreateReportRequest,
  admit?: () => Promise<void>,
): Promise<CreateReportResult> {
  return fileReport(deps, { ...residentOrigin(citizenId), admit }, key, body);
}

export async function fileReport(
  deps: AppDeps,
  origin: ReportOrigin,
  key: string | undefined,
  body: CreateReportRequest,
): Promise<CreateReportResult> {
  let completed = null as TicketRecord | null; // set by the completion that ran in this request
  const res = await withIdempotency<Prepared, FiledTicketRef>(
    deps,
    {
      scope: origin.scope,
      callerId: origin.callerId,
      value: key,
      required: !origin.keyOptional,
      request: origin.sameRequest ?? body,
      reuseHint: origin.reuseHint ?? '请为新的上报生成新的键',
    },
    {
      prepare: (ticketId) => prepare(deps, origin, body, ticketId),
      complete: async (prepared, ticketId, recordId, fresh) => {
        const filed = await complete(deps, origin, body, prepared, ticketId, recordId, fresh);
        completed = filed.ticket;
        return { id: String(filed.ticket._id), duplicates: filed.duplicates };
      },
    },
  );
  // the ticket this request filed is at hand; a replay reads the one its key names
  const ticket = completed && String(completed._id) === res.body.id ? completed : ((await deps.models.Ticket.findById(res.body.id).lean()) as TicketRecord | null);
  if (!ticket) throw fail('internal_error', [], '工单保存失败，请重试');
  const duplicates = (res.body.duplicates ?? []).map((d) => ({ ...d, createdAt: new Date(d.createdAt) }));
  return { status: res.status, ticket, duplicates };
}

/** Every check that can fail on the input, without writing anything. */
async function prepare(deps: AppDeps, origin: ReportOrigin, body: CreateReportRequest, ticketId: string): Promise<Prepared> {
  const category = await getCategory(deps, body.categoryCode);
  if (!category || !category.active) throw fail('validation_failed', [{ field: 'categoryCode', message: '未知的问题类型' }], '问题类型不存在');
  const point = toGcj02({ lat: body.location.lat, lng: body.location.lng }, body.location.coordSys);
  const routing = await resolveRouting(deps, point, category.code);
  if (!routing) {
    throw fail('outside_jurisdiction', [{ field: 'location', message: '请选择岳阳市范围内的位置' }]);
  }
  await validateUploadsOwned(deps, body.photoIds, origin.uploadOwner, 'photoIds', { kind: 'ticket', id: ticketId });
  await origin.admit?.();
  return { category: { code: category.code, name: category.name, slaHours: category.slaHours, clock: category.clock }, point, routing };
}

/**
 * Attach photos, number and insert the ticket. Safe to repeat (the kernel stores the first result). A
 * fresh filing skips the read for an earlier attempt's ticket: should a retry that stopped waiting for
 * this request race it, the unique _id keeps one ticket and the loser's intents end void
 * (models/outbox-delivery.ts), as when both had read nothing.
 */
async function complete(
  deps: AppDeps,
  origin: ReportOrigin,
  body: CreateReportRequest,
  p: Prepared,
  ticketId: string,
  recId: string | undefined,
  fresh: boolean,
): Promise<{ ticket: TicketRecord; duplicates: DuplicateMatch[] }> {
  const { Ticket, Citizen } = deps.models;
  let ticket = fresh ? null : ((await Ticket.findById(ticketId).lean()) as TicketRecord | null);
  let duplicates: Awaited<ReturnType<typeof possibleDuplicates>> = [];
  if (!ticket) {
    await attachUploads(deps, body.photoIds, origin.uploadOwner, { kind: 'ticket', id: ticketId }, 'photoIds');
    const now = deps.now();
    duplicates = await possibleDuplicates(deps, p.category.code, p.point, now, ticketId);
    // anonymous means the server keeps no way to reach the reporter: no phone from the body or the account
    const phone = body.anonymous ? undefined : (body.contactPhone ?? origin.phone);
    const lookUpAccountPhone = !phone && !body.anonymous && origin.residentPhoneFallback;
    const citizen = lookUpAccountPhone ? await Citizen.findById(origin.reporterId, { phone: 1 }).lean().catch(() => null) : null;
    const doc = buildNewTicket({
      ticketId,
      now,
      citizenId: origin.reporterId,
      category: p.category,
      point: p.point,
      routing: p.routing,
      description: body.description,
      address: body.address,
      photoIds: body.photoIds,
      anonymous: body.anonymous,
      phone: phone ?? citizen?.phone ?? undefined,
      idempotencyKeyId: recId,
      actor: origin.actor,
      outbox: [
        ...(origin.notifyResident ? [outboxEntry(deps, 'citizen', origin.reporterId, 'created', 'submitted', RESIDENT_NOTICES.created)] : []),
        // the district's dispatchers: a console alert (notification centre)
        outboxEntry(deps, 'district', p.routing.district.code, 'created', 'submitted', `新上报：${p.category.name}`),
      ],
      source: origin.source,
      attributes: origin.attributes,
      mediaUrl: origin.mediaUrl,
    });
    await recordDeliveries(deps, ticketId, doc.outbox); // before the insert: see models/outbox-delivery.ts
    const saved = await insertNumbered<TicketRecord>(Ticket, doc, 'trackingNo', () => nextTrackingNo(deps.models, now));
    ticket = saved.doc;
    if (!ticket) throw fail('internal_error', [], '工单保存失败，请重试');
    // inserted here: no rows or facts exist yet; found inserted by a twin: it may have written some
    await syncTicketProjections(deps, ticket, { fresh: saved.inserted });
  } else {
    // finishing after the first attempt died: it may have written some projections and died before
    // marking their buckets (the rows look current, so ensureQueueRow would do nothing and a count stays
    // off until the 6-hourly audit). Rewriting and marking again is idempotent (markers are keyed by
    // ticket and version, facts have deterministic ids).
    await syncTicketProjections(deps, ticket);
    duplicates = await possibleDuplicates(deps, ticket.categoryCode, ticket.location, ticket.createdAt, ticketId);
  }
  return { ticket, duplicates };
}
