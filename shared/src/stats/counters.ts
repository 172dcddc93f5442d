/**
 * The raw counters of the assessment (考核) statistics: what the server's pre-aggregated rows hold, per
 * day × unit (district/zone, department) × category. Every indicator (indicators.ts) is a formula over
 * these. No zod here: the console imports this file.
 *
 * "As of" semantics: a counter counts an EVENT in the period in which it happened (立案 in November counts in
 * November even if the ticket is closed in December); 按期 is judged against the dueAt in force when the event
 * happened. The "still open" counters (超期未结, 超期待处置, 积案) count tickets whose deadline fell in the
 * period and that are still not closed/resolved now; they are dated at the deadline's day and leave the count
 * when the ticket is closed/resolved (which then counts as an event in its own period).
 */

export const STAT_COUNTERS = [
  // 区域评价 (district / zone)
  'reported',
  'reportedResident',
  'reportedOpen311',
  'reportedStaff',
  'accepted',
  'rejected',
  'dispatched',
  'closed',
  'closedOnTime',
  'overdueUnclosed',
  // 部门评价 (attributed to the department the ticket was dispatched to at the event)
  'resolved',
  'resolvedOnTime',
  /** resolved after the dueAt in force (resolved = resolvedOnTime + resolvedLate) */
  'resolvedLate',
  'overdueUnresolved',
  'reworked',
  'extended',
  'returned',
  /** sum of working hours from dispatch to 处置反馈, over `resolved` events */
  'handlingHours',
  // 群众评价
  'rated',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  /** closed by the auto-close job after 7 days without a rating: counted apart, never in 满意率 */
  'defaultSatisfied',
  'reopened',
  'duplicates',
  // 督办
  'supervised',
  'supervisedClosedOnTime',
  // 信访 (formal complaints)
  'petitionRegistered',
  'petitionAccepted',
  'petitionNotified',
  'petitionNotifiedOnTime',
  'petitionConcluded',
  'petitionConcludedOnTime',
  'petitionReviewed',
  'petitionBacklog',
  'petitionFinal',
] as const;
export type StatCounter = (typeof STAT_COUNTERS)[number];

export type StatCounters = Record<StatCounter, number>;

/** Counters of "still open now" facts: dated at the deadline, counted only once that day has passed. */
export const OPEN_DEADLINE_COUNTERS: readonly StatCounter[] = ['overdueUnclosed', 'overdueUnresolved', 'petitionBacklog'];

/** Chinese names of the raw counters (Excel formula sheet, tooltips). */
export const COUNTER_LABELS: Readonly<Record<StatCounter, string>> = {
  reported: '上报数',
  reportedResident: '市民随手拍上报数',
  reportedOpen311: 'Open311/12345 上报数',
  reportedStaff: '工作人员录入数',
  accepted: '立案数',
  rejected: '不予立案数',
  dispatched: '派遣数',
  closed: '结案数',
  closedOnTime: '按期结案数',
  overdueUnclosed: '超期未结数',
  resolved: '处置数',
  resolvedOnTime: '按期处置数',
  resolvedLate: '超期处置数',
  overdueUnresolved: '超期待处置数',
  reworked: '返工数',
  extended: '延期数',
  returned: '回退数',
  handlingHours: '处置时长合计（工作小时）',
  rated: '参评数',
  satisfied: '满意数',
  basicallySatisfied: '基本满意数',
  dissatisfied: '不满意数',
  defaultSatisfied: '默认满意数',
  reopened: '不满意重办数',
  duplicates: '重复投诉数',
  supervised: '督办数',
  supervisedClosedOnTime: '督办按期办结数',
  petitionRegistered: '信访登记数',
  petitionAccepted: '信访受理数',
  petitionNotified: '信访告知数',
  petitionNotifiedOnTime: '信访按期告知数',
  petitionConcluded: '信访办结数',
  petitionConcludedOnTime: '信访按期办结数',
  petitionReviewed: '复查/复核数',
  petitionBacklog: '信访积案数',
  petitionFinal: '信访终结数',
};

export function emptyCounters(): StatCounters {
  const c = {} as StatCounters;
  for (const k of STAT_COUNTERS) c[k] = 0;
  return c;
}

/** Adds `b` into `a` (missing keys count 0) and returns `a`. */
export function addCounters(a: StatCounters, b: Partial<Record<string, number>>): StatCounters {
  for (const k of STAT_COUNTERS) {
    const v = b[k];
    if (typeof v === 'number') a[k] += v;
  }
  return a;
}

export function isStatCounter(s: unknown): s is StatCounter {
  return typeof s === 'string' && (STAT_COUNTERS as readonly string[]).includes(s);
}
