import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { isOpen, type TicketState } from '@cgt/shared/ticket/machine';
import { formatTrackingNo, parseTrackingNo, trackingDayKey } from '@cgt/shared/format/tracking-no';
import type { AppDeps } from '../../deps.js';
import { AppError, conflict, notFound } from '../../http/errors.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { DUPLICATE_WINDOW_MS, findDuplicates, type DuplicateMatch } from '../../domain/tickets/duplicates.js';
import type { OutboxEntry, TicketActor, TicketRecord, TimelineEntry } from '../../models/ticket.js';
import { getUploadRefs, type UploadRef } from '../../services/uploads.js';
import { syncQueue } from './queue.js';

/** Helpers shared by the ticket commands: loading, the one atomic state-change update, side records. */

export async function findTicket(deps: AppDeps, idOrTrackingNo: string): Promise<TicketRecord | null> {
  const { Ticket } = deps.models;
  if (Types.ObjectId.isValid(idOrTrackingNo) && /^[0-9a-f]{24}$/i.test(idOrTrackingNo)) {
    return (await Ticket.findById(idOrTrackingNo).lean()) as TicketRecord | null;
  }
  if (parseTrackingNo(idOrTrackingNo)) {
    // resolve the number on the small queue projection, then an _id lookup (the only filter FerretDB pushes down)
    const row = await deps.models.TicketQueue.findOne({ trackingNo: idOrTrackingNo.trim().toUpperCase() }, { _id: 1 }).lean();
    return row ? ((await Ticket.findById(row._id).lean()) as TicketRecord | null) : null;
  }
  return null;
}

export interface StateChange {
  to: TicketState;
  set?: Record<string, unknown>;
  inc?: Record<string, number>;
  timeline: TimelineEntry[];
  outbox?: OutboxEntry[];
  /** extra $push targets with $each, e.g. afterPhotoIds */
  pushEach?: Record<string, unknown[]>;
  /** extra filter conditions, e.g. {satisfaction: null} for "rate once" */
  guard?: Record<string, unknown>;
}

/** A write claim older than this belongs to a crashed writer; requests finish in well under a second. */
export const CLAIM_LEASE_MS = 30_000;
const MAX_CLAIM_GENERATIONS = 5;
/** Claims outlive any request by far; then they are only clutter. */
const CLAIM_RETENTION_MS = 3600_000;
const CLAIM_SWEEP_PROBABILITY = 0.02;

/**
 * Wins the right to write the ticket at `version`, or returns false when another writer holds it.
 * See models/ticket-claim.ts for why a unique insert and not the update's own filter decides.
 */
async function claimVersion(deps: AppDeps, ticketId: string, version: number): Promise<string | null> {
  const { TicketClaim } = deps.models;
  for (let gen = 0; gen < MAX_CLAIM_GENERATIONS; gen++) {
    const id = `${ticketId}:${version}:${gen}`;
    try {
      await TicketClaim.create({ _id: id, at: new Date() });
      return id;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const held = await TicketClaim.findById(id).lean();
      // held and fresh: a live concurrent writer; gone: it finished (the version has moved on)
      if (!held || Date.now() - held.at.getTime() < CLAIM_LEASE_MS) return null;
    }
  }
  return null;
}

function conflictError(version?: number) {
  return conflict('conflict', '工单已被他人处理，请刷新后重试', [
    { field: 'version', message: version === undefined ? '工单已变更' : `当前版本 ${version}` },
  ]);
}

/**
 * Every write to a ticket goes through here: claim the version, then one findOneAndUpdate filtered on
 * _id + version (+ guards) that $inc's the version. Returns null when the ticket changed meanwhile.
 */
export async function versionedUpdate(
  deps: AppDeps,
  t: Pick<TicketRecord, '_id' | 'version'>,
  filter: Record<string, unknown>,
  update: Record<string, unknown>,
): Promise<TicketRecord | null> {
  const claim = await claimVersion(deps, String(t._id), t.version);
  if (!claim) return null;
  const inc = (update.$inc as Record<string, number> | undefined) ?? {};
  const updated = (await deps.models.Ticket.findOneAndUpdate(
    { _id: t._id, version: t.version, ...filter },
    { ...update, $inc: { ...inc, version: 1 } },
    { returnDocument: 'after', timestamps: false },
  ).lean()) as TicketRecord | null;
  if (updated) await syncQueue(deps, updated);
  else if (await deps.models.Ticket.exists({ _id: t._id, version: t.version })) {
    // nothing written (a guard did not hold) and the version did not move: free it for the next writer
    await deps.models.TicketClaim.deleteOne({ _id: claim });
  }
  // The claim is kept (not deleted) on purpose: a writer whose read of the ticket was a moment stale
  // must still find version v taken. Old claims are swept now and then.
  if (Math.random() < CLAIM_SWEEP_PROBABILITY) {
    await deps.models.TicketClaim.deleteMany({ at: { $lt: new Date(Date.now() - CLAIM_RETENTION_MS) } }).catch(() => undefined);
  }
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
  const updated = await versionedUpdate(deps, t, { status: t.status, ...(change.guard ?? {}) }, {
    $set: { ...(change.set ?? {}), status: change.to, updatedAt: deps.now() },
    ...(change.inc ? { $inc: change.inc } : {}),
    $push: push,
  });
  if (updated) return updated;
  const now = await deps.models.Ticket.findById(t._id, { status: 1, version: 1 }).lean();
  if (!now) throw notFound('工单不存在');
  throw conflictError(now.version);
}

/**
 * A change that does not move the status (e.g. linking a duplicate), retried on concurrent writes
 * because it does not depend on what the other writer did.
 */
export async function patchTicket(deps: AppDeps, ticketId: Types.ObjectId | string, update: Record<string, unknown>): Promise<TicketRecord | null> {
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
  return new AppError(409, 'invalid_transition', message, [{ field, message }]);
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

export const DISPATCH_CENTRE_LABEL = '城市管理指挥中心';

/** Staff actor; the label is what the resident sees instead of the person's name. */
export function staffActor(p: StaffPrincipal, label: string = DISPATCH_CENTRE_LABEL): TicketActor {
  return { kind: 'staff', id: p.userId, name: p.displayName, label };
}

export function citizenActor(citizenId: string): TicketActor {
  return { kind: 'citizen', id: citizenId, name: '', label: '市民' };
}

/** Next tracking number: one $inc on the day's counter document (atomic; upsert creates the day). */
export async function nextTrackingNo(deps: AppDeps, at: Date): Promise<string> {
  const id = `ticket:${trackingDayKey(at)}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await deps.models.Counter.findOneAndUpdate({ _id: id }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
      return formatTrackingNo(at, doc!.seq);
    } catch (err) {
      // two first-of-the-day upserts race on the _id: the loser retries and increments the winner's doc
      if (isDuplicateKey(err) && attempt < 3) continue;
      throw err;
    }
  }
}

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Open tickets of the same category near a point. The database narrows by category, status and time
 * (cheap, small set); distance is computed in code (no geo queries on FerretDB).
 */
export async function possibleDuplicates(
  deps: AppDeps,
  categoryCode: string,
  point: { lat: number; lng: number },
  now: Date,
  excludeId?: string,
): Promise<DuplicateMatch[]> {
  const rows = await deps.models.TicketQueue.find(
    {
      categoryCode,
      status: { $in: ['submitted', 'accepted', 'dispatched', 'resolved'] },
      createdAt: { $gte: new Date(now.getTime() - DUPLICATE_WINDOW_MS) },
    },
    { trackingNo: 1, categoryCode: 1, lat: 1, lng: 1, createdAt: 1, status: 1 },
  )
    .limit(1000)
    .lean();
  return findDuplicates(
    point,
    now,
    rows
      .filter((r) => isOpen(r.status as TicketState))
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
