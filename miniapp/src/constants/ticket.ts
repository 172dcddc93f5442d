/** Ticket statuses and timeline events for residents: the shared plain-word labels, plus the mini-program's tones. */
import type { TimelineEvent as TimelineEventId } from '@cgt/shared/ticket/machine'
import { RESIDENT_EVENT_HINTS, RESIDENT_STATE_LABELS, RESIDENT_TIMELINE_LABELS } from '@cgt/shared/ticket/resident-labels'
import { SATISFACTION_LABELS, SATISFACTION_LEVELS } from '@cgt/shared/ticket/rating'
import type { TicketStatus, TimelineEvent } from '../services/types'

/** Status names residents read, shared with the server's resident views (shared/src/ticket/resident-labels.ts). */
export const STATUS_LABEL: Readonly<Record<TicketStatus, string>> = RESIDENT_STATE_LABELS

/** Badge tone per status (maps to .badge--<tone> in app.scss). */
export const STATUS_TONE: Record<TicketStatus, 'blue' | 'orange' | 'green' | 'grey' | 'red'> = {
  submitted: 'orange',
  accepted: 'blue',
  dispatched: 'blue',
  resolved: 'green',
  closed: 'grey',
  rejected: 'red',
  withdrawn: 'grey',
}

export function statusLabel(s?: string): string {
  return (s && STATUS_LABEL[s as TicketStatus]) || '处理中'
}

export function statusTone(s?: string): string {
  return (s && STATUS_TONE[s as TicketStatus]) || 'blue'
}

/** The events that mean something went backwards (drawn in orange). */
const SETBACK_EVENTS: ReadonlySet<string> = new Set<TimelineEventId>(['returned', 'reworked', 'reopened', 'rejected', 'overdue'])

/** Label of a timeline node: the shared resident event label (the server sends it too), then the server's, then the state reached. */
export function timelineLabel(e: Pick<TimelineEvent, 'type' | 'label' | 'toStatus'>): string {
  return (RESIDENT_TIMELINE_LABELS as Readonly<Record<string, string>>)[e.type] ?? (e.label || (e.toStatus ? statusLabel(e.toStatus) : '进度更新'))
}

/** Sentence under the label when the event carries no note. */
export function timelineHint(e: Pick<TimelineEvent, 'type'>): string {
  return (RESIDENT_EVENT_HINTS as Readonly<Record<string, string>>)[e.type] ?? ''
}

export function isSetback(e: Pick<TimelineEvent, 'type'>): boolean {
  return SETBACK_EVENTS.has(e.type)
}

export const SATISFACTION_OPTIONS = SATISFACTION_LEVELS.map((value) => ({ value, label: SATISFACTION_LABELS[value] }))

export function satisfactionLabel(v?: string): string {
  return (v && (SATISFACTION_LABELS as Readonly<Record<string, string>>)[v]) || ''
}
