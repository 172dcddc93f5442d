/**
 * Values of a WeChat subscribe message (subscribeMessage.send `data: {key: {value}}`). The key's name says
 * its type (`thing1`, `phrase3`, `character_string2`, `time4`, …: the type followed by the key's number)
 * and WeChat refuses the whole message with errcode 47003 when one value breaks the type's rule. So every
 * value is fitted here, in one place, before it is sent:
 * - free text (`thing` ≤ 20, `name` ≤ 10 characters) is cut with "…" at the end (the ellipsis counts);
 * - `phrase` (≤ 5 Chinese characters) keeps only Chinese characters and is cut without an ellipsis,
 *   because "…" is not a Chinese character and would itself break the rule;
 * - `character_string` / `number` (≤ 32) and `phone_number` (≤ 17) are codes: cut without an ellipsis
 *   (a non-ASCII "…" would break their character set);
 * - `time` is a date-time, shown as Beijing time `YYYY-MM-DD HH:mm`; `date` as `YYYY-MM-DD`.
 * Characters are counted as code points, so a surrogate pair is never split.
 */

export const TEMPLATE_VALUE_RULES = {
  thing: { max: 20, ellipsis: true },
  name: { max: 10, ellipsis: true },
  phrase: { max: 5, ellipsis: false },
  character_string: { max: 32, ellipsis: false },
  number: { max: 32, ellipsis: false },
  letter: { max: 32, ellipsis: false },
  symbol: { max: 5, ellipsis: false },
  car_number: { max: 8, ellipsis: false },
  phone_number: { max: 17, ellipsis: false },
  amount: { max: 32, ellipsis: false },
} as const;

export type TemplateValueType = keyof typeof TEMPLATE_VALUE_RULES | 'time' | 'date';

const ELLIPSIS = '…';

/** `thing12` → `thing`, `character_string2` → `character_string`; unknown types are treated as `thing`. */
export function templateKeyType(key: string): TemplateValueType {
  const type = key.replace(/\d+$/, '');
  if (type === 'time' || type === 'date' || type in TEMPLATE_VALUE_RULES) return type as TemplateValueType;
  return 'thing';
}

function cut(value: string, max: number, ellipsis: boolean): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return ellipsis ? chars.slice(0, max - 1).join('') + ELLIPSIS : chars.slice(0, max).join('');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Beijing time (UTC+8, no daylight saving) of an instant. */
function beijing(at: Date): { y: number; m: string; d: string; hh: string; mm: string } {
  const b = new Date(at.getTime() + 8 * 3600_000);
  return { y: b.getUTCFullYear(), m: pad(b.getUTCMonth() + 1), d: pad(b.getUTCDate()), hh: pad(b.getUTCHours()), mm: pad(b.getUTCMinutes()) };
}

function asDate(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Fits one value to the rule of its key's type. Returns an empty string for a time that is not one
 * (the caller leaves such a key out rather than have WeChat refuse the message).
 */
export function fitTemplateValue(key: string, value: string | number | Date | null | undefined): string {
  const type = templateKeyType(key);
  if (value === null || value === undefined) return '';
  if (type === 'time' || type === 'date') {
    const d = asDate(value instanceof Date ? value : String(value));
    if (!d) return '';
    const b = beijing(d);
    return type === 'date' ? `${b.y}-${b.m}-${b.d}` : `${b.y}-${b.m}-${b.d} ${b.hh}:${b.mm}`;
  }
  // line breaks and runs of spaces read badly in a notification card
  let text = String(value).replace(/\s+/g, ' ').trim();
  if (type === 'phrase') text = Array.from(text).filter((c) => /\p{Script=Han}/u.test(c)).join('');
  if (type === 'number') text = text.replace(/[^\d.]/g, '');
  const rule = TEMPLATE_VALUE_RULES[type];
  return cut(text, rule.max, rule.ellipsis);
}

/** The `data` of subscribeMessage.send: every value fitted, keys without a usable value left out. */
export function fitTemplateData(values: Record<string, string | number | Date | null | undefined>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, raw] of Object.entries(values)) {
    const value = fitTemplateValue(key, raw);
    if (value !== '') data[key] = { value };
  }
  return data;
}
