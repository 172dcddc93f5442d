/**
 * Category catalogue seeded into the database (admins may later edit SLA hours and notices).
 * Codes follow the 5-digit type codes reported for GB/T 47678.5-2026 (2-digit major + 3-digit minor).
 * The standard lists components (部件) 01–05 whose 事项 are "<部件>异常",
 * and events (事项) 06–10. Problems the standard has no code for use the 90 major and carry `local: true`
 * so that exports to a provincial platform can tell them apart.
 *
 * slaHours are set by urgency: safety hazards 2–4 h, visible nuisances about one working day,
 * repairs/enforcement 3–10 days. Urgent categories count them in natural hours (7×24: a gas leak does not
 * wait for the morning), the others in working hours (calendar/working-time.ts, 7 h per working day).
 */
import { defaultSlaClock, type SlaClock } from '../calendar/working-time';


export interface Category {
  /** 5-digit type code; the first two digits are the major class (= group) */
  code: string;
  name: string;
  /** major class code, equal to code.slice(0, 2) */
  group: string;
  groupName: string;
  /** handling time limit, in hours of `clock` */
  slaHours: number;
  /** safety hazard: dispatch first, shown highlighted */
  urgent: boolean;
  /** what the hours count: natural (7×24) for urgent categories, working time for the others */
  clock: SlaClock;
  /** text shown to the resident before filing */
  notice?: string;
  /** local extension, not in GB/T 47678.5 */
  local?: boolean;
}

export const CATEGORY_GROUPS: Readonly<Record<string, string>> = {
  '01': '部件-公用设施',
  '02': '部件-交通设施',
  '06': '事件-市容环境',
  '07': '事件-宣传广告',
  '08': '事件-施工管理',
  '09': '事件-街面秩序',
  '10': '事件-其他',
  '90': '本地扩展',
};

export const GAS_NOTICE =
  '如闻到燃气味或发现泄漏，请立即远离并拨打119或燃气抢修电话，不要开关电器、不要使用明火；本平台同时受理，但不能代替紧急报警。';

const MANHOLE_NOTICE = '井盖缺失或破损易致人员坠落，请在周边设置警示物或提醒行人绕行。';

type Row = [code: string, name: string, slaHours: number, urgent: boolean, notice?: string];

// Working hours per working day is 7, so 21 h ≈ 3 working days, 35 h ≈ 5, 70 h ≈ 10.
const ROWS: readonly Row[] = [
  // 部件 01 市政公用设施: missing covers are a fall hazard (Taiyuan example: sewer cover within 2 h).
  ['01001', '供水井盖异常', 4, true, MANHOLE_NOTICE],
  ['01002', '污水井盖异常', 4, true, MANHOLE_NOTICE],
  ['01003', '雨水井盖异常', 4, true, MANHOLE_NOTICE],
  ['01011', '燃气井盖异常', 2, true, GAS_NOTICE],
  ['01037', '路灯异常', 7, false],
  ['01049', '燃气调压站（箱）异常', 2, true, GAS_NOTICE],
  ['01057', '露天燃气管道异常', 2, true, GAS_NOTICE],
  ['02001', '停车场异常', 35, false],
  // 事件 06 市容环境
  ['06010', '暴露垃圾', 7, false],
  ['06011', '积存垃圾渣土', 14, false],
  ['06013', '道路破损', 21, false],
  ['06014', '道路遗撒', 7, false],
  ['06028', '噪声扰民', 7, false],
  ['06029', '露天烧烤', 4, false],
  // 事件 07 宣传广告
  ['07001', '非法小广告', 14, false],
  ['07003', '违规户外广告', 70, false],
  // 事件 08 施工管理
  ['08001', '施工扰民', 7, false],
  ['08004', '工地扬尘', 7, false],
  ['08005', '施工废弃料', 14, false],
  // 事件 09 街面秩序
  ['09001', '无照经营游商', 7, false],
  ['09005', '店外经营', 14, false],
  ['09006', '占道经营', 7, false],
  ['09010', '非机动车乱停放', 7, false],
  ['09011', '共享单车乱象', 7, false],
  ['09012', '占用消防通道', 4, true],
  // 本地扩展 90: not in the standard's reported list (道路积水 and 突发事件 were dropped from it).
  ['90001', '渍水', 4, true, '如积水较深，请勿涉水通行，注意避开井盖和漏电风险。'],
  ['90002', '烟花爆竹', 4, false, '如发生火情或有人受伤，请立即拨打119或120。'],
  ['90003', '燃气隐患', 2, true, GAS_NOTICE],
  // The standard's component 03001 公共厕所 exists; the bureau asked for one catch-all local 公厕问题.
  ['90004', '公厕问题', 14, false],
  ['90005', '路面塌陷', 2, true, '请远离塌陷区域，如有人员或车辆陷落请立即拨打110或119。'],
];

export const CATEGORIES: readonly Category[] = ROWS.map(([code, name, slaHours, urgent, notice]) => {
  const group = code.slice(0, 2);
  const c: Category = { code, name, group, groupName: CATEGORY_GROUPS[group] ?? '其他', slaHours, urgent, clock: defaultSlaClock(urgent) };
  if (notice) c.notice = notice;
  if (group === '90') c.local = true;
  return c;
});

const BY_CODE: ReadonlyMap<string, Category> = new Map(CATEGORIES.map((c) => [c.code, c]));

export function findCategory(code: string): Category | undefined {
  return BY_CODE.get(code);
}

export const CATEGORY_CODE_PATTERN = /^\d{5}$/;

export function isCategoryCode(code: unknown): code is string {
  return typeof code === 'string' && CATEGORY_CODE_PATTERN.test(code);
}
