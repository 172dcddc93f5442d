import { http, type RequestOptions } from './request';
import type { ExtensionApplyRequest, ExtensionDecisionRequest } from '@cgt/shared/schemas/tickets';
import type { TicketDetail } from './types';

/** 延期 on POST /admin/tickets/:id/transitions (the state does not change): apply, approve, refuse. */
export type ExtensionBody = ExtensionApplyRequest | ExtensionDecisionRequest;

export function extensionStep(id: string, body: ExtensionBody, opts?: RequestOptions): Promise<TicketDetail> {
  return http.post<TicketDetail>(`/admin/tickets/${encodeURIComponent(id)}/transitions`, body, opts);
}
