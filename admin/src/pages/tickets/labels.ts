import { ACTION_EVENT, STATE_LABELS, TIMELINE_EVENT_LABELS, type TicketState } from '@cgt/shared/ticket/machine';
import { SATISFACTION_LABELS as SHARED_SATISFACTION_LABELS } from '@cgt/shared/ticket/rating';
import type { TicketQuery } from '../../services/tickets';

/** Workbench tabs: a status (or overdue) each, with the queue's name rather than the state's. */
export interface StatusTab {
  key: string;
  label: string;
  query: Pick<TicketQuery, 'status' | 'overdue'>;
}

export const STATUS_TABS: StatusTab[] = [
  { key: 'submitted', label: '待受理', query: { status: 'submitted' } },
  { key: 'accepted', label: '待派遣', query: { status: 'accepted' } },
  { key: 'dispatched', label: '处置中', query: { status: 'dispatched' } },
  { key: 'resolved', label: '待核查', query: { status: 'resolved' } },
  { key: 'closed', label: '已结案', query: { status: 'closed' } },
  { key: 'rejected', label: '不予立案', query: { status: 'rejected' } },
  { key: 'overdue', label: '超期', query: { overdue: true } },
];

/** Tag colour per state. */
export const STATUS_COLORS: Record<TicketState, string> = {
  submitted: 'orange',
  accepted: 'gold',
  dispatched: 'processing',
  resolved: 'cyan',
  closed: 'success',
  rejected: 'default',
  withdrawn: 'default',
};

export function statusLabel(status: string): string {
  return (STATE_LABELS as Record<string, string>)[status] ?? status;
}

export function statusColor(status: string): string {
  return (STATUS_COLORS as Record<string, string>)[status] ?? 'default';
}

/** Timeline entry label: shared event ids (created, dispatched…) or action ids (dispatch…). */
const ACTION_TO_EVENT: Record<string, string> = {
  ...ACTION_EVENT,
  // actions that are not state transitions, so ACTION_EVENT (typed on TicketAction) lacks them
  create: 'created',
  rate: 'rated',
  note: 'noted',
  supervise: 'supervised',
};

export function timelineLabel(eventOrAction: string): string {
  const key = ACTION_TO_EVENT[eventOrAction] ?? eventOrAction;
  return (TIMELINE_EVENT_LABELS as Record<string, string>)[key] ?? eventOrAction;
}

/** Indexed with whatever the server sent, hence widened to string keys. */
export const SATISFACTION_LABELS: Readonly<Record<string, string>> = SHARED_SATISFACTION_LABELS;
