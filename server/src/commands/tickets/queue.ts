import type { Types } from 'mongoose';
import { isOpen as isOpenState, type TicketState } from '@cgt/shared/ticket/machine';
import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import { bucketsOfRow, isHot, shanghaiDay, shanghaiMonth } from '../../domain/tickets/queue-cells.js';
import { duplicateKey } from '../../domain/tickets/duplicates.js';
import { slaRunning } from '../../domain/tickets/sla.js';
import { markBucketsChanged } from './queue-counts.js';
import { citizenMonthGroupKey, citizenMonthKey, recordCitizenMonths } from './my-reports.js';
import { residentGroupOf } from '@cgt/shared/ticket/resident-tabs';
import { upsertRacing, writeUntilCurrent } from './write-until-current.js';
import { sourceRefOf, type TicketSourceRef } from '../../domain/tickets/source.js';

/** The compact list projection of a ticket (models/ticket-queue.ts) and how it is kept in step. */

export interface QueueRow {
  _id: Types.ObjectId;
  trackingNo: string;
  status: TicketState;
  version: number;
  categoryCode: string;
  categoryName: string;
  description: string;
  address?: string | null;
  lat: number;
  lng: number;
  citizenId: string;
  districtCode: string;
  districtName: string;
  zoneCode?: string | null;
  zoneName?: string | null;
  departmentId?: string | null;
  departmentName?: string | null;
  assignedDepartmentId?: string | null;
  firstPhotoId?: string | null;
  rated: boolean;
  reworkCount: number;
  contentHeld?: boolean | null;
  dueAt: Date;
  slaClock?: 'natural' | 'working' | null;
  source?: TicketSourceRef | null;
  dueDay: string;
  month: string;
  citizenMonth: string;
  citizenMonthGroup: string;
  finalAt: Date | null;
  finalDay: string | null;
  dupKey: string;
  /** an open 督办 (the queue pins it at the top with a red tag); null otherwise */
  supervised?: boolean | null;
  supervision?: { at: Date; deadline: Date; note: string; byName: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

export const QUEUE_DESCRIPTION_CHARS = 120;

/** When the ticket entered its final state (closed/rejected/withdrawn), from its own timeline. */
function finalAtOf(t: TicketRecord): Date | null {
  if (slaRunning(t.status)) return null;
  for (let i = t.timeline.length - 1; i >= 0; i--) if (t.timeline[i]!.toStatus === t.status) return t.timeline[i]!.at;
  return t.updatedAt ?? t.createdAt;
}

function supervisionOf(t: TicketRecord): Pick<QueueRow, 'supervised' | 'supervision'> {
  const s = t.supervision;
  if (!s || !isOpenState(t.status)) return { supervised: null, supervision: null };
  return { supervised: true, supervision: { at: s.at, deadline: s.deadline, note: s.note, byName: s.byName } };
}

export function toQueueRow(t: TicketRecord): QueueRow {
  const r = t.routing;
  const finalAt = finalAtOf(t);
  return {
    _id: t._id,
    trackingNo: t.trackingNo,
    status: t.status,
    version: t.version,
    categoryCode: t.categoryCode,
    categoryName: t.categoryName,
    description: t.description.slice(0, QUEUE_DESCRIPTION_CHARS),
    address: t.address ?? null,
    lat: t.location.lat,
    lng: t.location.lng,
    citizenId: t.reporter.citizenId,
    districtCode: r.districtCode,
    districtName: r.districtName,
    zoneCode: r.zoneCode ?? null,
    zoneName: r.zoneName ?? null,
    departmentId: r.departmentId ?? null,
    departmentName: r.departmentName ?? null,
    assignedDepartmentId: t.assignedDepartmentId ?? null,
    firstPhotoId: t.photoIds[0] ?? null,
    rated: !!t.satisfaction,
    reworkCount: t.reworkCount ?? 0,
    contentHeld: t.contentHold?.state === 'held' ? true : null,
    dueAt: t.dueAt,
    slaClock: t.slaClock ?? null,
    source: sourceRefOf(t),
    dueDay: shanghaiDay(t.dueAt),
    month: shanghaiMonth(t.createdAt),
    citizenMonth: citizenMonthKey(t.reporter.citizenId, shanghaiMonth(t.createdAt)),
    citizenMonthGroup: citizenMonthGroupKey(t.reporter.citizenId, shanghaiMonth(t.createdAt), residentGroupOf(t.status, !!t.satisfaction)),
    finalAt,
    finalDay: finalAt ? shanghaiDay(finalAt) : null,
    dupKey: duplicateKey(t.categoryCode, t.location),
    ...supervisionOf(t),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt ?? t.createdAt,
  };
}

/**
 * The queue buckets the ticket's current row sits in (its count must be redone after the write), read
 * before the write. A ticket without a row gets its month recorded for 我的诉求 first, so no row is ever
 * unlisted. `fresh`: the ticket was inserted just now, so it has no row yet (one read fewer per filing).
 */
export async function queueBucketsBefore(deps: AppDeps, ticket: TicketRecord, fresh = false): Promise<Set<string>> {
  const old = fresh
    ? null
    : ((await deps.models.TicketQueue.findById(ticket._id, { districtCode: 1, zoneCode: 1, assignedDepartmentId: 1, status: 1, dueDay: 1 }).lean()) as
        | Pick<QueueRow, 'districtCode' | 'zoneCode' | 'assignedDepartmentId' | 'status' | 'dueDay'>
        | null);
  if (!old) await recordCitizenMonths(deps, [ticket]);
  return new Set<string>(old?.dueDay ? bucketsOfRow(old) : []);
}

/** Rewrites the ticket's rows from `t` (ticket_rows always; ticket_queue while hot) and adds the buckets the row now sits in. */
export async function writeQueueRows(deps: AppDeps, t: TicketRecord, touched: Set<string>): Promise<void> {
  const { TicketQueue, TicketRow } = deps.models;
  const row = toQueueRow(t);
  await upsertRacing(() => TicketRow.replaceOne({ _id: t._id }, row, { upsert: true }));
  if (isHot(row.status, row.finalAt, deps.now())) {
    await upsertRacing(() => TicketQueue.replaceOne({ _id: t._id }, row, { upsert: true }));
    for (const b of bucketsOfRow(row)) touched.add(b);
  } else {
    await TicketQueue.deleteOne({ _id: t._id });
  }
}

/**
 * The queue rows alone, by the projections' convergence rule (write-until-current.ts); then every queue
 * bucket the old and new rows sit in is marked changed, and its count is brought up to date by the next
 * reader of the bucket (queue-counts.ts), so a write never waits for a recount. A ticket write syncs all
 * its projections at once (sync-projections.ts); this is for the callers that rebuild the queue only.
 */
export async function syncQueue(deps: AppDeps, ticket: TicketRecord): Promise<void> {
  const touched = await queueBucketsBefore(deps, ticket);
  const synced = await writeUntilCurrent(deps, ticket, (t) => writeQueueRows(deps, t, touched));
  await markBucketsChanged(deps, touched, `${String(synced._id)}.${synced.version}`);
}
