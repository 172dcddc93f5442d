import { addWorkingHours, workingHoursBetween } from '@cgt/shared/calendar/working-time';
import { OPEN_STATES, type TicketState } from '@cgt/shared/ticket/machine';

/**
 * SLA clock of a ticket: the deadline counts the category's hours in Chinese working time (statutory
 * holidays and 调休 via chinese-days). The clock stops once the ticket leaves the bureau's hands.
 */

/** States in which the deadline no longer runs. */
const STOPPED: readonly TicketState[] = ['closed', 'rejected', 'withdrawn'];

export function computeDueAt(createdAt: Date, slaHours: number): Date {
  return addWorkingHours(createdAt, slaHours);
}

export function slaRunning(status: TicketState): boolean {
  return !STOPPED.includes(status);
}

/** Past its deadline and still running. */
export function isOverdue(status: TicketState, dueAt: Date, now: Date): boolean {
  return slaRunning(status) && dueAt.getTime() < now.getTime();
}

/** Working hours left (negative once overdue, one decimal); null when the clock has stopped. */
export function remainingWorkingHours(status: TicketState, dueAt: Date, now: Date): number | null {
  if (!slaRunning(status)) return null;
  return Math.round(workingHoursBetween(now, dueAt) * 10) / 10;
}

/** Statuses in which a ticket can be overdue, for list queries: the open ones. */
export const RUNNING_STATES: readonly TicketState[] = OPEN_STATES;
