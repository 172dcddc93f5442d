/**
 * API shapes the mini-program relies on (contract of issue 3). Fields marked optional are read defensively:
 * the server is built in parallel, so the UI tolerates their absence.
 */

import type { NearbyOpenReport } from '@cgt/shared/schemas/reports'

export type TicketStatus =
  | 'submitted'
  | 'accepted'
  | 'dispatched'
  | 'resolved'
  | 'closed'
  | 'rejected'
  | 'withdrawn'

export type CoordSys = 'gcj02' | 'wgs84'
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied'

export interface CitizenUser {
  id: string
  nickname?: string
  avatarUrl?: string
}

export interface LoginResponse {
  token: string
  user: CitizenUser
}

export interface Category {
  code: string
  name: string
  group: string
  slaHours?: number
  urgent?: boolean
  notice?: string | null
}

export interface Named {
  code?: string
  id?: string
  name: string
}

export interface RoutingResult {
  district: { code: string; name: string }
  zone?: { id?: string; code?: string; name: string } | null
  department?: { id: string; name: string } | null
  reason?: string
}

export interface UploadResult {
  id: string
  url: string
  thumbnailUrl?: string
  width?: number
  height?: number
}

export interface Photo {
  id?: string
  url: string
  thumbnailUrl?: string
}

/** Open reports of the same kind nearby, as a resident sees them (no other resident's ticket, number or time). */
export type DuplicateHint = NearbyOpenReport

export interface ReportCreateBody {
  categoryCode: string
  description: string
  location: { lat: number; lng: number; coordSys: CoordSys }
  address?: string
  photoIds: string[]
  contactPhone?: string
  anonymous?: boolean
}

export interface ReportCreated {
  id: string
  trackingNo: string
  status: TicketStatus
  district: { code: string; name: string }
  zone?: { name: string } | null
  department?: { name: string } | null
  dueAt?: string
  possibleDuplicates?: DuplicateHint[]
  /** 附近已有 N 条同类问题正在处理 */
  nearbyNotice?: string
}

export interface TimelineEvent {
  action?: string
  type?: string
  event?: string
  from?: TicketStatus
  to?: TicketStatus
  toStatus?: TicketStatus
  /** Server-side label (shared TIMELINE_EVENT_LABELS); ours win for the closed-loop steps. */
  label?: string
  actorLabel?: string
  reply?: string
  satisfaction?: Satisfaction
  photos?: Photo[]
  at?: string
  createdAt?: string
  note?: string
  reason?: string
  actorName?: string
  actorRole?: string
  departmentName?: string
}

export interface Reply {
  content?: string
  text?: string
  reply?: string
  at?: string
  createdAt?: string
  authorName?: string
  departmentName?: string
  photos?: Photo[]
}

export interface ReportSummary {
  id: string
  trackingNo: string
  status: TicketStatus
  categoryCode?: string
  categoryName?: string
  category?: { code: string; name: string }
  description?: string
  address?: string
  district?: { code: string; name: string }
  createdAt?: string
  dueAt?: string
  overdue?: boolean
  /** List items say whether the resident has rated already. */
  rated?: boolean
  photos?: Photo[]
  thumbnailUrl?: string
}

export interface ReportDetail extends ReportSummary {
  location?: { lat: number; lng: number }
  zone?: { name: string } | null
  department?: { name: string } | null
  timeline?: TimelineEvent[]
  replies?: Reply[]
  afterPhotos?: Photo[]
  /** Server name for the rating (shared ReportDetail); `rating` accepted as an alias. */
  satisfaction?: { value: Satisfaction; comment?: string; at?: string } | null
  rating?: { satisfaction: Satisfaction; comment?: string; at?: string } | null
  canRate?: boolean
  canWithdraw?: boolean
  reworkCount?: number
  closedAt?: string
  resolvedAt?: string
  anonymous?: boolean
  contactPhone?: string
}

export interface Paged<T> {
  items: T[]
  total: number
}
