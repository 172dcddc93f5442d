import type { StaffRole, TicketAction, TicketState } from '@cgt/shared/ticket/machine';
import type { Satisfaction } from '@cgt/shared/ticket/rating';
import type { Supervision } from '@cgt/shared/schemas/stats';
import type { TicketDetail as SharedTicketDetail } from '@cgt/shared/schemas/tickets';
import type { DistrictView } from '@cgt/shared/schemas/districts';

/** Types of the /api/v1 contract (server issue 3) as the console reads them. */

export type Role = StaffRole;

export type TicketStatus = TicketState;

export type { TicketAction };

/** Paged list envelope: `{items,total}` (ProTable takes it as is). */
export interface Paged<T> {
  items: T[];
  total: number;
}

/** The staff account as returned by POST /auth/login. */
export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Empty = all districts. */
  districtCodes: string[];
  departmentIds?: string[];
  /** Set for generated initial passwords: the console asks for a new one first. */
  mustChangePassword?: boolean;
}

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

/** One timeline entry (shared StaffTimelineEntry): `type` is a shared TIMELINE_EVENTS id, `label` its Chinese text. */
export interface TimelineEntry {
  type: string;
  label?: string;
  at: string;
  /** kind: staff | citizen | system */
  actor?: { kind?: string; id?: string; name?: string };
  fromStatus?: TicketStatus;
  toStatus?: TicketStatus;
  note?: string;
  reason?: string;
  reply?: string;
  photos?: Photo[];
  departmentId?: string;
  departmentName?: string;
  districtCode?: string;
  zoneCode?: string;
  duplicateOf?: string;
  satisfaction?: Satisfaction;
  /** 督办 entries: the deadline. */
  deadline?: string;
}

export interface DuplicateSuggestion {
  id: string;
  trackingNo: string;
  categoryCode?: string;
  status: TicketStatus;
  createdAt?: string;
  distanceMeters?: number;
}

export type { Satisfaction };

/** Row of GET /admin/tickets (flat district/zone/department names). */
export interface TicketListItem {
  id: string;
  trackingNo: string;
  status: TicketStatus;
  statusLabel?: string;
  categoryCode: string;
  categoryName?: string;
  description: string;
  address?: string;
  districtCode: string;
  districtName: string;
  zoneCode?: string;
  zoneName?: string;
  departmentId?: string;
  departmentName?: string;
  createdAt: string;
  dueAt: string;
  overdue: boolean;
  /** Working hours left until dueAt (negative once overdue); absent when the clock stopped. */
  remainingWorkingHours?: number;
  reworkCount?: number;
  /** Optimistic concurrency: sent back with a transition. */
  version?: number;
  /** An open 督办 (red tag, top of the handler's queue). */
  supervision?: Supervision;
  /** 考核 drill-down lists: when the counted event happened. */
  statAt?: string;
  /** 待审核: held by the content check until a dispatcher releases it. */
  contentHeld?: boolean;
}

/** Counts per workbench tab, returned with every list page. */
export type TicketCounts = Record<'submitted' | 'accepted' | 'dispatched' | 'resolved' | 'closed' | 'rejected' | 'overdue', number>;

export interface TicketListResponse extends Paged<TicketListItem> {
  counts?: TicketCounts;
}

export interface TicketDetail extends TicketListItem {
  location: { lat: number; lng: number };
  contentHold?: SharedTicketDetail['contentHold'];
  district: CodeName;
  zone?: ZoneRef;
  department?: IdName;
  /** phone is masked (138****1234) unless the role may see it. */
  reporter?: { anonymous: boolean; phone?: string; phoneMasked?: boolean };
  /** where it was filed: a resident (mini-program / H5) or an Open311 client named by its key */
  source?: { kind: 'resident' | 'open311'; label: string; contactName?: string; email?: string };
  /** extra facts the category asks for (Open311 service attributes) */
  attributes?: { code: string; label: string; text: string }[];
  routing?: Routing;
  photos?: Photo[];
  afterPhotos?: Photo[];
  timeline?: TimelineEntry[];
  possibleDuplicates?: DuplicateSuggestion[];
  duplicateOf?: string;
  duplicateIds?: string[];
  satisfaction?: { value: Satisfaction; comment?: string; at: string };
  closedAt?: string;
  /** The server's own answer (state machine × role × scope); the console intersects with actions.ts. */
  allowedActions?: TicketAction[];
  /** May the caller 督办 this ticket (the server's answer). */
  canSupervise?: boolean;
}

export interface Routing {
  reason?: string;
  ruleId?: string;
  /** Set by 移交: who moved it, when, why and from which district. */
  movedBy?: { id: string; name: string; at: string; reason: string; fromDistrictCode: string };
}

/** A handling unit; `districtCode` is the district adcode or zone code it serves (zoneId = zone code). */
export interface Department {
  id: string;
  name: string;
  districtCode: string;
  zoneId?: string;
  kind?: string;
  phone?: string;
  active?: boolean;
  demo?: boolean;
}

export interface Category {
  code: string;
  name: string;
  group?: string;
  slaHours?: number;
  urgent?: boolean;
  notice?: string;
}

/** A county-level district or a functional zone, with its polygon (GeoJSON geometry). */
/** A district (adcode) or functional zone (its code, e.g. Z-NHXQ, is also the zoneId of a transfer). */
export type District = Omit<DistrictView, 'geometry'> & { geometry?: GeoGeometry };

export interface GeoGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface ReplyTemplate {
  id: string;
  title: string;
  text: string;
  categoryCode?: string;
  createdBy?: string;
  updatedAt?: string;
}

export interface AdminUser extends StaffUser {
  phone?: string;
  disabled?: boolean;
  lockedUntil?: string | null;
  lastLoginAt?: string | null;
  createdAt?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  /** kind: staff | citizen | anonymous | system */
  actor?: { kind?: string; id?: string; name?: string; username?: string; displayName?: string } | null;
  actorId?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  target?: { type?: string; id?: string; label?: string } | string | null;
  ip?: string;
  details?: Record<string, unknown> | null;
}
