/**
 * Resident rating of a handled report (满意度评价). A "dissatisfied" rating within the 重办 window
 * reopens the ticket (action `reopen`, counted as rework); other ratings are only recorded.
 */
import { withinReopenWindow, type TicketState } from './machine';

export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

export const SATISFACTION_LABELS: Readonly<Record<Satisfaction, string>> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export type RatingOutcome =
  /** store the rating, no state change */
  | 'record'
  /** store the rating and perform `reopen` (→ dispatched) */
  | 'reopen'
  /** ticket not yet handled (or rejected/withdrawn): 409 invalid_transition */
  | 'not_ratable';

/**
 * What a rating does. Ratable once resolved or closed. A dissatisfied rating on a closed ticket
 * after the 7-day window is still recorded (it counts in 满意率) but no longer reopens.
 */
export function ratingOutcome(input: {
  status: TicketState;
  satisfaction: Satisfaction;
  closedAt?: Date | null;
  now?: Date;
}): RatingOutcome {
  const { status, satisfaction } = input;
  if (status !== 'resolved' && status !== 'closed') return 'not_ratable';
  if (satisfaction !== 'dissatisfied') return 'record';
  if (status === 'resolved') return 'reopen';
  if (!input.closedAt) return 'record';
  return withinReopenWindow(input.closedAt, input.now ?? new Date()) ? 'reopen' : 'record';
}

export function isSatisfaction(v: unknown): v is Satisfaction {
  return typeof v === 'string' && (SATISFACTION_LEVELS as readonly string[]).includes(v);
}
