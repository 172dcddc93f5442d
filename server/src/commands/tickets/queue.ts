import type { Types } from 'mongoose';
import type { TicketState } from '@cgt/shared/ticket/machine';
import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';

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
  dueAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const QUEUE_DESCRIPTION_CHARS = 120;

export function toQueueRow(t: TicketRecord): QueueRow {
  const r = t.routing;
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
    dueAt: t.dueAt,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt ?? t.createdAt,
  };
}

/**
 * Rewrites the row from the ticket, then re-reads the ticket: if another writer moved it on meanwhile
 * (and may have had its row overwritten by our older one), write again. The last writer always
 * re-checks, so the row converges to the ticket's latest version.
 */
export async function syncQueue(deps: AppDeps, ticket: TicketRecord): Promise<void> {
  const { Ticket, TicketQueue } = deps.models;
  let t: TicketRecord | null = ticket;
  for (let attempt = 0; attempt < 5 && t; attempt++) {
    try {
      await TicketQueue.replaceOne({ _id: t._id }, toQueueRow(t), { upsert: true });
    } catch (err) {
      // two first upserts of one row race on the _id: the retry replaces the winner's row
      if ((err as { code?: unknown }).code !== 11000) throw err;
      continue;
    }
    const cur = (await Ticket.findById(t._id).lean()) as TicketRecord | null;
    if (!cur || cur.version === t.version) return;
    t = cur;
  }
}

/** Re-syncs when a detail read finds the row missing or behind (a writer crashed before syncing). */
export async function ensureQueueRow(deps: AppDeps, t: TicketRecord): Promise<void> {
  const row = await deps.models.TicketQueue.findById(t._id, { version: 1 }).lean();
  if (!row || row.version !== t.version) await syncQueue(deps, t);
}
