import { shanghaiDateString } from '@cgt/shared/calendar/working-time';

/** The equality keys the 信访 read side is looked up by (pure: rows, plans and tests share them). */

/** 'YYYY-MM' on the Shanghai calendar (sorts like the dates). */
export function registeredMonth(at: Date): string {
  return shanghaiDateString(at).slice(0, 7);
}

/** 'YYYY-MM-DD' on the Shanghai calendar. */
export const shanghaiDay = shanghaiDateString;

/** Every character and every pair of neighbouring characters: any part of a name is one equality. */
export function nameTokens(name: string): string[] {
  const chars = Array.from(name.trim());
  const out = new Set(chars);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

/** The days of a month, oldest first: the default view walks them. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
