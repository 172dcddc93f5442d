import { deadlineStatus, officeDeadline, petitionerWindow, withinDeadline, type ComplaintDeadlines } from '@cgt/shared/complaint/deadlines';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_DECISION_LABELS,
  COMPLAINT_STATE_LABELS,
  COMPLAINT_TYPE_LABELS,
  isComplaintAction,
  replyStageOf,
  type ComplaintAction,
  type ComplaintChannel,
  type ComplaintDecision,
  type ComplaintState,
  type ComplaintType,
} from '@cgt/shared/complaint/machine';
import type {
  CreateComplaintResponse,
  ResidentComplaintDetail,
  StaffComplaintDetail,
} from '@cgt/shared/schemas/complaints';
import type { z } from 'zod';
import type { ResidentComplaintItem, StaffComplaintItem } from '@cgt/shared/schemas/complaints';
import type { ComplaintRecord, ComplaintTimelineEntry } from '../models/complaint.js';
import type { CaseRefRow } from '../commands/complaints/queries.js';
import type { UploadRef } from '../services/uploads.js';

/**
 * Output shapes. Residents see labels (信访办 / 信访人) instead of staff names, no internal notes, no
 * ticket-link events and their ID number masked. Staff see names and notes; the full ID number only when
 * the policy allows (decrypted here, never written to a log or an audit entry).
 */

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const STAGE_LABELS = { conclusion: '处理意见', review: '复查意见', recheck: '复核意见' } as const;

const EVENT_LABELS: Record<string, string> = {
  registered: '登记',
  accept: '受理',
  not_accept: '不予受理',
  transfer: '转送/交办',
  assign: '交办承办单位',
  extend: '延长办理期限',
  conclude: '出具处理意见',
  request_review: '申请复查',
  conclude_review: '出具复查意见',
  request_recheck: '申请复核',
  conclude_recheck: '出具复核意见（终结）',
  rated: '满意度评价',
  ticket_linked: '关联工单',
  ticket_unlinked: '取消关联工单',
};
/** Only office-internal bookkeeping: not shown to the petitioner. */
const INTERNAL_EVENTS = new Set(['ticket_linked', 'ticket_unlinked']);

export function deadlinesView(d: ComplaintDeadlines | ComplaintRecord['deadlines']) {
  return {
    acceptBy: new Date(d.acceptBy).toISOString(),
    concludeBy: iso(d.concludeBy),
    reviewRequestBy: iso(d.reviewRequestBy),
    reviewBy: iso(d.reviewBy),
    recheckRequestBy: iso(d.recheckRequestBy),
    recheckBy: iso(d.recheckBy),
  };
}

function dueView(x: { kind: string; at: Date } | null, now: Date) {
  if (!x) return null;
  return { kind: x.kind as 'accept', at: x.at.toISOString(), ...deadlineStatus(x.at, now) };
}

/** What a list item is built from: a whole case or its list row (models/complaint-row.ts). */
export type ComplaintListSource = Pick<
  ComplaintRecord,
  | '_id' | 'caseNo' | 'type' | 'channel' | 'status' | 'registeredAt' | 'deadlines' | 'request' | 'concludedAt'
  | 'districtCode' | 'districtName' | 'departmentId' | 'departmentName' | 'isRepeat' | 'repeatOf' | 'linkedTicketIds' | 'version'
> & { petitioner: { name: string; idNumberMasked: string }; extension: { days: number } | null };

function common(c: ComplaintListSource, now: Date) {
  const status = c.status as ComplaintState;
  return {
    id: String(c._id),
    caseNo: c.caseNo,
    type: c.type as ComplaintType,
    typeLabel: COMPLAINT_TYPE_LABELS[c.type as ComplaintType],
    channel: c.channel as ComplaintChannel,
    channelLabel: COMPLAINT_CHANNEL_LABELS[c.channel as ComplaintChannel],
    status,
    statusLabel: COMPLAINT_STATE_LABELS[status],
    registeredAt: c.registeredAt.toISOString(),
    deadlines: deadlinesView(c.deadlines),
    due: dueView(officeDeadline(status, c.deadlines), now),
    window: dueView(petitionerWindow(status, c.deadlines), now),
  };
}

const summary = (c: ComplaintListSource) => {
  const s = c.request ?? '';
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

export function createComplaintView(c: ComplaintRecord, now: Date): CreateComplaintResponse {
  const x = common(c, now);
  return { id: x.id, caseNo: x.caseNo, status: x.status, statusLabel: x.statusLabel, deadlines: x.deadlines, due: x.due };
}

export function residentComplaintItem(c: ComplaintListSource, now: Date): z.infer<typeof ResidentComplaintItem> {
  return { ...common(c, now), summary: summary(c), hasReply: !!c.concludedAt };
}

export function staffComplaintItem(c: ComplaintListSource, now: Date): z.infer<typeof StaffComplaintItem> {
  return {
    ...common(c, now),
    summary: summary(c),
    petitionerName: c.petitioner.name,
    idNumberMasked: c.petitioner.idNumberMasked,
    districtCode: c.districtCode ?? undefined,
    districtName: c.districtName ?? undefined,
    departmentId: c.departmentId ?? undefined,
    departmentName: c.departmentName ?? undefined,
    extended: !!c.extension,
    isRepeat: !!c.isRepeat,
    repeatOfCaseNos: (c.repeatOf ?? []).map((r) => r.caseNo),
    linkedTicketCount: (c.linkedTicketIds ?? []).length,
    version: c.version,
  };
}

function timelineFields(e: ComplaintTimelineEntry) {
  return {
    type: e.type,
    label: EVENT_LABELS[e.type] ?? (isComplaintAction(e.type) ? COMPLAINT_ACTION_LABELS[e.type as ComplaintAction] : e.type),
    at: e.at.toISOString(),
    actorLabel: e.actor.label || (e.actor.kind === 'citizen' ? '信访人' : '信访办'),
    fromStatus: (e.fromStatus as ComplaintState | undefined) ?? undefined,
    toStatus: (e.toStatus as ComplaintState | undefined) ?? undefined,
    reason: e.reason ?? undefined,
    redirectTo: e.redirectTo ?? undefined,
    transferTo: e.transferTo ?? undefined,
    departmentName: e.departmentName ?? undefined,
    days: e.days ?? undefined,
    reply: e.reply ?? undefined,
    decision: (e.decision as ComplaintDecision | undefined) ?? undefined,
    basis: e.basis ?? undefined,
    satisfaction: (e.satisfaction as 'satisfied' | undefined) ?? undefined,
  };
}

function detailCommon(c: ComplaintRecord, now: Date, attachments: UploadRef[]) {
  return {
    ...common(c, now),
    content: c.content,
    request: c.request,
    facts: c.facts ?? undefined,
    attachments,
    district: c.districtCode ? { code: c.districtCode, name: c.districtName ?? '' } : undefined,
    department: c.departmentId ? { id: c.departmentId, name: c.departmentName ?? '' } : undefined,
    extension: c.extension ? { days: c.extension.days, reason: c.extension.reason, at: c.extension.at.toISOString() } : undefined,
    notAccepted: c.notAccepted ? { reason: c.notAccepted.reason, redirectTo: c.notAccepted.redirectTo } : undefined,
    transferredTo: c.transferredTo ?? undefined,
    replies: c.replies.map((r) => ({
      stage: r.stage,
      stageLabel: STAGE_LABELS[r.stage],
      decision: r.decision as ComplaintDecision,
      decisionLabel: COMPLAINT_DECISION_LABELS[r.decision as ComplaintDecision],
      text: r.text,
      basis: r.basis,
      at: r.at.toISOString(),
    })),
    ratings: c.ratings.map((r) => ({ stage: r.stage, satisfaction: r.satisfaction as 'satisfied', comment: r.comment ?? undefined, at: r.at.toISOString() })),
  };
}

export function residentComplaintDetail(c: ComplaintRecord, now: Date, attachments: UploadRef[]): ResidentComplaintDetail {
  const status = c.status as ComplaintState;
  const stage = replyStageOf(status);
  return {
    ...detailCommon(c, now, attachments),
    petitioner: { name: c.petitioner.name, idNumberMasked: c.petitioner.idNumberMasked, phone: c.petitioner.phone, address: c.petitioner.address },
    timeline: c.timeline.filter((e) => !INTERNAL_EVENTS.has(e.type)).map(timelineFields),
    canRate: !!stage && !c.ratings.some((r) => r.stage === stage),
    canRequestReview: status === 'concluded' && withinDeadline(c.deadlines.reviewRequestBy, now),
    canRequestRecheck: status === 'review_concluded' && withinDeadline(c.deadlines.recheckRequestBy, now),
  };
}

const caseRef = (r: CaseRefRow) => ({
  id: r.id,
  caseNo: r.caseNo,
  status: r.status as ComplaintState,
  statusLabel: COMPLAINT_STATE_LABELS[r.status as ComplaintState],
  registeredAt: r.registeredAt.toISOString(),
});

export interface StaffDetailContext {
  now: Date;
  attachments: UploadRef[];
  allowedActions: ComplaintAction[];
  repeats: { repeatOf: CaseRefRow[]; repeatedBy: CaseRefRow[] };
  ticketStatuses: Map<string, string>;
}

export function staffComplaintDetail(c: ComplaintRecord, ctx: StaffDetailContext): StaffComplaintDetail {
  return {
    ...detailCommon(c, ctx.now, ctx.attachments),
    petitioner: {
      name: c.petitioner.name,
      // the full number only through POST …/reveal-id, one audited read at a time
      idNumberMasked: c.petitioner.idNumberMasked,
      phone: c.petitioner.phone,
      address: c.petitioner.address,
    },
    citizenId: c.citizenId ?? undefined,
    registeredBy: { kind: c.registeredBy.kind, name: c.registeredBy.name || c.registeredBy.label },
    linkedTickets: c.linkedTickets.map((l) => ({ id: l.id, trackingNo: l.trackingNo, status: ctx.ticketStatuses.get(l.id), linkedAt: l.linkedAt.toISOString() })),
    repeatOf: ctx.repeats.repeatOf.map(caseRef),
    repeatedBy: ctx.repeats.repeatedBy.map(caseRef),
    repeatsFinalCase: ctx.repeats.repeatOf.some((r) => r.status === 'final'),
    nameConflicts: nameConflictsOf(c),
    timeline: c.timeline.map((e) => ({ ...timelineFields(e), actor: { kind: e.actor.kind, id: e.actor.id, name: e.actor.name }, note: e.note ?? undefined })),
    allowedActions: ctx.allowedActions,
    version: c.version,
  };
}

/** Earlier cases of this ID number under another name (flagged at registration). */
export function nameConflictsOf(c: Pick<ComplaintRecord, 'nameConflicts'>): { id: string; caseNo: string; name: string }[] {
  return (c.nameConflicts ?? []).map((n) => ({ id: n.id, caseNo: n.caseNo, name: n.name }));
}
