import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { isOpen, type TicketState } from '@cgt/shared/ticket/machine';
import { parseTrackingNo } from '@cgt/shared/format/tracking-no';
import type { AppDeps } from '../../deps.js';
import { versionedWrite, type VersionedUpdate } from '../../db/versioned-write.js';
import { AppError, fail } from '../../http/errors.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { DUPLICATE_WINDOW_MS, duplicateLookupKeys, findDuplicates, type DuplicateMatch } from '../../domain/tickets/duplicates.js';
import type { OutboxEntry, TicketActor, TicketRecord, TimelineEntry } from '../../models/ticket.js';
import { getUploadRefs, type UploadRef } from '../../services/uploads.js';
import { syncTicketProjections } from './sync-projections.js';
import { recordDeliveries } from '../notifications/record-deliveries.js';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';
import { DISPATCH_CENTRE_LABEL, centreUnit, type ActingTicket } from '../../domain/tickets/acting-unit.js';

/** Helpers shared by the ticket commands: loading, the one atomic state-change update, side records. */

export async function findTicket(deps: AppDeps, idOrTrackingNo: string): Promise<TicketRecord | null> {
  const { Ticket } = deps.models;
  if (Types.ObjectId.isValid(idOrTrackingNo) && OBJECT_ID_RE.test(idOrTrackingNo)) {
    return (await Ticket.findById(idOrTrackingNo).lean()) as TicketRecord | null;
  }
  if (parseTrackingNo(idOrTrackingNo)) {
    // the unique trackingNo is an indexed top-level equality: served by its index (any age, hot or not)
    return (await Ticket.findOne({ trackingNo: idOrTrackingNo.trim().toUpperCase() }).lean()) as TicketRecord | null;
  }
  return null;
}

export interface StateChange {
  to: TicketState;
  set?: Record<string, unknown>;
  /**
   * counters to raise, e.g. {reworkCount: 1}: written as $set of the ticket read plus n, never as $inc
   * (FerretDB loses concurrent increments); exact because the write applies only at the version read
   */
  inc?: Partial<Record<'reworkCount', number>>;
  timeline: TimelineEntry[];
  outbox?: OutboxEntry[];
  /** extra $push targets with $each, e.g. afterPhotoIds */
  pushEach?: Record<string, unknown[]>;
  /** extra filter conditions, e.g. {satisfaction: null} for "rate once" */
  guard?: Record<string, unknown>;
}

function conflictError(version?: number) {
  const detail = { field: 'version', message: version === undefined ? '工单已变更' : `当前版本 ${version}` };
  return fail('conflict', [detail], '工单已被他人处理，请刷新后重试');
}

/**
 * Every write to a ticket goes through here: the kernel's versioned write (db/versioned-write.ts: claim
 * the version, then one update filtered on _id + version + guards), then its projections follow
 * (sync-projections.ts: queue rows, Open311 row, statistics facts).
 * Returns null when the ticket changed meanwhile or a guard did not hold.
 */
export async function versionedUpdate(
  deps: AppDeps,
  t: Pick<TicketRecord, '_id' | 'version'>,
  guard: Record<string, unknown>,
  update: VersionedUpdate,
): Promise<TicketRecord | null> {
  const updated = await versionedWrite<TicketRecord>(deps.models, { kind: 'ticket', model: deps.models.Ticket, id: t._id, version: t.version, guard, update });
  if (updated) await syncTicketProjections(deps, updated);
  return updated;
}

/**
 * The only way a ticket's status changes: one update filtered on the status and version that the
 * caller checked, which also appends the timeline and outbox entries. Matching nothing means someone
 * changed the ticket in between → 409 conflict (or 404 if it vanished).
 */
export async function applyStateChange(deps: AppDeps, t: TicketRecord, change: StateChange): Promise<TicketRecord> {
  const push: Record<string, unknown> = { timeline: { $each: change.timeline } };
  if (change.outbox?.length) push.outbox = { $each: change.outbox };
  for (const [k, v] of Object.entries(change.pushEach ?? {})) if (v.length) push[k] = { $each: v };
  // before the write, not after: a crash between the two must not lose a notification (outbox-delivery.ts)
  await recordDeliveries(deps, t._id, change.outbox);
  const updated = await versionedUpdate(deps, t, { status: t.status, ...(change.guard ?? {}) }, {
    $set: { ...(change.set ?? {}), ...raised(t, change.inc), status: change.to, updatedAt: deps.now() },
    $push: push,
  });
  if (updated) return updated;
  const now = await deps.models.Ticket.findById(t._id, { status: 1, version: 1 }).lean();
  if (!now) throw fail('not_found', [], '工单不存在');
  throw conflictError(now.version);
}

function raised(t: TicketRecord, inc: StateChange['inc'] = {}): { reworkCount?: number } {
  return inc.reworkCount ? { reworkCount: (t.reworkCount ?? 0) + inc.reworkCount } : {};
}

/**
 * A change that does not move the status (e.g. linking a duplicate), retried on concurrent writes
 * because it does not depend on what the other writer did.
 */
export async function patchTicket(deps: AppDeps, ticketId: Types.ObjectId | string, update: VersionedUpdate): Promise<TicketRecord | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const cur = await deps.models.Ticket.findById(ticketId, { version: 1 }).lean();
    if (!cur) return null;
    const res = await versionedUpdate(deps, { _id: cur._id, version: cur.version }, {}, update);
    if (res) return res;
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 50));
  }
  throw conflictError();
}

export function invalidTransition(message = '当前状态下不能执行该操作', field = 'action'): AppError {
  return fail('invalid_transition', [{ field, message }], message);
}

/** A pending notification, delivered later by the outbox job. */
export function outboxEntry(
  deps: AppDeps,
  recipientKind: OutboxEntry['recipientKind'],
  recipientId: string,
  event: string,
  status: string,
  text: string,
): OutboxEntry {
  return {
    _id: randomUUID(),
    channel: recipientKind === 'citizen' ? 'wechat_subscribe' : 'console',
    recipientKind,
    recipientId,
    event,
    status,
    text,
    createdAt: deps.now(),
    state: 'pending',
    attempts: 0,
  };
}

export { DISPATCH_CENTRE_LABEL };

/**
 * Staff actor; the label is the unit acted for (domain/tickets/acting-unit.ts), what the resident sees
 * instead of the person's name. Given a ticket, the centre's own steps name the city centre or the
 * district's sub-centre the account works in.
 */
export function staffActor(p: StaffPrincipal, label: string | ActingTicket = DISPATCH_CENTRE_LABEL): TicketActor {
  return { kind: 'staff', id: p.userId, name: p.displayName, label: typeof label === 'string' ? label : centreUnit(p, label) };
}

export function citizenActor(citizenId: string): TicketActor {
  return { kind: 'citizen', id: citizenId, name: '', label: '市民' };
}

/**
 * Open tickets of the same category near a point: 9 equality lookups on the category × geohash cell key
 * (domain/tickets/duplicates.ts) in the hot queue; time window and distance are checked in code over
 * those few rows (FerretDB has no geo queries and would run a range filter over every match).
 */
export async function possibleDuplicates(
  deps: AppDeps,
  categoryCode: string,
  point: { lat: number; lng: number },
  now: Date,
  excludeId?: string,
): Promise<DuplicateMatch[]> {
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
  const parts = await Promise.all(
    duplicateLookupKeys(categoryCode, point).map((dupKey) =>
      deps.models.TicketQueue.find({ dupKey }, { trackingNo: 1, categoryCode: 1, lat: 1, lng: 1, createdAt: 1, status: 1 })
        .sort({ createdAt: -1 })
        .limit(50)
        .lean(),
    ),
  );
  return findDuplicates(
    point,
    now,
    parts
      .flat()
      .filter((r) => isOpen(r.status as TicketState) && r.createdAt >= since)
      .map((r) => ({
        id: String(r._id),
        trackingNo: r.trackingNo,
        categoryCode: r.categoryCode,
        location: { lat: r.lat, lng: r.lng },
        createdAt: r.createdAt,
        status: r.status,
      })),
    excludeId,
  );
}

export async function refMap(deps: AppDeps, ids: string[]): Promise<Map<string, UploadRef>> {
  const list = await getUploadRefs(deps, ids);
  return new Map(list.map((r) => [r.id, r]));
}
