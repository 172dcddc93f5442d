import type { StaffRole } from '../http/auth.js';
import { requireRole, type ScopePrincipal } from './staff-scope.js';

/**
 * Who reads the assessment statistics (考核): leaders (viewer, 局领导), the dispatch centre and admins —
 * each within their district scope (staff-scope.ts: empty districtCodes = the whole city). Handlers and the
 * 信访 office do not. Only admins change the weights. Exports follow the same rules.
 */
export const STATS_READER_ROLES = ['admin', 'viewer', 'dispatcher'] as const satisfies readonly StaffRole[];

export function requireStatsReader(p: ScopePrincipal): void {
  requireRole(p, ...STATS_READER_ROLES);
}
