/**
 * The one phone rule: forms (early validation), the server's schemas (the same check, the same message) and
 * the staff views (masking). A contact phone — a resident's, a petitioner's, a department's — may be a mobile
 * or a landline with its area code; a staff account's phone is a mobile (it receives SMS).
 */

export type PhoneKind = 'mobile' | 'landline';

/** Mainland China mobile: 11 digits, 1 then 3–9 (13x–19x segments). */
export const MOBILE_PHONE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * Landline with area code once separators are gone (07308123456): 010 and 020–029 take an 8-digit number,
 * the 4-digit codes (03xx–09xx) a 7- or 8-digit one — 11 or 12 digits in all.
 */
export const LANDLINE_PHONE_PATTERN = /^0(?:[12]\d{9}|[3-9]\d{9,10})$/;

export const PHONE_MESSAGES = {
  contactRequired: '请填写联系电话',
  contactInvalid: '请输入正确的手机号或带区号的固定电话',
  mobileInvalid: '请输入正确的手机号',
} as const;

/** Strip spaces, dashes and a +86/0086/86 country prefix, so pasted numbers validate. */
export function normalizePhone(input: string): string {
  const compact = input.replace(/[\s\-()]/g, '');
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  return m?.[1] ?? compact;
}

export function isMobilePhone(input: unknown): input is string {
  return typeof input === 'string' && MOBILE_PHONE_PATTERN.test(normalizePhone(input));
}

/** 'mobile' / 'landline' for a valid number (separators and +86 allowed), undefined for anything else. */
export function phoneKind(input: unknown): PhoneKind | undefined {
  if (typeof input !== 'string') return undefined;
  const p = normalizePhone(input.trim());
  if (MOBILE_PHONE_PATTERN.test(p)) return 'mobile';
  if (LANDLINE_PHONE_PATTERN.test(p)) return 'landline';
  return undefined;
}

/** A mobile or a landline with area code: what a contact phone may be. */
export function isContactPhone(input: unknown): input is string {
  return phoneKind(input) !== undefined;
}

/**
 * '13812341234' → '138****1234'. Other numbers (landlines) keep their first 3 and last 4 characters;
 * anything too short to keep both is fully masked so that nothing identifying leaks.
 */
export function maskPhone(input: string | null | undefined): string {
  if (!input) return '';
  const p = normalizePhone(input);
  if (p.length < 8) return '****';
  return `${p.slice(0, 3)}****${p.slice(-4)}`;
}
