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
import { syncTicketStats } from '../stats/sync-facts.js';
import { isDuplicateKey } from '../../db/claims.js';
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
 * Rewrites the ticket's rows (ticket_rows always; ticket_queue while hot) from the ticket, then re-reads
 * the ticket: if another writer moved it on meanwhile (and may have had its row overwritten by our older
 * one), write again. The last writer always re-checks, so the rows converge to the latest version.
 * Finally every queue bucket the old and new rows sit in is marked changed; its count is brought up to
 * date by the next reader of the bucket (queue-counts.ts), so a write never waits for a recount.
 */
export async function syncQueue(deps: AppDeps, ticket: TicketRecord): Promise<void> {
  const { Ticket, TicketQueue, TicketRow } = deps.models;
  const old = (await TicketQueue.findById(ticket._id, { districtCode: 1, zoneCode: 1, assignedDepartmentId: 1, status: 1, dueDay: 1 }).lean()) as
    | Pick<QueueRow, 'districtCode' | 'zoneCode' | 'assignedDepartmentId' | 'status' | 'dueDay'>
    | null;
  const touched = new Set<string>(old?.dueDay ? bucketsOfRow(old) : []);
  // a ticket's first rows: its month is recorded for 我的诉求 BEFORE the rows exist, so no row is unlisted
  if (!old) await recordCitizenMonths(deps, [ticket]);
  let t: TicketRecord | null = ticket;
  let synced = ticket;
  for (let attempt = 0; attempt < 5 && t; attempt++) {
    const row = toQueueRow(t);
    try {
      await TicketRow.replaceOne({ _id: t._id }, row, { upsert: true });
      if (isHot(row.status, row.finalAt, deps.now())) {
        await TicketQueue.replaceOne({ _id: t._id }, row, { upsert: true });
        for (const b of bucketsOfRow(row)) touched.add(b);
      } else {
        await TicketQueue.deleteOne({ _id: t._id });
      }
      synced = t;
    } catch (err) {
      // two first upserts of one row race on the _id: the retry replaces the winner's row
      if (!isDuplicateKey(err)) throw err;
      continue;
    }
    const cur = (await Ticket.findById(t._id).lean()) as TicketRecord | null;
    if (!cur || cur.version === t.version) break;
    t = cur;
  }
  await markBucketsChanged(deps, touched, `${String(synced._id)}.${synced.version}`);
}

/** Re-syncs when a detail read finds the row missing or behind (a writer crashed before syncing). */
export async function ensureQueueRow(deps: AppDeps, t: TicketRecord): Promise<void> {
  const row = await deps.models.TicketRow.findById(t._id, { version: 1 }).lean();
  if (!row || row.version !== t.version) {
    await syncQueue(deps, t);
    // the writer crashed before its projections: the statistics facts are behind too
    await syncTicketStats(deps, t);
  }
}
