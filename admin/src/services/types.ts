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
}

export interface CodeName {
  code: string;
  name: string;
}

export interface IdName {
  id: string;
  name: string;
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
  action: TicketAction | 'create' | string;
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

export interface TicketListItem {
  id: string;
  trackingNo: string;
  status: TicketStatus;
  categoryCode: string;
  category?: CodeName;
  description: string;
  address?: string;
  location: { lat: number; lng: number };
  district: CodeName;
  zone?: IdName | null;
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
  rating?: { satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied'; comment?: string; at?: string };
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
  parentCode?: string;
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
  disabled?: boolean;
  lockedUntil?: string | null;
  lastLoginAt?: string | null;
  createdAt?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor?: { id?: string; username?: string; displayName?: string } | null;
  actorId?: string;
  action: string;
  target?: { type?: string; id?: string; label?: string } | string | null;
  ip?: string;
  details?: unknown;
}
