import { http, type RequestOptions } from './request';
import type { ContentReleaseRequest, TicketListQuery } from '@cgt/shared/schemas/tickets';
import type { SuperviseRequest } from '@cgt/shared/schemas/stats';
import type { TicketAction, TicketDetail, TicketListResponse, TicketStatus } from './types';

/** Query of GET /admin/tickets (all optional). */
export interface TicketQuery {
  status?: TicketStatus;
  districtCode?: string;
  categoryCode?: string;
  departmentId?: string;
  overdue?: boolean;
  q?: string;
  from?: string;
  to?: string;
  sort?: TicketListQuery['sort'];
  /** 考核 drill-down (shared StatDrillQuery): from/to are then the period's days YYYY-MM-DD */
  stat?: TicketListQuery['stat'];
  statUnit?: TicketListQuery['statUnit'];
  statUnitKind?: TicketListQuery['statUnitKind'];
  page?: number;
  pageSize?: number;
}

/** Body of POST /admin/tickets/:id/transitions. */
export interface TransitionBody {
  action: TicketAction;
  note?: string;
  reason?: string;
  departmentId?: string;
  reply?: string;
  photoIds?: string[];
  /** transfer: target district adcode, or zone code */
  districtCode?: string;
  zoneCode?: string;
  /** 合并: reject as duplicate of this ticket (id or tracking number). */
  duplicateOf?: string;
  /** Optimistic concurrency: the version shown; a newer one on the server → 409 conflict. */
  version?: number;
}

/** GET /admin/tickets → `{items,total,counts}` (counts per tab under the same filters). */
export function listTickets(query: TicketQuery, signal?: AbortSignal): Promise<TicketListResponse> {
  return http.get<TicketListResponse>('/admin/tickets', { ...query }, { signal });
}

export function getTicket(id: string, opts?: RequestOptions): Promise<TicketDetail> {
  return http.get<TicketDetail>(`/admin/tickets/${encodeURIComponent(id)}`, undefined, opts);
}

/** 督办: a note and a deadline on an open ticket (same endpoint; the state does not change). */
export function supervise(id: string, body: Omit<SuperviseRequest, 'action'>, opts?: RequestOptions): Promise<TicketDetail> {
  return http.post<TicketDetail>(`/admin/tickets/${encodeURIComponent(id)}/transitions`, { ...body, action: 'supervise' }, opts);
}

/** 待审核 → 放行 (dispatcher); answers the updated ticket. */
export function releaseContentHold(id: string, body: ContentReleaseRequest, opts?: RequestOptions): Promise<TicketDetail> {
  return http.post<TicketDetail>(`/admin/tickets/${encodeURIComponent(id)}/content-release`, body, opts);
}

/** Applies one state-machine action; 409 invalid_transition / conflict are shown by the error policy. */
export function transition(id: string, body: TransitionBody, opts?: RequestOptions): Promise<TicketDetail> {
  return http.post<TicketDetail>(`/admin/tickets/${encodeURIComponent(id)}/transitions`, body, opts);
}
