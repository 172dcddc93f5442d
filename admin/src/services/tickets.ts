import { http, type RequestOptions } from './request';
import type { Paged, TicketAction, TicketDetail, TicketListItem, TicketStatus } from './types';

/** Query of GET /admin/tickets (all optional). `sort`: `dueAt` ascending, `-dueAt` descending. */
export interface TicketQuery {
  status?: TicketStatus;
  districtCode?: string;
  categoryCode?: string;
  departmentId?: string;
  overdue?: boolean;
  q?: string;
  from?: string;
  to?: string;
  sort?: string;
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
  /** transfer */
  districtCode?: string;
  zoneId?: string;
  /** 合并: reject as duplicate of this ticket id. */
  duplicateOf?: string;
}

export function listTickets(query: TicketQuery): Promise<Paged<TicketListItem>> {
  return http.get<Paged<TicketListItem>>('/admin/tickets', { ...query });
}

/** Only the total for a tab (pageSize=1). */
export async function countTickets(query: TicketQuery): Promise<number> {
  const res = await http.get<Paged<TicketListItem>>('/admin/tickets', { ...query, page: 1, pageSize: 1 }, { silent: true });
  return res.total;
}

export function getTicket(id: string, opts?: RequestOptions): Promise<TicketDetail> {
  return http.get<TicketDetail>(`/admin/tickets/${encodeURIComponent(id)}`, undefined, opts);
}

/** Applies one state-machine action; 409 invalid_transition / conflict are shown by the error policy. */
export function transition(id: string, body: TransitionBody, opts?: RequestOptions): Promise<TicketDetail> {
  return http.post<TicketDetail>(`/admin/tickets/${encodeURIComponent(id)}/transitions`, body, opts);
}
