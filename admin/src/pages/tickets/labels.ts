import { STATE_LABELS, TIMELINE_EVENT_LABELS, type TicketState } from '@cgt/shared/ticket/machine';
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

/**
 * The tabs that can hold a user's tickets: a handler (without a dispatcher's or admin's role) sees only
 * tickets dispatched to its department, so 待受理, 待派遣 and 不予立案 are always empty for it.
 */
const HANDLER_TABS = new Set(['dispatched', 'resolved', 'closed', 'overdue']);
export function tabsFor(roles: readonly string[]): StatusTab[] {
  const handlerOnly = roles.includes('handler') && !roles.includes('admin') && !roles.includes('dispatcher');
  return handlerOnly ? STATUS_TABS.filter((t) => HANDLER_TABS.has(t.key)) : STATUS_TABS;
}

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

/** Timeline entry label: the shared label of the event id the server stores (created, dispatched…). */
export function timelineLabel(event: string): string {
  return (TIMELINE_EVENT_LABELS as Record<string, string>)[event] ?? event;
}

/** Indexed with whatever the server sent, hence widened to string keys. */
export const SATISFACTION_LABELS: Readonly<Record<string, string>> = SHARED_SATISFACTION_LABELS;
