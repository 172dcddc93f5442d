/**
 * Statutory time limits of the 《信访工作条例》 (2022), counted in CALENDAR days (the regulation says "日",
 * not 工作日) with addCalendarDays: the period starts the day after the triggering event and ends at 24:00
 * Shanghai time of its last day (民法典 第201条 counting). Holidays do not move the end.
 *
 * Office deadlines (the bureau owes something; late = 积案):
 *   acceptBy   = registration + 15 days            (受理告知 / 转送交办)
 *   concludeBy = acceptance   + 60 days (+ ≤30 once, with a reason)  (办结, 书面答复)
 *   reviewBy   = 复查 request  + 30 days            (复查意见)
 *   recheckBy  = 复核 request  + 30 days            (复核意见)
 * Petitioner windows (the petitioner may still act; late → 422):
 *   reviewRequestBy  = written reply  + 30 days
 *   recheckRequestBy = 复查 reply      + 30 days
 */
import { addCalendarDays, SHANGHAI_OFFSET_MS } from '../calendar/working-time';
import type { ComplaintState } from './machine';

export const COMPLAINT_LIMIT_DAYS = {
  accept: 15,
  conclude: 60,
  maxExtension: 30,
  reviewRequest: 30,
  review: 30,
  recheckRequest: 30,
  recheck: 30,
} as const;

/** "Due within 3 days" flag in the lists. */
export const DUE_SOON_DAYS = 3;

export interface ComplaintMilestones {
  registeredAt: Date;
  acceptedAt?: Date | null;
  /** days granted by the one extension (absent/0 = none) */
  extensionDays?: number | null;
  /** the written reply (处理意见书) */
  concludedAt?: Date | null;
  reviewRequestedAt?: Date | null;
  reviewConcludedAt?: Date | null;
  recheckRequestedAt?: Date | null;
}

export interface ComplaintDeadlines {
  acceptBy: Date;
  concludeBy: Date | null;
  reviewRequestBy: Date | null;
  reviewBy: Date | null;
  recheckRequestBy: Date | null;
  recheckBy: Date | null;
}

const after = (d: Date | null | undefined, days: number) => (d ? addCalendarDays(d, days) : null);

/** Every deadline that the milestones reached so far determine (null = not started yet). */
export function computeComplaintDeadlines(m: ComplaintMilestones): ComplaintDeadlines {
  const L = COMPLAINT_LIMIT_DAYS;
  return {
    acceptBy: addCalendarDays(m.registeredAt, L.accept),
    concludeBy: after(m.acceptedAt, L.conclude + (m.extensionDays ?? 0)),
    reviewRequestBy: after(m.concludedAt, L.reviewRequest),
    reviewBy: after(m.reviewRequestedAt, L.review),
    recheckRequestBy: after(m.reviewConcludedAt, L.recheckRequest),
    recheckBy: after(m.recheckRequestedAt, L.recheck),
  };
}

export type OfficeDeadlineKind = 'accept' | 'conclude' | 'review' | 'recheck';
export type PetitionerWindowKind = 'review_request' | 'recheck_request';

/** The deadline the office is currently running against, or null when it owes nothing. */
export function officeDeadline(state: ComplaintState, d: ComplaintDeadlines): { kind: OfficeDeadlineKind; at: Date } | null {
  switch (state) {
    case 'registered':
      return { kind: 'accept', at: d.acceptBy };
    case 'accepted':
    case 'handling':
      return d.concludeBy ? { kind: 'conclude', at: d.concludeBy } : null;
    case 'review_requested':
      return d.reviewBy ? { kind: 'review', at: d.reviewBy } : null;
    case 'recheck_requested':
      return d.recheckBy ? { kind: 'recheck', at: d.recheckBy } : null;
    default:
      return null;
  }
}

/** The window in which the petitioner may still appeal, or null. */
export function petitionerWindow(state: ComplaintState, d: ComplaintDeadlines): { kind: PetitionerWindowKind; at: Date } | null {
  if (state === 'concluded' && d.reviewRequestBy) return { kind: 'review_request', at: d.reviewRequestBy };
  if (state === 'review_concluded' && d.recheckRequestBy) return { kind: 'recheck_request', at: d.recheckRequestBy };
  return null;
}

const DAY_MS = 86_400_000;
const dayIndex = (d: Date) => Math.floor((d.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);

export interface DeadlineStatus {
  /** calendar days from today (Shanghai) to the last day: 0 = due today, negative = overdue */
  daysLeft: number;
  overdue: boolean;
  /** not overdue and the last day is at most DUE_SOON_DAYS away */
  dueSoon: boolean;
}

export function deadlineStatus(dueAt: Date, now: Date): DeadlineStatus {
  const overdue = now.getTime() > dueAt.getTime();
  const daysLeft = dayIndex(dueAt) - dayIndex(now);
  return { daysLeft, overdue, dueSoon: !overdue && daysLeft <= DUE_SOON_DAYS };
}

/** Whether `at` is within a window ending at `by` (inclusive: the whole last day counts). */
export function withinDeadline(by: Date | null | undefined, at: Date): boolean {
  return !!by && at.getTime() <= by.getTime();
}

export type ExtensionCheck = { ok: true } | { ok: false; code: 'already_extended' | 'invalid_extension_days' | 'extension_too_late' };

/**
 * One extension of at most 30 days, granted while the original period is still running (an extension
 * approved after the deadline has passed would only hide an overdue case).
 */
export function checkExtension(input: { alreadyExtended: boolean; days: number; concludeBy: Date | null; now: Date }): ExtensionCheck {
  if (input.alreadyExtended) return { ok: false, code: 'already_extended' };
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > COMPLAINT_LIMIT_DAYS.maxExtension) {
    return { ok: false, code: 'invalid_extension_days' };
  }
  if (!withinDeadline(input.concludeBy, input.now)) return { ok: false, code: 'extension_too_late' };
  return { ok: true };
}
