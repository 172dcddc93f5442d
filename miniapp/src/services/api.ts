/** Typed calls for the citizen API (types from @cgt/shared). All go through request.ts. */
import { request } from './request'
import type { ResidentTab } from '@cgt/shared/ticket/resident-tabs'
import type {
  Category,
  CoordSys,
  ReportCreateBody,
  ReportCreated,
  ReportDetail,
  ReportSummary,
  RoutingResult,
  Satisfaction,
} from './types'

export function fetchCategories(): Promise<Category[]> {
  return request<Category[]>({ url: '/api/v1/categories' })
}

export function resolveRouting(p: { lat: number; lng: number; coordSys: CoordSys; categoryCode?: string }) {
  return request<RoutingResult>({ url: '/api/v1/routing/resolve', query: p })
}

export function createReport(body: ReportCreateBody, idempotencyKey: string) {
  return request<ReportCreated>({
    url: '/api/v1/reports',
    method: 'POST',
    data: body,
    header: { 'Idempotency-Key': idempotencyKey },
  })
}

/**
 * 我的诉求, newest first: pass the previous page's `nextCursor` for older ones (null = no more). A tab other
 * than 全部 is filtered by the server (shared/ticket/resident-tabs.ts).
 */
export function fetchMyReports(cursor: string | null, pageSize = 20, tab: ResidentTab = 'all') {
  return request<{ items: ReportSummary[]; nextCursor: string | null }>({
    url: '/api/v1/reports/mine',
    query: { pageSize, cursor, group: tab === 'all' ? undefined : tab },
  })
}

export function fetchReport(id: string) {
  return request<ReportDetail>({ url: `/api/v1/reports/${encodeURIComponent(id)}` })
}

export function rateReport(id: string, satisfaction: Satisfaction, comment?: string) {
  return request<ReportDetail>({
    url: `/api/v1/reports/${encodeURIComponent(id)}/rating`,
    method: 'POST',
    data: comment ? { satisfaction, comment } : { satisfaction },
  })
}

export function withdrawReport(id: string) {
  return request<ReportDetail>({ url: `/api/v1/reports/${encodeURIComponent(id)}/withdraw`, method: 'POST', data: {} })
}
