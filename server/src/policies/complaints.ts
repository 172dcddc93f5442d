import { complaintActionsFrom, type ComplaintAction, type ComplaintState } from '@cgt/shared/complaint/machine';
import { withinDeadline } from '@cgt/shared/complaint/deadlines';
import type { Principal, StaffPrincipal } from '../http/auth.js';
import { fail } from '../http/errors.js';
import type { ComplaintRecord } from '../models/complaint.js';
import { canSeeDistrict, hasRole } from './staff-scope.js';

/**
 * Who may see and act on 信访件:
 * - the complaint office (complaint_officer) and admin: everything, within their districts when the
 *   case names a district (a case without one is visible to every officer); other staff roles: 403 —
 *   信访 files hold sensitive personal data and are not part of the 随手拍 workflow;
 * - a resident: only cases filed from their own account; anyone else's case is answered 404 so that
 *   its existence is not revealed.
 * The full ID-card number is shown only to complaint_officer/admin; everyone else sees it masked.
 */

export const COMPLAINT_STAFF_ROLES = ['complaint_officer', 'admin'] as const;

export function requireComplaintStaff(p: Principal | null): StaffPrincipal {
  if (!p || p.kind !== 'staff' || !hasRole(p, ...COMPLAINT_STAFF_ROLES)) throw fail('forbidden', [], '仅信访工作人员可以访问信访件');
  return p;
}

export function canSeeComplaint(p: StaffPrincipal, c: Pick<ComplaintRecord, 'districtCode'>): boolean {
  return !c.districtCode || canSeeDistrict(p, c.districtCode);
}

/** 404 for a missing case and for one outside the officer's districts. */
export function assertCanSeeComplaint(p: StaffPrincipal, c: ComplaintRecord | null): asserts c is ComplaintRecord {
  if (!c || !canSeeComplaint(p, c)) throw fail('not_found', [], '信访件不存在');
}

export function assertOwnComplaint(citizenId: string, c: ComplaintRecord | null): asserts c is ComplaintRecord {
  if (!c || c.citizenId !== citizenId) throw fail('not_found', [], '信访件不存在');
}

export function canRevealIdNumber(p: Principal): boolean {
  return p.kind === 'staff' && hasRole(p, ...COMPLAINT_STAFF_ROLES);
}

/** The buttons to offer: legal from the state, minus those a stored fact or a closed window rules out. */
export function complaintAllowedActions(c: ComplaintRecord, now: Date): ComplaintAction[] {
  return complaintActionsFrom(c.status as ComplaintState).filter((a) => {
    if (a === 'extend') return !c.extension && withinDeadline(c.deadlines.concludeBy, now);
    if (a === 'request_review') return withinDeadline(c.deadlines.reviewRequestBy, now);
    if (a === 'request_recheck') return withinDeadline(c.deadlines.recheckRequestBy, now);
    return true;
  });
}
