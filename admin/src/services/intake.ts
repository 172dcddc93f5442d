import type { CreateStaffTicketRequest } from '@cgt/shared/schemas/intake';
import { http, type RequestOptions } from './request';
import type { TicketDetail } from './types';

/**
 * 新建工单 (POST /admin/tickets): 201 a new ticket, 200 the ticket a 12345 number already became. The
 * same Idempotency-Key on a resend makes a lost answer safe when there is no number.
 */
export function createStaffTicket(body: CreateStaffTicketRequest, idempotencyKey: string, opts?: RequestOptions): Promise<TicketDetail> {
  return http.post<TicketDetail>('/admin/tickets', body, { ...opts, headers: { ...(opts?.headers ?? {}), 'Idempotency-Key': idempotencyKey } });
}
