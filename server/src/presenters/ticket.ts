import { maskPhone } from '@cgt/shared/format/phone';
import { STATE_LABELS, TIMELINE_EVENT_LABELS, type TicketAction } from '@cgt/shared/ticket/machine';
import { ratingOutcome } from '@cgt/shared/ticket/rating';
import { placeLabel } from '@cgt/shared/geo/place-label';
import { RESIDENT_STATE_LABELS, RESIDENT_TIMELINE_LABELS } from '@cgt/shared/ticket/resident-labels';
import { nearbyOpenNotice, type CreateReportResponse, type DuplicateSuggestion, type ReportDetail } from '@cgt/shared/schemas/reports';
import type { TicketDetail, TicketListItem } from '@cgt/shared/schemas/tickets';
import type { DuplicateMatch } from '../domain/tickets/duplicates.js';
import { isOverdue, remainingWorkingHours } from '../domain/tickets/sla.js';
import { sourceRefOf, sourceRefOfRow } from '../domain/tickets/source.js';
import { SOURCE_CHANNEL_LABELS, sourceLabel } from '@cgt/shared/ticket/source';
import type { TicketRecord, TimelineEntry } from '../models/ticket.js';
import { toQueueRow, type QueueRow } from '../commands/tickets/queue.js';
import { thumbUrl, type UploadRef } from '../services/uploads.js';

/** Shapes ticket documents for residents (no staff names, no internal notes) and for staff. */

export type RefMap = ReadonlyMap<string, UploadRef>;

const iso = (d: Date | null | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);
const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined || v === '' ? undefined : v);
const refs = (ids: readonly string[] | undefined, map: RefMap): UploadRef[] =>
  (ids ?? []).map((id) => map.get(id)).filter((r): r is UploadRef => !!r);

/** Every upload id a ticket mentions, for one batched lookup. */
export function photoIdsOf(t: TicketRecord): string[] {
  const ids = new Set<string>([...t.photoIds, ...t.afterPhotoIds]);
  for (const e of t.timeline) for (const id of e.photoIds ?? []) ids.add(id);
  return [...ids];
}

function zoneOf(t: TicketRecord) {
  const r = t.routing;
  return r.zoneCode ? { code: r.zoneCode, name: r.zoneName ?? r.zoneCode, demo: r.zoneDemo ?? undefined } : undefined;
}

/** The fields every list item and detail view opens with, resident (plain-word status) or staff (standard terms). */
function ticketHead(t: Pick<QueueRow, '_id' | 'trackingNo' | 'status' | 'categoryCode' | 'categoryName' | 'description' | 'address'>, labels: Readonly<Record<TicketRecord['status'], string>> = STATE_LABELS) {
  return {
    id: String(t._id),
    trackingNo: t.trackingNo,
    status: t.status,
    statusLabel: labels[t.status],
    categoryCode: t.categoryCode,
    categoryName: t.categoryName,
    description: t.description,
    address: opt(t.address),
  };
}

function departmentOf(t: TicketRecord) {
  const r = t.routing;
  return r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : undefined;
}

function satisfactionView(t: TicketRecord) {
  return t.satisfaction
    ? { value: t.satisfaction.value, comment: opt(t.satisfaction.comment), at: t.satisfaction.at.toISOString() }
    : undefined;
}

export function duplicateView(d: DuplicateMatch): DuplicateSuggestion {
  return {
    id: d.id,
    trackingNo: d.trackingNo,
    categoryCode: d.categoryCode,
    distanceMeters: d.distanceMeters,
    createdAt: d.createdAt.toISOString(),
    status: d.status as DuplicateSuggestion['status'],
  };
}

export function createReportView(t: TicketRecord, duplicates: DuplicateMatch[]): CreateReportResponse {
  const r = t.routing;
  return {
    id: String(t._id),
    trackingNo: t.trackingNo,
    status: t.status,
    district: { code: r.districtCode, name: r.districtName },
    zone: zoneOf(t),
    department: departmentOf(t),
    dueAt: t.dueAt.toISOString(),
    // the resident's view: counts, kind, distance and status only (staff get duplicateView in the console)
    possibleDuplicates: duplicates.map((d) => ({
      categoryCode: d.categoryCode,
      categoryName: t.categoryName,
      distanceMeters: d.distanceMeters,
      status: d.status as TicketRecord['status'],
      statusLabel: RESIDENT_STATE_LABELS[d.status as TicketRecord['status']] ?? d.status,
    })),
    nearbyNotice: duplicates.length ? nearbyOpenNotice(duplicates.length) : undefined,
  };
}

// ---------- resident ----------

/** Internal steps a resident does not see: notes and the handler's 回退 to the dispatch centre. */
const HIDDEN_FROM_RESIDENT = new Set<TimelineEntry['type']>(['noted', 'returned', 'supervised']);
/** The only reasons written for the resident (不予立案 explains why the report was not taken up). */
const RESIDENT_REASONS = new Set<TimelineEntry['type']>(['rejected']);

function residentActorLabel(e: TimelineEntry): string {
  if (e.actor.kind === 'citizen') return '我';
  if (e.actor.kind === 'system') return '系统';
  return e.actor.label || '城市管理指挥中心';
}

/**
 * A row of 我的诉求. The thumbnail's address is made from the photo id: a ticket's photos are claimed
 * before the ticket exists and a claimed upload is never deleted (jobs/purge-uploads.ts), so there is
 * nothing to look up (it was one upload read per row, twenty per page).
 */
export function residentListItem(r: QueueRow) {
  return {
    ...ticketHead(r, RESIDENT_STATE_LABELS),
    district: { code: r.districtCode, name: r.districtName },
    createdAt: r.createdAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    rated: r.rated,
    thumbnailUrl: r.firstPhotoId ? thumbUrl(r.firstPhotoId) : undefined,
  };
}

/** `street`: the nearest street unit of the ticket's point (services/map-base.ts), when one is known. */
export function residentDetail(t: TicketRecord, map: RefMap, now: Date, street?: { name: string } | null): ReportDetail {
  const timeline = t.timeline
    .filter((e) => !HIDDEN_FROM_RESIDENT.has(e.type))
    .map((e) => ({
      type: e.type,
      label: RESIDENT_TIMELINE_LABELS[e.type],
      at: e.at.toISOString(),
      actorLabel: residentActorLabel(e),
      toStatus: opt(e.toStatus),
      reason: RESIDENT_REASONS.has(e.type) ? opt(e.reason) : undefined,
      reply: opt(e.reply),
      satisfaction: opt(e.satisfaction),
      photos: e.photoIds?.length ? refs(e.photoIds, map) : undefined,
    }));
  const replies = t.timeline
    .filter((e) => e.type === 'resolved' && e.reply)
    .map((e) => ({ at: e.at.toISOString(), departmentName: e.actor.label || '处置单位', text: e.reply!, photos: refs(e.photoIds, map) }));
  const canRate =
    !t.satisfaction && ratingOutcome({ status: t.status, satisfaction: 'satisfied', closedAt: t.closedAt, now }) !== 'not_ratable';
  return {
    ...ticketHead(t, RESIDENT_STATE_LABELS),
    location: { lat: t.location.lat, lng: t.location.lng },
    district: { code: t.routing.districtCode, name: t.routing.districtName },
    zone: zoneOf(t),
    place: placeLabel(t.routing.districtName, street?.name ?? t.routing.zoneName),
    createdAt: t.createdAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    closedAt: iso(t.closedAt),
    anonymous: t.reporter.anonymous,
    photos: refs(t.photoIds, map),
    afterPhotos: refs(t.afterPhotoIds, map),
    replies,
    timeline,
    satisfaction: satisfactionView(t),
    reworkCount: t.reworkCount,
    canRate,
    canWithdraw: t.status === 'submitted',
  };
}

// ---------- staff ----------

export function staffListItem(r: QueueRow, now: Date): TicketListItem {
  const remaining = remainingWorkingHours(r.status, r.dueAt, now, r.slaClock);
  return {
    ...ticketHead(r),
    districtCode: r.districtCode,
    districtName: r.districtName,
    zoneCode: opt(r.zoneCode),
    zoneName: opt(r.zoneName),
    departmentId: opt(r.departmentId),
    departmentName: opt(r.departmentName),
    createdAt: r.createdAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    overdue: isOverdue(r.status, r.dueAt, now),
    remainingWorkingHours: remaining ?? undefined,
    slaClock: r.slaClock === 'natural' ? 'natural' : 'working',
    source: sourceRefOfRow(r),
    contentHeld: r.contentHeld ? true : undefined,
    reworkCount: r.reworkCount,
    version: r.version,
    supervision: r.supervision
      ? {
          at: r.supervision.at.toISOString(),
          deadline: r.supervision.deadline.toISOString(),
          note: r.supervision.note,
          byName: r.supervision.byName,
          overdue: r.supervision.deadline.getTime() < now.getTime(),
        }
      : undefined,
  };
}

export interface StaffDetailInput {
  now: Date;
  refs: RefMap;
  showPhone: boolean;
  duplicates: DuplicateMatch[];
  allowedActions: TicketAction[];
  /** the caller may 督办 it */
  canSupervise?: boolean;
  /** how the resident signed in (citizens.source), for the source line of a resident's ticket */
  residentChannel?: 'weapp' | 'h5' | 'demo' | null;
}

/** Who filed it, for the console; an Open311 client's contact fields only for those who may see phones. */
const RESIDENT_CHANNELS = { weapp: '市民（微信小程序）', h5: '市民（H5）', demo: '市民（演示登录）' } as const;

function sourceView(t: TicketRecord, showContact: boolean, channel: StaffDetailInput['residentChannel']): TicketDetail['source'] {
  const s = t.source;
  const ref = sourceRefOf(t);
  if (s?.kind === 'open311') {
    return {
      ...ref,
      kind: 'open311',
      label: `Open311：${s.keyName}`,
      contactName: showContact ? opt(s.contactName) : undefined,
      email: showContact ? opt(s.email) : undefined,
    };
  }
  // the intake desk: "12345转办 · <number>"; the caller's name like an Open311 contact (phone: reporter)
  if (s?.kind === 'staff') return { ...ref, kind: 'staff', label: sourceLabel(ref), contactName: showContact ? opt(s.contactName) : undefined };
  return { ...ref, kind: 'resident', label: (channel && RESIDENT_CHANNELS[channel]) || SOURCE_CHANNEL_LABELS.miniapp };
}

export function staffDetail(t: TicketRecord, input: StaffDetailInput): TicketDetail {
  const r = t.routing;
  const phone = t.reporter.phone ?? undefined;
  const moved = r.movedBy;
  return {
    ...staffListItem(toQueueRow(t), input.now),
    description: t.description,
    location: { lat: t.location.lat, lng: t.location.lng },
    district: { code: r.districtCode, name: r.districtName },
    zone: zoneOf(t),
    department: departmentOf(t),
    reporter: {
      anonymous: t.reporter.anonymous,
      phone: phone ? (input.showPhone ? phone : maskPhone(phone)) : undefined,
      phoneMasked: !!phone && !input.showPhone,
    },
    source: sourceView(t, input.showPhone, input.residentChannel),
    contentHold: t.contentHold
      ? {
          state: t.contentHold.state,
          source: t.contentHold.source,
          at: t.contentHold.at.toISOString(),
          releasedAt: iso(t.contentHold.releasedAt ?? null),
          releasedByName: opt(t.contentHold.releasedByName),
        }
      : undefined,
    attributes: (t.attributes ?? []).map((a) => ({ code: a.code, label: a.label, text: a.text })),
    routing: {
      reason: r.reason,
      ruleId: opt(r.ruleId),
      movedBy: moved
        ? { id: moved.id, name: moved.name, at: moved.at.toISOString(), reason: moved.reason, fromDistrictCode: moved.fromDistrictCode }
        : undefined,
    },
    photos: refs(t.photoIds, input.refs),
    afterPhotos: refs(t.afterPhotoIds, input.refs),
    timeline: t.timeline.map((e) => ({
      type: e.type,
      label: TIMELINE_EVENT_LABELS[e.type],
      at: e.at.toISOString(),
      actor: { kind: e.actor.kind, id: e.actor.id, name: e.actor.name || e.actor.label, unit: e.actor.kind === 'staff' ? opt(e.actor.label) : undefined },
      fromStatus: opt(e.fromStatus),
      toStatus: opt(e.toStatus),
      note: opt(e.note),
      reason: opt(e.reason),
      reply: opt(e.reply),
      photos: e.photoIds?.length ? refs(e.photoIds, input.refs) : undefined,
      departmentId: opt(e.departmentId),
      departmentName: opt(e.departmentName),
      districtCode: opt(e.districtCode),
      zoneCode: opt(e.zoneCode),
      duplicateOf: opt(e.duplicateOf),
      satisfaction: opt(e.satisfaction),
      deadline: e.deadline ? e.deadline.toISOString() : undefined,
    })),
    possibleDuplicates: input.duplicates.map(duplicateView),
    duplicateOf: opt(t.duplicateOf),
    duplicateIds: t.duplicateIds,
    satisfaction: satisfactionView(t),
    closedAt: iso(t.closedAt),
    allowedActions: input.allowedActions,
    canSupervise: input.canSupervise ?? false,
  };
}
