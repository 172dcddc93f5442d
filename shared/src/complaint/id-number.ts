/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, and a
 * check character = ISO 7064 MOD 11-2 over the first 17 digits ('X' stands for 10).
 * Only the 18-character form is accepted: 15-digit cards stopped being valid in 2013.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level prefixes (GB/T 2260) plus 83 used on 台湾居民居住证; anything else is a typo. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** Upper-case and strip spaces (people type "4306 02…" or a lower-case x). */
export function normalizeIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The expected check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'region' | 'birth_date' | 'checksum';

export const ID_NUMBER_MESSAGES: Readonly<Record<IdNumberProblem, string>> = {
  format: '身份证号码应为 18 位（最后一位可为 X）',
  region: '身份证号码的地区码不正确',
  birth_date: '身份证号码中的出生日期不正确',
  checksum: '身份证号码校验位不正确，请核对',
};

/** What is wrong with the number (already normalized or not), or null when it is valid. `today` bounds the birth date. */
export function idNumberProblem(input: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return 'region';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return 'birth_date';
  if (birth.getTime() > today.getTime()) return 'birth_date';
  if (idCheckChar(id) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(input: string, today?: Date): boolean {
  return idNumberProblem(input, today) === null;
}

/** Shown everywhere except to the complaint office: first 3 and last 4 characters, e.g. 430***********123X. */
export function maskIdNumber(input: string): string {
  const id = normalizeIdNumber(input);
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}
