/**
 * The API shapes the mini-program uses: the server's own schemas (@cgt/shared, type-only imports, so nothing
 * lands in the bundle). Only the few client-side names live here.
 */
import type { TicketState } from '@cgt/shared/ticket/machine'
import type { Satisfaction as SatisfactionLevel } from '@cgt/shared/ticket/rating'
import type { CategoryView } from '@cgt/shared/schemas/categories'
import type { RoutingResolveResponse } from '@cgt/shared/schemas/routing'
import type { UploadRefDto } from '@cgt/shared/schemas/uploads'
import type { CitizenLoginResponse, CitizenUser as SharedCitizenUser } from '@cgt/shared/schemas/auth'
import type {
  CreateReportRequest,
  CreateReportResponse,
  MyReportItem,
  NearbyOpenReport,
  ReportDetail as SharedReportDetail,
  ResidentTimelineEntry,
} from '@cgt/shared/schemas/reports'

export type TicketStatus = TicketState
export type CoordSys = CreateReportRequest['location']['coordSys']
export type Satisfaction = SatisfactionLevel
export type CitizenUser = SharedCitizenUser
export type LoginResponse = CitizenLoginResponse
export type Category = CategoryView
export type RoutingResult = RoutingResolveResponse
export type UploadResult = UploadRefDto
export type Photo = UploadRefDto
/** Open reports of the same kind nearby, as a resident sees them (no other resident's ticket, number or time). */
export type DuplicateHint = NearbyOpenReport
export type ReportCreateBody = CreateReportRequest
export type ReportCreated = CreateReportResponse
export type TimelineEvent = ResidentTimelineEntry
export type ReportSummary = MyReportItem
export type ReportDetail = SharedReportDetail
