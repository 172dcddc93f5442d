/** 信访 calls (logged-in resident). All go through services/request.ts. */
import type { CreateComplaintRequest, CreateComplaintResponse, ResidentComplaintDetail } from '@cgt/shared/schemas/complaints'
import { request } from '../../services/request'
import type { Satisfaction } from '../../services/types'

export type ComplaintBody = Omit<CreateComplaintRequest, 'photoIds'> & { photoIds?: string[] }
export type ComplaintCreated = CreateComplaintResponse
export type ComplaintDetail = ResidentComplaintDetail
export type ComplaintDue = NonNullable<ResidentComplaintDetail['due']>
/** GET /api/v1/complaints/mine items */
export type ComplaintItem = Pick<
  ResidentComplaintDetail,
  'id' | 'caseNo' | 'type' | 'typeLabel' | 'channel' | 'channelLabel' | 'status' | 'statusLabel' | 'registeredAt' | 'deadlines' | 'due' | 'window'
> & { summary: string; hasReply: boolean }

export function createComplaint(body: ComplaintBody, idempotencyKey: string) {
  return request<ComplaintCreated>({ url: '/api/v1/complaints', method: 'POST', data: body, header: { 'Idempotency-Key': idempotencyKey } })
}

export function fetchMyComplaints(page: number, pageSize = 20) {
  return request<{ items: ComplaintItem[]; total: number }>({ url: '/api/v1/complaints/mine', query: { page, pageSize } })
}

export function fetchComplaint(id: string) {
  return request<ComplaintDetail>({ url: `/api/v1/complaints/${encodeURIComponent(id)}` })
}

export function rateComplaint(id: string, satisfaction: Satisfaction, comment?: string) {
  return request<ComplaintDetail>({
    url: `/api/v1/complaints/${encodeURIComponent(id)}/rating`,
    method: 'POST',
    data: comment ? { satisfaction, comment } : { satisfaction },
  })
}

export function requestComplaintReview(id: string, action: 'request_review' | 'request_recheck', reason: string) {
  return request<ComplaintDetail>({ url: `/api/v1/complaints/${encodeURIComponent(id)}/actions`, method: 'POST', data: { action, reason } })
}
