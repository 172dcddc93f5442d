/**
 * Opening hours of car parks and toilets: structured weekly ranges, ranges that cross midnight and
 * 24-hour places, evaluated on the Asia/Shanghai calendar (UTC+8, no DST) whatever the machine's TZ.
 * Pure, so the mini-program shows 开放中 with the same rule the server filters by.
 *
 * A rule applies to a Shanghai calendar day D when D's ISO weekday (1 = Monday … 7 = Sunday) is in
 * `days` and, if `dayType` is set, D is a working day ('workday', incl. 调休 weekends) or a rest day
 * ('restday': weekends and statutory holidays) per chinese-days. Its window is D+open … D+close;
 * when close < open the window ends on the next day (18:00–07:30 = until 07:30 the next morning);
 * close '24:00' is the end of D.
 *
 * Text form (CSV import/export, console input), rules separated by ';':
 *   `24h` | `<days> HH:MM-HH:MM` where <days> is Mo..Su, ranges and lists (`Mo-Fr`, `Sa,Su`),
 *   `daily`, `workday`, `restday` (also 每天 / 工作日 / 休息日). Example for a school car park:
 *   `workday 18:00-07:30; restday 00:00-24:00`.
 */
import { isWorkingDay, SHANGHAI_OFFSET_MS } from '../calendar/working-time';

export type DayType = 'workday' | 'restday';

export interface OpeningRule {
  /** ISO weekdays 1 (Mon) … 7 (Sun) on which the window starts */
  days: number[];
  dayType?: DayType;
  /** 'HH:MM', 00:00 … 23:59 */
  open: string;
  /** 'HH:MM', 00:00 … 24:00; earlier than open = next day */
  close: string;
}

export interface OpeningHours {
  is24h: boolean;
  rules: OpeningRule[];
}

export const ALWAYS_OPEN: OpeningHours = { is24h: true, rules: [] };

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DAY_TOKENS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const DAY_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** Minutes after midnight, or null when not a valid 'HH:MM' (24:00 allowed). */
export function parseTime(text: string): number | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 24 * 60 ? null : minutes;
}

/** Problems with a structured value (empty = valid). Messages are Chinese, for the console. */
export function validateOpeningHours(oh: OpeningHours): string[] {
  if (oh.is24h) return [];
  if (oh.rules.length === 0) return ['请填写开放时段或选择 24 小时开放'];
  const errors: string[] = [];
  oh.rules.forEach((r, i) => {
    const at = `第 ${i + 1} 个时段`;
    if (r.days.length === 0 || r.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) errors.push(`${at}：星期必须是 1–7`);
    const open = parseTime(r.open);
    const close = parseTime(r.close);
    if (open === null || open >= 24 * 60) errors.push(`${at}：开始时间格式应为 HH:MM（00:00–23:59）`);
    if (close === null) errors.push(`${at}：结束时间格式应为 HH:MM（00:00–24:00）`);
    if (open !== null && close !== null && open === close) errors.push(`${at}：开始与结束时间不能相同`);
  });
  return errors;
}

interface Window {
  start: number;
  end: number;
}

function windowOf(rule: OpeningRule, dayStart: number): Window {
  const open = parseTime(rule.open) ?? 0;
  const close = parseTime(rule.close) ?? 0;
  const end = close > open ? close : close + 24 * 60;
  return { start: dayStart + open * MIN_MS, end: dayStart + end * MIN_MS };
}

function appliesOn(rule: OpeningRule, dayIndex: number, isWorkday: (d: Date) => boolean): boolean {
  const weekday = ((dayIndex + 3) % 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
  if (!rule.days.includes(weekday)) return false;
  if (!rule.dayType) return true;
  const working = isWorkday(new Date(dayIndex * DAY_MS - SHANGHAI_OFFSET_MS + 12 * 3600_000));
  return rule.dayType === 'workday' ? working : !working;
}

/**
 * Whether the place is open at `at`. `isWorkday` defaults to the chinese-days calendar; tests may
 * pass their own. Looks at today's windows and yesterday's overnight ones.
 */
export function isOpenAt(oh: OpeningHours, at: Date, isWorkday: (d: Date) => boolean = isWorkingDay): boolean {
  if (oh.is24h) return true;
  const ms = at.getTime();
  const today = Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
  for (const day of [today, today - 1]) {
    const dayStart = day * DAY_MS - SHANGHAI_OFFSET_MS;
    for (const rule of oh.rules) {
      const w = windowOf(rule, dayStart);
      if (ms >= w.start && ms < w.end && appliesOn(rule, day, isWorkday)) return true;
    }
  }
  return false;
}

function daysText(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'daily';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const a = DAY_TOKENS[sorted[i]! - 1]!;
    const b = DAY_TOKENS[sorted[j]! - 1]!;
    parts.push(j === i ? a : j === i + 1 ? `${a},${b}` : `${a}-${b}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The text form (round-trips through parseOpeningHours). */
export function formatOpeningHours(oh: OpeningHours): string {
  if (oh.is24h) return '24h';
  return oh.rules
    .map((r) => {
      const all = new Set(r.days).size === 7;
      const sel = r.dayType && all ? r.dayType : r.dayType ? `${r.dayType} ${daysText(r.days)}` : daysText(r.days);
      return `${sel} ${r.open}-${r.close}`;
    })
    .join('; ');
}

function parseDays(token: string): number[] | null {
  const out: number[] = [];
  for (const part of token.split(',')) {
    const [a, b] = part.split('-');
    const from = DAY_TOKENS.findIndex((t) => t.toLowerCase() === a?.toLowerCase());
    const to = b === undefined ? from : DAY_TOKENS.findIndex((t) => t.toLowerCase() === b.toLowerCase());
    if (from < 0 || to < 0 || to < from) return null;
    for (let d = from; d <= to; d++) out.push(d + 1);
  }
  return out;
}

/** Parses the text form; `error` is a Chinese message naming the bad part. */
export function parseOpeningHours(text: string): { value: OpeningHours } | { error: string } {
  const src = text.trim();
  if (/^(24h|24小时|24 小时|全天)$/i.test(src)) return { value: ALWAYS_OPEN };
  if (!src) return { error: '开放时间不能为空（24 小时开放请填 24h）' };
  const rules: OpeningRule[] = [];
  for (const raw of src.split(/[;；]/)) {
    const part = raw.trim();
    if (!part) continue;
    const tokens = part.split(/\s+/);
    const range = tokens.pop() ?? '';
    const m = /^(\d{2}:\d{2})[-–~](\d{2}:\d{2})$/.exec(range);
    if (!m) return { error: `无法识别的时段「${part}」，应为如 Mo-Fr 08:00-20:00` };
    let dayType: DayType | undefined;
    let days: number[] | null = null;
    for (const tok of tokens.length ? tokens : ['daily']) {
      const t = tok.toLowerCase();
      if (t === 'workday' || tok === '工作日') dayType = 'workday';
      else if (t === 'restday' || tok === '休息日' || tok === '节假日') dayType = 'restday';
      else if (t === 'daily' || tok === '每天') days = ALL_DAYS;
      else {
        days = parseDays(tok);
        if (!days) return { error: `无法识别的星期「${tok}」，可用 Mo Tu We Th Fr Sa Su、daily、workday、restday` };
      }
    }
    const rule: OpeningRule = { days: days ?? ALL_DAYS, open: m[1]!, close: m[2]! };
    if (dayType) rule.dayType = dayType;
    rules.push(rule);
  }
  const value: OpeningHours = { is24h: false, rules };
  const errors = validateOpeningHours(value);
  return errors.length ? { error: errors[0]! } : { value };
}

function zhDays(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return '每天';
  if (sorted.join() === '1,2,3,4,5') return '周一至周五';
  if (sorted.join() === '6,7') return '周六、周日';
  return sorted.map((d) => `周${DAY_ZH[d - 1]}`).join('、');
}

/** Human Chinese summary for lists: "每天 24 小时", "工作日 18:00–次日07:30；休息日 全天". */
export function describeOpeningHours(oh: OpeningHours): string {
  if (oh.is24h) return '24 小时开放';
  return oh.rules
    .map((r) => {
      const all = new Set(r.days).size === 7;
      const who = r.dayType ? `${r.dayType === 'workday' ? '工作日' : '休息日及节假日'}${all ? '' : `（${zhDays(r.days)}）`}` : zhDays(r.days);
      const open = parseTime(r.open) ?? 0;
      const close = parseTime(r.close) ?? 0;
      if (open === 0 && close === 24 * 60) return `${who} 全天`;
      return `${who} ${r.open}–${close < open ? '次日' : ''}${r.close}`;
    })
    .join('；');
}
