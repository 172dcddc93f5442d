import type { StaffRole, TicketAction, TicketState } from '@cgt/shared/ticket/machine';
import type { Satisfaction } from '@cgt/shared/ticket/rating';
import type { Supervision } from '@cgt/shared/schemas/stats';
import type {
  StaffTimelineEntry,
  TicketCounts as SharedTicketCounts,
  TicketDetail as SharedTicketDetail,
  TicketListItem as SharedTicketListItem,
  TicketListResponse as SharedTicketListResponse,
} from '@cgt/shared/schemas/tickets';
import type { DuplicateSuggestion as SharedDuplicateSuggestion } from '@cgt/shared/schemas/reports';
import type { DistrictView } from '@cgt/shared/schemas/districts';
import type { StaffMe } from '@cgt/shared/schemas/auth';
import type { AuditEntryView, StaffUserView } from '@cgt/shared/schemas/users';
import type { DepartmentView } from '@cgt/shared/schemas/departments';
import type { CategoryView } from '@cgt/shared/schemas/categories';
import type { UploadRefDto } from '@cgt/shared/schemas/uploads';
import type { AreaGeometry } from '@cgt/shared/geo/polygon';
import type { ReplyTemplate as SharedReplyTemplate } from '@cgt/shared/schemas/templates';

/** Types of the /api/v1 contract as the console reads them. */

export type Role = StaffRole;

export type TicketStatus = TicketState;

export type { TicketAction };

/** Paged list envelope: `{items,total}` (ProTable takes it as is). */
export interface Paged<T> {
  items: T[];
  total: number;
}

/** The staff account as returned by POST /auth/login. */
export type StaffUser = StaffMe;

/** An uploaded photo as POST /uploads answers it (also each photo of a ticket). */
export type Photo = UploadRefDto;

/** One timeline entry: `type` is a shared TIMELINE_EVENTS id, `label` its Chinese text. */
export type TimelineEntry = StaffTimelineEntry;

export type DuplicateSuggestion = SharedDuplicateSuggestion;

export type { Satisfaction };

/** Row of GET /admin/tickets (flat district/zone/department names). */
export type TicketListItem = SharedTicketListItem;

/** Counts per workbench tab, returned with every list page. */
export type TicketCounts = SharedTicketCounts;

export type TicketListResponse = SharedTicketListResponse;

export type TicketDetail = SharedTicketDetail;

/** A handling unit; `districtCode` is the district adcode or zone code it serves (zoneId = zone code). */
export type Department = DepartmentView;

export type Category = CategoryView;

/** A district (adcode) or functional zone (its code, e.g. Z-NHXQ, is also the zoneId of a transfer). */
export type District = Omit<DistrictView, 'geometry'> & { geometry?: AreaGeometry };

export type ReplyTemplate = SharedReplyTemplate;

export type AdminUser = StaffUserView;

export type AuditEntry = AuditEntryView;
