import type { ComplaintAction, ComplaintChannel, ComplaintDecision, ComplaintState, ComplaintType } from '@cgt/shared/complaint/machine';
import { http } from './request';
import type { Paged } from './types';

/** 信访 registry for complaint officers and admins (issue 8): /api/v1/admin/complaints. Dates are ISO UTC. */

export type { ComplaintAction, ComplaintChannel, ComplaintDecision, ComplaintState, ComplaintType };

export interface ComplaintDeadlines {
  acceptBy: string;
  concludeBy: string | null;
  reviewRequestBy: string | null;
  reviewBy: string | null;
  recheckRequestBy: string | null;
  recheckBy: string | null;
}

/** The deadline currently running (the office's, or the petitioner's appeal window). */
export interface Due {
  kind: 'accept' | 'conclude' | 'review' | 'recheck' | 'review_request' | 'recheck_request';
  at: string;
  daysLeft: number;
  overdue: boolean;
  dueSoon: boolean;
}

interface ComplaintCommon {
  id: string;
  caseNo: string;
  type: ComplaintType;
  typeLabel: string;
  channel: ComplaintChannel;
  channelLabel: string;
  status: ComplaintState;
  statusLabel: string;
  registeredAt: string;
  deadlines: ComplaintDeadlines;
  due: Due | null;
  window: Due | null;
}

export interface ComplaintItem extends ComplaintCommon {
  summary: string;
  petitionerName: string;
  /** as the server masks it */
  idNumberMasked: string;
  districtCode?: string;
  districtName?: string;
  departmentId?: string;
  departmentName?: string;
  extended: boolean;
  isRepeat: boolean;
  repeatOfCaseNos: string[];
  linkedTicketCount: number;
  version: number;
}

export interface ComplaintReply {
  stage: 'conclusion' | 'review' | 'recheck';
  stageLabel: string;
  decision: ComplaintDecision;
  decisionLabel: string;
  text: string;
  basis: string;
  at: string;
}

export interface ComplaintTimelineEntry {
  type: string;
  label: string;
  at: string;
  actorLabel: string;
  actor?: { kind: string; id: string; name: string };
  fromStatus?: ComplaintState;
  toStatus?: ComplaintState;
  reason?: string;
  redirectTo?: string;
  transferTo?: string;
  departmentName?: string;
  days?: number;
  reply?: string;
  decision?: ComplaintDecision;
  basis?: string;
  satisfaction?: string;
  note?: string;
}

interface CaseRef {
  id: string;
  caseNo: string;
  status: ComplaintState;
  statusLabel: string;
  registeredAt: string;
}

export interface ComplaintDetail extends ComplaintCommon {
  content: string;
  request: string;
  facts?: string;
  attachments: { id: string; url: string; thumbnailUrl?: string }[];
  district?: { code: string; name: string };
  department?: { id: string; name: string };
  extension?: { days: number; reason: string; at: string };
  notAccepted?: { reason: string; redirectTo: string };
  transferredTo?: string;
  replies: ComplaintReply[];
  ratings: { stage: string; satisfaction: string; comment?: string; at: string }[];
  petitioner: { name: string; idNumber?: string; idNumberMasked: string; phone: string; address: string };
  registeredBy: { kind: string; name: string };
  linkedTickets: { id: string; trackingNo: string; status?: string; linkedAt: string }[];
  repeatOf: CaseRef[];
  repeatedBy: CaseRef[];
  repeatsFinalCase: boolean;
  timeline: ComplaintTimelineEntry[];
  allowedActions: ComplaintAction[];
  version: number;
}

export interface ComplaintListQuery {
  status?: ComplaintState;
  channel?: ComplaintChannel;
  type?: ComplaintType;
  overdue?: 'true';
  dueSoon?: 'true';
  repeat?: 'true';
  districtCode?: string;
  q?: string;
  sort?: '-registeredAt' | 'registeredAt' | 'due';
  page?: number;
  pageSize?: number;
}

export function listComplaints(query: ComplaintListQuery): Promise<Paged<ComplaintItem>> {
  return http.get<Paged<ComplaintItem>>('/admin/complaints', { ...query });
}

/** 积案: open cases past the office deadline, earliest due first. */
export function listBacklog(query: { page?: number; pageSize?: number }): Promise<Paged<ComplaintItem>> {
  return http.get<Paged<ComplaintItem>>('/admin/complaints/backlog', query);
}

/** Cases of one ID number: POST so the number never lands in a URL (access log). */
export function searchByIdNumber(idNumber: string, page = 1, pageSize = 20): Promise<Paged<ComplaintItem>> {
  return http.post<Paged<ComplaintItem>>('/admin/complaints/search', { idNumber, page, pageSize });
}

export interface RegisterComplaintInput {
  channel: 'letter' | 'visit' | 'phone' | 'hotline_12345';
  type: ComplaintType;
  content: string;
  request: string;
  facts?: string;
  petitioner: { name: string; idNumber: string; phone: string; address: string };
  districtCode?: string;
  receivedAt?: string;
  note?: string;
}

export interface RegisterComplaintResult {
  id: string;
  caseNo: string;
  status: ComplaintState;
  statusLabel: string;
  deadlines: ComplaintDeadlines;
  due: Due | null;
  repeatOf: { id: string; caseNo: string }[];
}

/** POST /admin/complaints with an Idempotency-Key so a double click registers once. */
export function registerComplaint(body: RegisterComplaintInput, idempotencyKey: string): Promise<RegisterComplaintResult> {
  return http.post<RegisterComplaintResult>('/admin/complaints', body, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function getComplaint(id: string): Promise<ComplaintDetail> {
  return http.get<ComplaintDetail>(`/admin/complaints/${encodeURIComponent(id)}`);
}

export interface ComplaintActionInput {
  action: ComplaintAction;
  version?: number;
  note?: string;
  reason?: string;
  redirectTo?: string;
  transferTo?: string;
  departmentId?: string;
  days?: number;
  reply?: string;
  decision?: ComplaintDecision;
  basis?: string;
}

/** POST /admin/complaints/:id/actions → the updated case (409 on an illegal action or a stale version). */
export function complaintAction(id: string, body: ComplaintActionInput): Promise<ComplaintDetail> {
  return http.post<ComplaintDetail>(`/admin/complaints/${encodeURIComponent(id)}/actions`, body);
}

export function linkTicket(id: string, ticket: string): Promise<ComplaintDetail> {
  return http.post<ComplaintDetail>(`/admin/complaints/${encodeURIComponent(id)}/tickets`, { ticket });
}

export function unlinkTicket(id: string, ticketId: string): Promise<ComplaintDetail> {
  return http.del<ComplaintDetail>(`/admin/complaints/${encodeURIComponent(id)}/tickets/${encodeURIComponent(ticketId)}`);
}
