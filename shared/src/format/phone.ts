/** Phone helpers shared by the forms (early validation) and the server (masking in staff views). */

/** Mainland China mobile: 11 digits, 1 then 3–9 (13x–19x segments). */
export const MOBILE_PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** Strip spaces, dashes and a +86/0086/86 country prefix, so pasted numbers validate. */
export function normalizePhone(input: string): string {
  const compact = input.replace(/[\s\-()]/g, '');
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  return m?.[1] ?? compact;
}

export function isMobilePhone(input: unknown): input is string {
  return typeof input === 'string' && MOBILE_PHONE_PATTERN.test(normalizePhone(input));
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
