import { Types } from 'mongoose';
import type { SlaClock } from '@cgt/shared/calendar/working-time';
import type { TicketState } from '@cgt/shared/ticket/machine';
import type { OutboxEntry, TicketActor, TicketAttribute, TicketRecord, TicketSource, TimelineEntry } from '../../models/ticket.js';
import { computeDueAt } from './sla.js';

/**
 * The pure part of filing a report: the ticket document a new report becomes. create-report.ts calls it
 * for every real report; bulk writers (the scale benchmark, imports) call it too, so a seeded ticket has
 * exactly the shape, routing record and SLA deadline of one filed through the API.
 * The tracking number is not part of it: numbers come from the sequence at insert time.
 */

export interface NewTicketInput {
  ticketId: string;
  now: Date;
  citizenId: string;
  /** clock absent = working hours */
  category: { code: string; name: string; slaHours: number; clock?: SlaClock };
  /** GCJ-02 */
  point: { lat: number; lng: number };
  /** what services/routing.ts resolved for the point and category */
  routing: {
    district: { code: string; name: string };
    zone: { code: string; name: string; demo: boolean } | null;
    department: { id: string; name: string } | null;
    ruleId: string | null;
    reason: string;
  };
  description: string;
  address?: string;
  photoIds: string[];
  anonymous: boolean;
  phone?: string;
  idempotencyKeyId?: string;
  /** who filed it (the resident), for the 'created' timeline entry */
  actor: TicketActor;
  /** the notifications filing queues */
  outbox: OutboxEntry[];
  /** filed by an Open311 client (absent: a resident) */
  source?: TicketSource;
  attributes?: TicketAttribute[];
  mediaUrl?: string;
}

export type NewTicketDoc = Omit<TicketRecord, 'trackingNo'>;

export function buildNewTicket(i: NewTicketInput): NewTicketDoc {
  const r = i.routing;
  return {
    _id: new Types.ObjectId(i.ticketId),
    status: 'submitted',
    version: 0,
    categoryCode: i.category.code,
    categoryName: i.category.name,
    slaHours: i.category.slaHours,
    ...(i.category.clock === 'natural' ? { slaClock: 'natural' as const } : {}),
    description: i.description,
    location: i.point,
    address: i.address,
    photoIds: i.photoIds,
    afterPhotoIds: [],
    reporter: { citizenId: i.citizenId, anonymous: i.anonymous, phone: i.phone },
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
    dueAt: computeDueAt(i.now, i.category.slaHours, i.category.clock),
    reworkCount: 0,
    // the model's defaults, spelled out so the plain object is a complete TicketRecord for bulk writers
    satisfaction: null,
    resolvedAt: null,
    closedAt: null,
    duplicateOf: null,
    duplicateIds: [],
    idempotencyKeyId: i.idempotencyKeyId,
    ...(i.source ? { source: i.source } : {}),
    ...(i.attributes?.length ? { attributes: i.attributes } : {}),
    ...(i.mediaUrl ? { mediaUrl: i.mediaUrl } : {}),
    timeline: [{ type: 'created', at: i.now, actor: i.actor, toStatus: 'submitted', photoIds: i.photoIds }],
    outbox: i.outbox,
    createdAt: i.now,
    updatedAt: i.now,
  };
}

/** The shape of commands/tickets/common.ts StateChange that an in-memory application needs. */
export interface RecordChange {
  to: TicketState;
  set?: Record<string, unknown>;
  inc?: Record<string, number>;
  timeline: TimelineEntry[];
  outbox?: OutboxEntry[];
  pushEach?: Record<string, unknown[]>;
}

/**
 * What applyStateChange's single update ($set incl. dotted paths, $inc, $push $each, status, updatedAt,
 * version + 1) does to the stored document, done on a plain record. For writers that build a ticket's
 * history before inserting it in bulk; the live path keeps writing through the versioned update.
 */
export function applyChangeToRecord<T extends NewTicketDoc>(t: T, change: RecordChange, now: Date): T {
  // copy-on-write (not structuredClone: it would turn the ObjectId into a plain object)
  const out: Record<string, unknown> = { ...t };
  const setPath = (p: string, v: unknown) => {
    const keys = p.split('.');
    let cur = out;
    for (const k of keys.slice(0, -1)) {
      const next = cur[k];
      cur[k] = typeof next === 'object' && next !== null ? { ...(next as object) } : {};
      cur = cur[k] as Record<string, unknown>;
    }
    cur[keys[keys.length - 1]!] = v;
  };
  for (const [k, v] of Object.entries(change.set ?? {})) setPath(k, v);
  for (const [k, v] of Object.entries(change.inc ?? {})) out[k] = ((out[k] as number | undefined) ?? 0) + v;
  out.timeline = [...t.timeline, ...change.timeline];
  if (change.outbox?.length) out.outbox = [...t.outbox, ...change.outbox];
  for (const [k, v] of Object.entries(change.pushEach ?? {})) if (v.length) out[k] = [...((out[k] as unknown[] | undefined) ?? []), ...v];
  out.status = change.to;
  out.updatedAt = now;
  out.version = t.version + 1;
  return out as T;
}
