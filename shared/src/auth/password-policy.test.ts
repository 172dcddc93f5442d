import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY, countPasswordClasses, describePasswordPolicy, passwordProblems } from './password-policy';

const codes = (pw: string, username?: string, p = DEFAULT_PASSWORD_POLICY) => passwordProblems(pw, { username }, p).map((x) => x.code);

describe('password policy (等保)', () => {
  it('counts the four classes', () => {
    expect(countPasswordClasses('abc')).toBe(1);
    expect(countPasswordClasses('aB3')).toBe(3);
    expect(countPasswordClasses('aB3!')).toBe(4);
    expect(countPasswordClasses('密码abc')).toBe(2); // a non-ASCII character counts as a symbol
  });

  it('accepts 10+ characters from 3 classes', () => {
    expect(codes('Harbour-view9')).toEqual([]);
    expect(codes('harbour-view9')).toEqual([]);
    expect(codes('HARBOURVIEW9x')).toEqual([]);
  });

  it('refuses short, two-class and username passwords', () => {
    expect(codes('Ab1!xyz')).toEqual(['too_short']);
    expect(codes('correct-horse-battery')).toEqual(['too_few_classes']);
    expect(codes('alllowercaseletters')).toEqual(['too_few_classes']);
    expect(codes('Dispatcher.01', 'dispatcher.01')).toEqual(['same_as_username']);
    expect(codes('x'.repeat(257) + 'A1')).toContain('too_long');
  });

  it('follows a configured policy', () => {
    const lax = { minLength: 8, minClasses: 2, historySize: 0 };
    expect(codes('abcdefg1', undefined, lax)).toEqual([]);
    expect(describePasswordPolicy(lax)).not.toContain('最近');
    expect(describePasswordPolicy(DEFAULT_PASSWORD_POLICY)).toBe('至少 10 位，包含大写字母、小写字母、数字、符号中的至少 3 类，不能与用户名相同，不能与最近 5 次使用过的密码相同');
  });
});
