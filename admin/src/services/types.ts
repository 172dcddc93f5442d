/** Types of the /api/v1 contract (server issue 3) as the console reads them. */

export type Role = 'admin' | 'dispatcher' | 'handler' | 'complaint_officer' | 'viewer';

export type TicketStatus =
  | 'submitted'
  | 'accepted'
  | 'dispatched'
  | 'resolved'
  | 'closed'
  | 'rejected'
  | 'withdrawn';

export type TicketAction =
  | 'accept'
  | 'reject'
  | 'dispatch'
  | 'return'
  | 'resolve'
  | 'verify'
  | 'rework'
  | 'reopen'
  | 'transfer'
  | 'withdraw';

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

export interface TimelineEntry {
  at: string;
  /** Event id (shared TIMELINE_EVENTS: created, dispatched…); `action` or `event` accepted too. */
  type?: string;
  event?: string;
  action?: TicketAction | string;
  /** Server-provided Chinese label and actor label, preferred when present. */
  label?: string;
  actorLabel?: string;
  photos?: Photo[];
  fromStatus?: TicketStatus;
  toStatus?: TicketStatus;
  actor?: { id?: string; displayName?: string; role?: Role | 'citizen' | 'system' };
  note?: string;
  reason?: string;
  reply?: string;
  departmentId?: string;
  departmentName?: string;
  photoIds?: string[];
}

export interface Routing {
  districtCode?: string;
  zoneId?: string;
  departmentId?: string;
  ruleId?: string;
  reason?: string;
  transferredBy?: string;
  transferReason?: string;
}

export interface DuplicateSuggestion {
  id: string;
  trackingNo: string;
  status: TicketStatus;
  description?: string;
  createdAt?: string;
  distanceMeters?: number;
}

export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export interface TicketListItem {
  id: string;
  trackingNo: string;
  status: TicketStatus;
  categoryCode: string;
  category?: CodeName;
  categoryName?: string;
  description: string;
  address?: string;
  location: { lat: number; lng: number };
  district: CodeName;
  zone?: ZoneRef | null;
  department?: IdName | null;
  dueAt?: string;
  overdue?: boolean;
  createdAt: string;
  updatedAt?: string;
}

export interface TicketDetail extends TicketListItem {
  photos?: Photo[];
  afterPhotos?: Photo[];
  timeline?: TimelineEntry[];
  routing?: Routing;
  /** Masked by the server (138****1234) unless the role may see it. */
  contactPhone?: string | null;
  anonymous?: boolean;
  reporterName?: string;
  possibleDuplicates?: DuplicateSuggestion[];
  rating?: { satisfaction: Satisfaction; comment?: string; at?: string };
  satisfaction?: { value: Satisfaction; comment?: string; at?: string };
  replies?: { at: string; departmentName?: string; text: string; photos?: Photo[] }[];
  reworkCount?: number;
  duplicateOf?: string | null;
  version?: number;
}

export interface Department {
  id: string;
  name: string;
  districtCode: string;
  zoneId?: string;
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
export interface District {
  code: string;
  name: string;
  kind: 'district' | 'zone';
  /** Zones: their id (used as zoneId in transfers) and the district they lie in. */
  id?: string;
  /** Zones: the district(s) they lie in (first = parentCode). */
  parentCode?: string;
  parentCodes?: string[];
  demo?: boolean;
  geometry?: GeoGeometry;
}

export interface GeoGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface ReplyTemplate {
  id: string;
  title: string;
  text: string;
  categoryCode?: string | null;
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
