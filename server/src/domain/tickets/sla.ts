import { addSlaHours, slaHoursBetween, type SlaClock } from '@cgt/shared/calendar/working-time';
import { OPEN_STATES, type TicketState } from '@cgt/shared/ticket/machine';

/**
 * SLA clock of a ticket: the deadline counts the category's hours on the category's clock, fixed on the
 * ticket at filing (`slaClock`): Chinese working time (statutory holidays and 调休 via chinese-days) for
 * ordinary categories, natural hours (7×24) for urgent ones; absent = working time. The clock stops once the
 * ticket leaves the bureau's hands.
 */

/** States in which the deadline no longer runs. */
const STOPPED: readonly TicketState[] = ['closed', 'rejected', 'withdrawn'];

export function computeDueAt(createdAt: Date, slaHours: number, clock?: SlaClock | null): Date {
  return addSlaHours(createdAt, slaHours, clock ?? 'working');
}

export function slaRunning(status: TicketState): boolean {
  return !STOPPED.includes(status);
}

/** Past its deadline and still running. */
export function isOverdue(status: TicketState, dueAt: Date, now: Date): boolean {
  return slaRunning(status) && dueAt.getTime() < now.getTime();
}

/** Hours left on the ticket's clock (negative once overdue, one decimal); null when the clock has stopped. */
export function remainingWorkingHours(status: TicketState, dueAt: Date, now: Date, clock?: SlaClock | null): number | null {
  if (!slaRunning(status)) return null;
  return Math.round(slaHoursBetween(now, dueAt, clock ?? 'working') * 10) / 10;
}

/** Statuses in which a ticket can be overdue, for list queries: the open ones. */
export const RUNNING_STATES: readonly TicketState[] = OPEN_STATES;
