/**
 * What residents read about their report: the same states and events as machine.ts, in everyday words.
 * Staff keep the standard terms (STATE_LABELS, TIMELINE_EVENT_LABELS); the mini-program, the resident API
 * views and the messages sent to residents use these. RESIDENT_JARGON is the list of staff terms none of
 * them may contain (checked in resident-labels.test.ts).
 */
import type { TicketState, TimelineEvent } from './machine';

export const RESIDENT_STATE_LABELS: Readonly<Record<TicketState, string>> = {
  submitted: '已提交，等待受理',
  accepted: '已受理',
  dispatched: '正在处理',
  resolved: '处理完成，等待确认',
  closed: '已办结',
  rejected: '未能受理',
  withdrawn: '已撤回',
};

/** Short form for badges and tabs, where the full sentence does not fit. */
export const RESIDENT_STATE_SHORT: Readonly<Record<TicketState, string>> = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '处理中',
  resolved: '待确认',
  closed: '已办结',
  rejected: '未受理',
  withdrawn: '已撤回',
};

export const RESIDENT_TIMELINE_LABELS: Readonly<Record<TimelineEvent, string>> = {
  created: '提交诉求',
  accepted: '已受理',
  rejected: '未能受理',
  dispatched: '转交处理',
  returned: '重新安排',
  resolved: '处理完成',
  verified: '已办结',
  reworked: '重新处理',
  reopened: '重新办理',
  transferred: '转交其他辖区',
  withdrawn: '已撤回',
  rated: '已评价',
  noted: '进度更新',
  overdue: '已超时限',
  supervised: '催办',
  extension_requested: '申请延长办理时间',
  extension_approved: '办理时间已延长',
  extension_refused: '延长办理时间未获同意',
};

/** A sentence under each timeline event (shown when the event carries no note of its own). */
export const RESIDENT_EVENT_HINTS: Readonly<Partial<Record<TimelineEvent, string>>> = {
  created: '诉求已提交，等待指挥中心受理',
  accepted: '指挥中心已受理，正在安排处理单位',
  rejected: '经核实，该诉求不在受理范围内',
  dispatched: '已交给负责的单位处理',
  returned: '指挥中心正在重新安排处理单位',
  resolved: '处理单位已处理完毕，等待指挥中心确认',
  verified: '确认处理完成，诉求已办结',
  reworked: '处理结果未达要求，已交回处理单位重新处理',
  reopened: '您对处理结果不满意，已重新交办处理',
  transferred: '已转交其他辖区办理',
  withdrawn: '您已撤回该诉求',
  rated: '您已评价',
  overdue: '已超过办理时限，正在催办',
};

/** Messages queued for the reporter (in-app and subscribe messages) when their report moves on. */
export const RESIDENT_NOTICES = {
  created: '您的上报已提交，等待受理',
  accepted: '您的上报已受理',
  rejected: (reason: string) => `您的上报未能受理：${reason}`,
  dispatched: (department: string) => `已交由${department}处理`,
  resolved: '您的上报已处理完成，请查看回复并评价',
  closed: '您的上报已办结',
  autoClosed: '您的上报已办结（未评价，默认满意）',
  withdrawn: '您已撤回上报',
} as const;

/**
 * Staff terms a resident should never have to decode. "事件-" and "部件" are the standard's class names,
 * the verbs are the centre's workflow steps.
 */
export const RESIDENT_JARGON: readonly string[] = [
  '部件', '事件-', '本地扩展', '待核查', '核查', '立案', '派遣', '处置', '结案', '返工', '回退', '工单', '移交',
];

/** The jargon terms a text contains (empty when it is fit for residents). */
export function jargonIn(text: string): string[] {
  return RESIDENT_JARGON.filter((w) => text.includes(w));
}
