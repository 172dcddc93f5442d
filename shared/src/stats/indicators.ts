import type { StatCounter, StatCounters } from './counters';

/**
 * Every assessment indicator, written once: its name (camelCase, the API key), Chinese label, the formula
 * as shown in the console's tooltip and in the Excel formula sheet, and how it is computed from the raw
 * counters (counters.ts). Rates are fractions 0–1 and null when the denominator is 0 (shown as "—").
 * GB/T 30428.4 / CJ/T 294 lineage.
 */

export type IndicatorKind = 'count' | 'rate' | 'hours';
export type StatUnitKind = 'district' | 'department';
export type IndicatorGroup = 'region' | 'department' | 'public' | 'supervision' | 'petition';

export const INDICATOR_GROUP_LABELS: Readonly<Record<IndicatorGroup, string>> = {
  region: '区域评价',
  department: '部门评价',
  public: '群众评价',
  supervision: '督办',
  petition: '信访',
};

export interface IndicatorDef {
  name: string;
  label: string;
  group: IndicatorGroup;
  kind: IndicatorKind;
  /** the unit kinds whose ranking shows it */
  units: readonly StatUnitKind[];
  /** the formula in words, for tooltips and the Excel formula sheet */
  formula: string;
  /**
   * counters summed for the numerator (the count itself for a count). The drill-down list of the indicator
   * is exactly the events behind these counters, so its total equals the numerator.
   */
  numerator: readonly StatCounter[];
  /** counters summed for the denominator (rates and hours only) */
  denominator?: readonly StatCounter[];
  /** numerator counters that are not events (handlingHours) cannot be drilled into */
  drillable: boolean;
  /** a lower value is better (返工率, 超期待处置率, 延期率): sorts and map colours invert */
  lowerIsBetter?: boolean;
}

const BOTH: readonly StatUnitKind[] = ['district', 'department'];
const DISTRICT: readonly StatUnitKind[] = ['district'];

function count(name: string, label: string, group: IndicatorGroup, units: readonly StatUnitKind[], formula: string, numerator: readonly StatCounter[]): IndicatorDef {
  return { name, label, group, kind: 'count', units, formula, numerator, drillable: true };
}
function rate(
  name: string,
  label: string,
  group: IndicatorGroup,
  units: readonly StatUnitKind[],
  formula: string,
  numerator: readonly StatCounter[],
  denominator: readonly StatCounter[],
  lowerIsBetter = false,
): IndicatorDef {
  return { name, label, group, kind: 'rate', units, formula, numerator, denominator, drillable: true, ...(lowerIsBetter ? { lowerIsBetter } : {}) };
}

export const INDICATORS: readonly IndicatorDef[] = [
  // 区域评价
  count('reportedCount', '上报数', 'region', DISTRICT, '本期提交的上报（市民随手拍 + Open311/12345 + 工作人员录入）', ['reported']),
  count('reportedResidentCount', '市民随手拍', 'region', DISTRICT, '本期市民在小程序/H5 提交的上报', ['reportedResident']),
  count('reportedOpen311Count', 'Open311/12345', 'region', DISTRICT, '本期经 Open311 接口（12345 热线等）提交的上报', ['reportedOpen311']),
  count('reportedStaffCount', '工作人员录入', 'region', DISTRICT, '本期工作人员录入的上报', ['reportedStaff']),
  count('acceptedCount', '立案数', 'region', DISTRICT, '本期立案（含待受理时移交立案）', ['accepted']),
  count('rejectedCount', '不予立案数', 'region', DISTRICT, '本期不予立案（含重复上报）', ['rejected']),
  count('dispatchedCount', '派遣数', 'region', BOTH, '本期派遣到处置单位的次数', ['dispatched']),
  count('dueToCloseCount', '应结案数', 'region', DISTRICT, '应结案数 = 本期结案数 + 时限在本期内、至今未结案数', ['closed', 'overdueUnclosed']),
  count('closedCount', '结案数', 'region', DISTRICT, '本期核查结案', ['closed']),
  count('closedOnTimeCount', '按期结案数', 'region', DISTRICT, '本期结案且结案时未超过当时有效的时限', ['closedOnTime']),
  rate('closeRate', '结案率', 'region', DISTRICT, '结案率 = 结案数 ÷ 应结案数', ['closed'], ['closed', 'overdueUnclosed']),
  rate('onTimeCloseRate', '按期结案率', 'region', DISTRICT, '按期结案率 = 按期结案数 ÷ 应结案数', ['closedOnTime'], ['closed', 'overdueUnclosed']),
  count('overdueUnclosedCount', '超期未结数', 'region', DISTRICT, '时限在本期内（且已过）、至今未结案的工单数', ['overdueUnclosed']),
  // 部门评价
  count('dueToHandleCount', '应处置数', 'department', BOTH, '应处置数 = 本期处置数 + 时限在本期内、至今未处置数', ['resolved', 'overdueUnresolved']),
  count('resolvedCount', '处置数', 'department', BOTH, '本期处置反馈（每次处置计一次，含返工后再处置）', ['resolved']),
  count('resolvedOnTimeCount', '按期处置数', 'department', BOTH, '本期处置且处置时未超过当时有效的时限', ['resolvedOnTime']),
  count('resolvedLateCount', '超期处置数', 'department', BOTH, '本期处置但处置时已超过当时有效的时限', ['resolvedLate']),
  count('reworkCount', '返工数', 'department', BOTH, '本期核查不合格返工 + 市民不满意重办', ['reworked']),
  count('extendedCount', '延期数', 'department', BOTH, '本期批准延期的次数', ['extended']),
  count('overdueUnresolvedCount', '超期待处置数', 'department', BOTH, '时限在本期内（且已过）、至今仍在处置单位未处置的工单数', ['overdueUnresolved']),
  rate('handleRate', '处置率', 'department', BOTH, '处置率 = 处置数 ÷ 应处置数', ['resolved'], ['resolved', 'overdueUnresolved']),
  rate('onTimeHandleRate', '按期处置率', 'department', BOTH, '按期处置率 = 按期处置数 ÷ 应处置数', ['resolvedOnTime'], ['resolved', 'overdueUnresolved']),
  rate('reworkRate', '返工率', 'department', BOTH, '返工率 = 返工数 ÷ 处置数', ['reworked'], ['resolved'], true),
  rate('overdueUnresolvedRate', '超期待处置率', 'department', BOTH, '超期待处置率 = 超期待处置数 ÷ 应处置数', ['overdueUnresolved'], ['resolved', 'overdueUnresolved'], true),
  rate('extensionRate', '延期率', 'department', BOTH, '延期率 = 延期数 ÷ 应处置数', ['extended'], ['resolved', 'overdueUnresolved'], true),
  {
    name: 'avgHandlingHours',
    label: '平均处置时长',
    group: 'department',
    kind: 'hours',
    units: BOTH,
    formula: '平均处置时长 = 本期各次处置从派遣到处置反馈的工作小时之和 ÷ 处置数（法定节假日不计）',
    numerator: ['handlingHours'],
    denominator: ['resolved'],
    drillable: false,
    lowerIsBetter: true,
  },
  count('returnedCount', '回退数', 'department', BOTH, '本期处置单位回退（派遣有误）的次数', ['returned']),
  // 群众评价
  count('ratedCount', '参评数', 'public', BOTH, '本期市民评价的工单数（系统默认满意不计）', ['rated']),
  count('satisfiedCount', '满意', 'public', BOTH, '本期评价为满意', ['satisfied']),
  count('basicallySatisfiedCount', '基本满意', 'public', BOTH, '本期评价为基本满意', ['basicallySatisfied']),
  count('dissatisfiedCount', '不满意', 'public', BOTH, '本期评价为不满意', ['dissatisfied']),
  count('defaultSatisfiedCount', '默认满意', 'public', BOTH, '本期市民 7 日内未评价、系统默认满意结案的工单数（不计入参评数和满意率）', ['defaultSatisfied']),
  rate('satisfactionRate', '满意率', 'public', BOTH, '满意率 = (满意 + 基本满意) ÷ 参评数', ['satisfied', 'basicallySatisfied'], ['rated']),
  count('reopenedCount', '不满意重办数', 'public', BOTH, '本期因市民不满意而重办', ['reopened']),
  count('duplicateCount', '重复投诉数', 'public', DISTRICT, '本期作为重复上报不予立案', ['duplicates']),
  // 督办
  count('supervisedCount', '督办数', 'supervision', BOTH, '本期领导/指挥中心督办的次数', ['supervised']),
  rate('supervisedOnTimeCloseRate', '督办按期办结率', 'supervision', BOTH, '督办按期办结率 = 督办期限内结案的督办数 ÷ 督办数（按结案所在期计）', ['supervisedClosedOnTime'], ['supervised']),
  // 信访
  count('petitionRegisteredCount', '信访登记数', 'petition', BOTH, '本期登记的信访事项', ['petitionRegistered']),
  count('petitionAcceptedCount', '信访受理数', 'petition', BOTH, '本期受理的信访事项', ['petitionAccepted']),
  rate('petitionNotifyOnTimeRate', '按期告知率', 'petition', BOTH, '按期告知率 = 登记后 15 日内告知（受理/不予受理/转送）数 ÷ 告知数', ['petitionNotifiedOnTime'], ['petitionNotified']),
  rate('petitionConcludeOnTimeRate', '信访按期办结率', 'petition', BOTH, '按期办结率 = 受理后 60 日（延期后 90 日）内办结数 ÷ 办结数', ['petitionConcludedOnTime'], ['petitionConcluded']),
  count('petitionReviewCount', '复查/复核数', 'petition', BOTH, '本期登记的复查、复核申请', ['petitionReviewed']),
  count('petitionBacklogCount', '信访积案数', 'petition', BOTH, '办结期限在本期内（且已过）、至今未办结的信访事项', ['petitionBacklog']),
  count('petitionFinalCount', '信访终结数', 'petition', BOTH, '本期终结（复核后不再受理）的信访事项', ['petitionFinal']),
];

export type IndicatorName = string;
export const INDICATOR_NAMES: readonly string[] = INDICATORS.map((d) => d.name);

const BY_NAME = new Map(INDICATORS.map((d) => [d.name, d]));

export function indicatorDef(name: string): IndicatorDef | undefined {
  return BY_NAME.get(name);
}

export function isIndicatorName(s: unknown): s is IndicatorName {
  return typeof s === 'string' && BY_NAME.has(s);
}

/** Indicators shown for a unit kind, in table order. */
export function indicatorsFor(unit: StatUnitKind): IndicatorDef[] {
  return INDICATORS.filter((d) => d.units.includes(unit));
}

/** Names whose numerator is a list of events (a drill-down link). */
export const DRILLABLE_INDICATORS: readonly string[] = INDICATORS.filter((d) => d.drillable).map((d) => d.name);

function sum(c: StatCounters, keys: readonly StatCounter[]): number {
  let s = 0;
  for (const k of keys) s += c[k] ?? 0;
  return s;
}

/** The numerator of an indicator (what its drill-down list totals). */
export function indicatorNumerator(def: IndicatorDef, c: StatCounters): number {
  return sum(c, def.numerator);
}

/** One indicator's value: a count, a fraction 0–1, or hours (one decimal); null when the denominator is 0. */
export function computeIndicator(def: IndicatorDef, c: StatCounters): number | null {
  const num = sum(c, def.numerator);
  if (def.kind === 'count') return num;
  const den = sum(c, def.denominator ?? []);
  if (den === 0) return null;
  if (def.kind === 'hours') return Math.round((num / den) * 10) / 10;
  return num / den;
}

/** All indicators of a unit kind, keyed by name. */
export function computeIndicators(c: StatCounters, unit: StatUnitKind): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const d of indicatorsFor(unit)) out[d.name] = computeIndicator(d, c);
  return out;
}
