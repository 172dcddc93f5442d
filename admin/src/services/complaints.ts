import type { ComplaintAction, ComplaintChannel, ComplaintDecision, ComplaintState, ComplaintType } from '@cgt/shared/complaint/machine';
import type {
  ComplaintActionInput,
  ComplaintDeadlinesView,
  ComplaintDue,
  ComplaintListQueryInput,
  RevealIdNumberResponse,
  StaffComplaintDetail,
  StaffComplaintItem,
  StaffRegisterComplaintInput,
  StaffRegisterComplaintResponse,
} from '@cgt/shared/schemas/complaints';
import { http } from './request';
import type { Paged } from './types';

/** 信访 registry for complaint officers and admins: /api/v1/admin/complaints. The types are the server's schemas. */

export type { ComplaintAction, ComplaintActionInput, ComplaintChannel, ComplaintDecision, ComplaintState, ComplaintType };
export type ComplaintDeadlines = ComplaintDeadlinesView;
/** The deadline currently running (the office's, or the petitioner's appeal window). */
export type Due = ComplaintDue;
export type ComplaintItem = StaffComplaintItem;
export type ComplaintDetail = StaffComplaintDetail;
/** page/pageSize are coerced on the server; the console sends numbers */
export type ComplaintListQuery = Omit<ComplaintListQueryInput, 'page' | 'pageSize'> & { page?: number; pageSize?: number };
export type RegisterComplaintInput = StaffRegisterComplaintInput;
export type RegisterComplaintResult = StaffRegisterComplaintResponse;

export function listComplaints(query: ComplaintListQuery, signal?: AbortSignal): Promise<Paged<ComplaintItem>> {
  return http.get<Paged<ComplaintItem>>('/admin/complaints', { ...query }, { signal });
}

/** 积案: open cases past the office deadline, earliest due first. */
export function listBacklog(query: { page?: number; pageSize?: number }, signal?: AbortSignal): Promise<Paged<ComplaintItem>> {
  return http.get<Paged<ComplaintItem>>('/admin/complaints/backlog', query, { signal });
}

/** Cases of one ID number: POST so the number never lands in a URL (access log). */
export function searchByIdNumber(idNumber: string, page = 1, pageSize = 20): Promise<Paged<ComplaintItem>> {
  return http.post<Paged<ComplaintItem>>('/admin/complaints/search', { idNumber, page, pageSize });
}

/** POST /admin/complaints with an Idempotency-Key so a double click registers once. */
export function registerComplaint(body: RegisterComplaintInput, idempotencyKey: string): Promise<RegisterComplaintResult> {
  return http.post<RegisterComplaintResult>('/admin/complaints', body, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function getComplaint(id: string): Promise<ComplaintDetail> {
  return http.get<ComplaintDetail>(`/admin/complaints/${encodeURIComponent(id)}`);
}

/** 查看完整: the full ID number, one audited read each time (never cached, never kept in the case state). */
export function revealIdNumber(id: string): Promise<RevealIdNumberResponse> {
  return http.post<RevealIdNumberResponse>(`/admin/complaints/${encodeURIComponent(id)}/reveal-id`, {});
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
