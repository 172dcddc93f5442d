/** Chinese labels for ticket statuses and timeline actions (数字城管 closed loop, architecture.md §4). */
import { STATE_LABELS } from '@cgt/shared/ticket/machine'
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

const ACTION_LABEL: Record<string, string> = {
  submit: '提交上报',
  create: '提交上报',
  created: '提交上报',
  submitted: '提交上报',
  accept: '受理立案',
  reject: '不予立案',
  dispatch: '派遣',
  return: '回退',
  resolve: '处置',
  verify: '核查',
  close: '结案',
  rework: '返工',
  reopen: '重办',
  transfer: '移交',
  withdraw: '撤回',
  rate: '评价',
  // Timeline event ids stored by the server (shared TIMELINE_EVENTS)
  accepted: '受理立案',
  rejected: '不予立案',
  dispatched: '派遣',
  returned: '回退',
  resolved: '处置',
  verified: '核查',
  closed: '结案',
  reworked: '返工',
  reopened: '重办',
  transferred: '移交',
  withdrawn: '撤回',
  rated: '评价',
  noted: '备注',
  overdue: '超期提醒',
}

const ACTION_HINT: Record<string, string> = {
  submit: '诉求已提交，等待指挥中心受理',
  create: '诉求已提交，等待指挥中心受理',
  created: '诉求已提交，等待指挥中心受理',
  submitted: '诉求已提交，等待指挥中心受理',
  accept: '指挥中心已受理并立案',
  reject: '经核实不予立案',
  dispatch: '已派遣至处置单位',
  return: '处置单位退回指挥中心重新派遣',
  resolve: '处置单位已处置完毕，等待核查',
  verify: '核查通过',
  close: '诉求已结案',
  rework: '核查未通过，返回处置单位重新处置',
  reopen: '您对处理结果不满意，已重新派遣办理',
  transfer: '已移交至其他辖区办理',
  withdraw: '您已撤回该诉求',
  rate: '您已评价',
  accepted: '指挥中心已受理并立案',
  rejected: '经核实不予立案',
  dispatched: '已派遣至处置单位',
  returned: '处置单位退回指挥中心重新派遣',
  resolved: '处置单位已处置完毕，等待核查',
  verified: '核查通过',
  closed: '诉求已结案',
  reworked: '核查未通过，返回处置单位重新处置',
  reopened: '您对处理结果不满意，已重新派遣办理',
  transferred: '已移交至其他辖区办理',
  withdrawn: '您已撤回该诉求',
  rated: '您已评价',
  overdue: '已超过办理时限，正在督办',
}

export function eventAction(e: TimelineEvent): string {
  return e.action ?? e.type ?? e.event ?? ''
}

/** Short label for a timeline node; a verify that closes the ticket reads 核查 · 结案. */
export function timelineLabel(e: TimelineEvent): string {
  const a = eventAction(e)
  const to = e.to ?? e.toStatus
  if ((a === 'verify' || a === 'verified') && to === 'closed') return '核查 · 结案'
  return ACTION_LABEL[a] ?? e.label ?? (to ? statusLabel(to) : '进度更新')
}

/** Sentence under the label when the event carries no note. */
export function timelineHint(e: TimelineEvent): string {
  const a = eventAction(e)
  if ((a === 'verify' || a === 'verified') && (e.to ?? e.toStatus) === 'closed') return '核查通过，诉求已结案'
  return ACTION_HINT[a] ?? ''
}

/** Actions that mean something went backwards (drawn in orange). */
export function isSetback(e: TimelineEvent): boolean {
  return ['return', 'rework', 'reopen', 'reject', 'returned', 'reworked', 'reopened', 'rejected', 'overdue'].includes(eventAction(e))
}

export const SATISFACTION_OPTIONS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
] as const

export function satisfactionLabel(v?: string): string {
  return SATISFACTION_OPTIONS.find((o) => o.value === v)?.label ?? ''
}
