/**
 * The staff password policy (等保 2.0, 身份鉴别): one definition, used by the server when a password is set
 * (change, admin create) and by the console's forms, which show `describePasswordPolicy` and validate
 * with `passwordProblems` before sending. The numbers are configurable on the server (config.ts) and
 * served by GET /api/v1/auth/password-policy, so both sides always apply the same rule.
 * The policy applies when a password is set, not at login: accounts created before it keep working.
 */

export interface PasswordPolicy {
  /** at least this many characters (Unicode code points) */
  minLength: number;
  /** at least this many of the four classes: upper case, lower case, digit, symbol */
  minClasses: number;
  /** the new password may not be one of the account's last N passwords (0 = no history check) */
  historySize: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, minClasses: 3, historySize: 5 };

/** Longest password accepted anywhere (argon2 input stays bounded). */
export const PASSWORD_MAX_LENGTH = 256;

export const PASSWORD_CLASS_LABELS = ['大写字母', '小写字母', '数字', '符号'] as const;

/** Which of the four classes a password uses (ASCII letters and digits; anything else counts as a symbol). */
export function passwordClasses(password: string): { upper: boolean; lower: boolean; digit: boolean; symbol: boolean } {
  return {
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    digit: /[0-9]/.test(password),
    symbol: /[^A-Za-z0-9]/u.test(password),
  };
}

export function countPasswordClasses(password: string): number {
  return Object.values(passwordClasses(password)).filter(Boolean).length;
}

/** The rule in one Chinese sentence, for the forms and the error message. */
export function describePasswordPolicy(p: PasswordPolicy): string {
  const parts = [`至少 ${p.minLength} 位`, `包含${PASSWORD_CLASS_LABELS.join('、')}中的至少 ${p.minClasses} 类`, '不能与用户名相同'];
  if (p.historySize > 0) parts.push(`不能与最近 ${p.historySize} 次使用过的密码相同`);
  return parts.join('，');
}

export interface PasswordProblem {
  code: 'too_short' | 'too_long' | 'too_few_classes' | 'same_as_username';
  message: string;
}

/**
 * What is wrong with `password` under the policy, without the history (only the server holds the hashes);
 * an empty list means acceptable. `username` comparison ignores case and surrounding blanks.
 */
export function passwordProblems(password: string, o: { username?: string }, p: PasswordPolicy): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < p.minLength) problems.push({ code: 'too_short', message: `密码至少 ${p.minLength} 位` });
  if (length > PASSWORD_MAX_LENGTH) problems.push({ code: 'too_long', message: `密码最多 ${PASSWORD_MAX_LENGTH} 位` });
  if (countPasswordClasses(password) < p.minClasses) {
    problems.push({ code: 'too_few_classes', message: `密码需包含${PASSWORD_CLASS_LABELS.join('、')}中的至少 ${p.minClasses} 类` });
  }
  const name = o.username?.trim().toLowerCase();
  if (name && password.trim().toLowerCase() === name) problems.push({ code: 'same_as_username', message: '密码不能与用户名相同' });
  return problems;
}
