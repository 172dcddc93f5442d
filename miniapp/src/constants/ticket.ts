/** Ticket statuses and timeline events for residents: the shared labels, plus the mini-program's tones and hints. */
import { STATE_LABELS, TIMELINE_EVENT_LABELS, type TimelineEvent as TimelineEventId } from '@cgt/shared/ticket/machine'
import { SATISFACTION_LABELS, SATISFACTION_LEVELS } from '@cgt/shared/ticket/rating'
import type { TicketStatus, TimelineEvent } from '../services/types'

/** Status names shared with the server and console (shared/src/ticket/machine.ts). */
export const STATUS_LABEL: Readonly<Record<TicketStatus, string>> = STATE_LABELS

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

/** A sentence under each timeline event the server shows residents (ResidentTimelineEntry.type). */
const EVENT_HINT: Readonly<Partial<Record<TimelineEventId, string>>> = {
  created: '诉求已提交，等待指挥中心受理',
  accepted: '指挥中心已受理并立案',
  rejected: '经核实不予立案',
  dispatched: '已派遣至处置单位',
  returned: '处置单位退回指挥中心重新派遣',
  resolved: '处置单位已处置完毕，等待核查',
  verified: '核查通过，诉求已结案',
  reworked: '核查未通过，返回处置单位重新处置',
  reopened: '您对处理结果不满意，已重新派遣办理',
  transferred: '已移交至其他辖区办理',
  withdrawn: '您已撤回该诉求',
  rated: '您已评价',
  overdue: '已超过办理时限，正在督办',
}

/** The events that mean something went backwards (drawn in orange). */
const SETBACK_EVENTS: ReadonlySet<string> = new Set<TimelineEventId>(['returned', 'reworked', 'reopened', 'rejected', 'overdue'])

/** Label of a timeline node: the shared event label (the server sends it too), then the server's, then the state reached. */
export function timelineLabel(e: Pick<TimelineEvent, 'type' | 'label' | 'toStatus'>): string {
  return (TIMELINE_EVENT_LABELS as Readonly<Record<string, string>>)[e.type] ?? (e.label || (e.toStatus ? statusLabel(e.toStatus) : '进度更新'))
}

/** Sentence under the label when the event carries no note. */
export function timelineHint(e: Pick<TimelineEvent, 'type'>): string {
  return (EVENT_HINT as Readonly<Record<string, string>>)[e.type] ?? ''
}

export function isSetback(e: Pick<TimelineEvent, 'type'>): boolean {
  return SETBACK_EVENTS.has(e.type)
}

export const SATISFACTION_OPTIONS = SATISFACTION_LEVELS.map((value) => ({ value, label: SATISFACTION_LABELS[value] }))

export function satisfactionLabel(v?: string): string {
  return (v && (SATISFACTION_LABELS as Readonly<Record<string, string>>)[v]) || ''
}
