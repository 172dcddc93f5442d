/**
 * 我的诉求's tabs: which ticket states a resident finds under 处理中 / 待评价 / 已办结. The one definition: the
 * server keys each read row by it (ticket_rows.citizenMonthGroup) and filters by equality on that key, the
 * mini-program names the tabs from it. The groups do not overlap, so each report sits under exactly one
 * tab besides 全部: a handled report waits under 待评价 until the resident rates it, then moves on.
 * No zod here: the mini-program imports this.
 */
import type { TicketState } from './machine';

export const RESIDENT_GROUPS = ['active', 'to_rate', 'done'] as const;
export type ResidentGroup = (typeof RESIDENT_GROUPS)[number];

/** The tabs in their order; `all` is no filter. */
export const RESIDENT_TABS = ['all', ...RESIDENT_GROUPS] as const;
export type ResidentTab = (typeof RESIDENT_TABS)[number];

export const RESIDENT_TAB_LABELS: Readonly<Record<ResidentTab, string>> = {
  all: '全部',
  active: '处理中',
  to_rate: '待评价',
  done: '已办结',
};

/** What the list says under a tab with nothing in it. */
export const RESIDENT_TAB_EMPTY: Readonly<Record<ResidentTab, string>> = {
  all: '您还没有提交过诉求',
  active: '没有正在处理的诉求',
  to_rate: '没有等待评价的诉求',
  done: '没有已办结的诉求',
};

/**
 * The tab of a report. Handled (resolved/closed) and not rated → 待评价, as ratingOutcome allows a rating
 * then; rated and closed, or ended without handling (rejected/withdrawn) → 已办结; everything still on
 * its way, including a rated report the centre has not closed yet → 处理中.
 */
export function residentGroupOf(status: TicketState, rated: boolean): ResidentGroup {
  switch (status) {
    case 'resolved':
      return rated ? 'active' : 'to_rate';
    case 'closed':
      return rated ? 'done' : 'to_rate';
    case 'rejected':
    case 'withdrawn':
      return 'done';
    case 'submitted':
    case 'accepted':
    case 'dispatched':
      return 'active';
  }
}

export function isResidentTab(v: unknown): v is ResidentTab {
  return typeof v === 'string' && (RESIDENT_TABS as readonly string[]).includes(v);
}
