import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installZodLocale } from './zod-locale.js';

installZodLocale();

const message = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues[0]!.message;
};

describe('zod messages in Chinese', () => {
  it.each([
    ['a string over its limit', z.string().max(64), 'x'.repeat(65), '长度不能超过 64 个字符'],
    ['an empty required string', z.string().min(1), '', '不能为空'],
    ['a short string', z.string().min(8), 'abc', '长度不能少于 8 个字符'],
    ['a missing field', z.object({ a: z.string() }), {}, '必填'],
    ['an invalid date', z.coerce.date(), 'not a date', '不是有效的日期时间'],
    ['a number where text is expected', z.string(), 5, '应为文字'],
    ['text where a number is expected', z.number(), 'x', '应为数字'],
    ['a fraction where an integer is expected', z.number().int(), 1.5, '应为整数'],
    ['a number over its maximum', z.number().max(10), 11, '不能大于 10'],
    ['a number under its minimum', z.number().min(0), -1, '不能小于 0'],
    ['too many items', z.array(z.string()).max(2), ['a', 'b', 'c'], '最多 2 项'],
    ['an unknown choice', z.enum(['a', 'b']), 'c', '应为以下之一：a、b'],
    ['a pattern mismatch', z.string().regex(/^\d+$/), 'x', '格式不正确'],
    ['an unknown key', z.strictObject({ a: z.string() }), { a: 'x', b: 1 }, '不支持的字段：b'],
    ['a bad e-mail', z.email(), 'nope', '应为电子邮件地址'],
  ])('%s', (_label, schema, value, expected) => {
    expect(message(schema, value)).toBe(expected);
  });

  it('never shows zod type names or operators', () => {
    const cases: [z.ZodType, unknown][] = [
      [z.string().max(64), 'x'.repeat(65)],
      [z.coerce.date(), 'x'],
      [z.date(), 'x'],
      [z.array(z.number()).min(1), []],
      [z.object({ n: z.number() }), { n: null }],
      [z.union([z.string(), z.number()]), true],
    ];
    for (const [schema, value] of cases) {
      const m = message(schema, value);
      expect(m).toMatch(/[\u4e00-\u9fa5]/);
      expect(m).not.toMatch(/<=|>=|期望|实际接收|\b(string|number|date|Date|array|instanceof)\b/);
    }
  });

  it('a schema\'s own message wins', () => {
    expect(message(z.string().max(2, '最多两个字'), 'abc')).toBe('最多两个字');
  });
});
