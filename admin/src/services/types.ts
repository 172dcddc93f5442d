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

export interface CodeName {
  code: string;
  name: string;
}

export interface IdName {
  id: string;
  name: string;
}

/** A functional zone on a ticket: identified by its code (e.g. Z-NHXQ), used as zoneId in transfers. */
export interface ZoneRef {
  code?: string;
  id?: string;
  name: string;
  demo?: boolean;
}

/** The zone's identifier, whichever field the server sends. */
export function zoneKey(zone: ZoneRef | null | undefined): string | undefined {
  return zone ? (zone.code ?? zone.id) : undefined;
}

export interface Photo {
  id: string;
  url: string;
  thumbnailUrl?: string;
  width?: number;
  height?: number;
}

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

export interface Routing {
  reason?: string;
  ruleId?: string;
  /** Set by 移交: who moved it, when, why and from which district. */
  movedBy?: { id: string; name: string; at: string; reason: string; fromDistrictCode: string };
}

/** A handling unit; `districtCode` is the district adcode or zone code it serves (zoneId = zone code). */
export type Department = DepartmentView;

export type Category = CategoryView;

/** A district (adcode) or functional zone (its code, e.g. Z-NHXQ, is also the zoneId of a transfer). */
export type District = Omit<DistrictView, 'geometry'> & { geometry?: GeoGeometry };

export interface GeoGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export type ReplyTemplate = SharedReplyTemplate;

export type AdminUser = StaffUserView;

export type AuditEntry = AuditEntryView;
