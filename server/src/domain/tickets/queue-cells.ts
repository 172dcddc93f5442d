import type { TicketState } from '@cgt/shared/ticket/machine';
import { RUNNING_STATES } from './sla.js';

/**
 * How the staff queue is cut into small equality sets (FerretDB pushes only
 * top-level equality down and sorts/counts in its own memory over every match, ~100 µs a row).
 *
 * A **cell** is one scope a principal can read: the whole city, one county-level district, one functional
 * zone, one department's dispatched work, or that department's work inside one district/zone. Every
 * queue row belongs to a few cells; a principal reads the cells of its scope, never a filter with $or/$in.
 * A **bucket** is cell × status × due day (Asia/Shanghai): small enough to count or sort in a few ms.
 * The bucket directory (queue_counts) holds the exact row count of every non-empty bucket.
 */

export type CellKind = 'all' | 'district' | 'zone' | 'dept' | 'deptDistrict' | 'deptZone';

export interface QueueCellSource {
  districtCode: string;
  zoneCode?: string | null;
  assignedDepartmentId?: string | null;
}

/** Equality filter (on ticket_queue fields) that selects exactly one cell's rows. */
export type CellFilter = Partial<Record<'districtCode' | 'zoneCode' | 'assignedDepartmentId', string>>;

export function cellId(kind: CellKind, a?: string, b?: string): string {
  return [kind, a, b].filter((x) => x !== undefined).join(':');
}

/** The cells a row counts in. */
export function cellsOfRow(r: QueueCellSource): string[] {
  const out = [cellId('all'), cellId('district', r.districtCode)];
  if (r.zoneCode) out.push(cellId('zone', r.zoneCode));
  if (r.assignedDepartmentId) {
    out.push(cellId('dept', r.assignedDepartmentId), cellId('deptDistrict', r.assignedDepartmentId, r.districtCode));
    if (r.zoneCode) out.push(cellId('deptZone', r.assignedDepartmentId, r.zoneCode));
  }
  return out;
}

export function cellFilter(cell: string): CellFilter {
  const [kind, a, b] = cell.split(':') as [CellKind, string | undefined, string | undefined];
  switch (kind) {
    case 'all':
      return {};
    case 'district':
      return { districtCode: a! };
    case 'zone':
      return { zoneCode: a! };
    case 'dept':
      return { assignedDepartmentId: a! };
    case 'deptDistrict':
      return { assignedDepartmentId: a!, districtCode: b! };
    case 'deptZone':
      return { assignedDepartmentId: a!, zoneCode: b! };
  }
}

export interface CellPrincipal {
  districtCodes: readonly string[];
  departmentIds: readonly string[];
  departmentOnly: boolean;
}

/**
 * The cells whose union is exactly what the principal may see (policies/tickets.ts canReadTicket).
 * A code in districtCodes may name a county or a zone; both cells are read (one of them is empty).
 * `disjoint` is false when one ticket could sit in two of the cells (a county and a zone both listed):
 * then rows are de-duplicated by id and counts are taken from the rows, not summed from the directory.
 */
export function cellsForPrincipal(p: CellPrincipal): { cells: string[]; disjoint: boolean } {
  const codes = [...new Set(p.districtCodes)];
  if (p.departmentOnly) {
    const deps = [...new Set(p.departmentIds)];
    if (codes.length === 0) return { cells: deps.map((d) => cellId('dept', d)), disjoint: true };
    const cells = deps.flatMap((d) => codes.flatMap((c) => [cellId('deptDistrict', d, c), cellId('deptZone', d, c)]));
    return { cells, disjoint: codes.length <= 1 };
  }
  if (codes.length === 0) return { cells: [cellId('all')], disjoint: true };
  return { cells: codes.flatMap((c) => [cellId('district', c), cellId('zone', c)]), disjoint: codes.length <= 1 };
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Calendar day in Asia/Shanghai (no DST), e.g. "2026-12-01". */
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Calendar month in Asia/Shanghai, e.g. "2026-12". */
export function shanghaiMonth(d: Date): string {
  return shanghaiDay(d).slice(0, 7);
}

export function bucketId(cell: string, status: TicketState | string, dueDay: string): string {
  return `${cell}|${status}|${dueDay}`;
}

export function parseBucketId(id: string): { cell: string; status: string; dueDay: string } {
  const [cell, status, dueDay] = id.split('|') as [string, string, string];
  return { cell, status, dueDay };
}

export function bucketsOfRow(r: QueueCellSource & { status: string; dueDay: string }): string[] {
  return cellsOfRow(r).map((c) => bucketId(c, r.status, r.dueDay));
}

/** Final tickets stay in the hot queue this long after they became final, then only in ticket_rows. */
export const HOT_FINAL_DAYS = 30;

export function isHot(status: TicketState, finalAt: Date | null | undefined, now: Date): boolean {
  if (RUNNING_STATES.includes(status) || !finalAt) return true;
  return now.getTime() - finalAt.getTime() < HOT_FINAL_DAYS * 86400_000;
}
