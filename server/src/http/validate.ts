import type { z } from 'zod';
import { fail, type ErrorDetail } from './errors.js';

/** zod issues → our details: each one names its field ("location.lat", "photoIds[2]"). */
export function zodDetails(error: z.ZodError, prefix?: string): ErrorDetail[] {
  return error.issues.map((issue) => {
    const parts: string[] = prefix ? [prefix] : [];
    for (const p of issue.path) {
      if (typeof p === 'number') parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}[${p}]`;
      else parts.push(String(p));
    }
    return { field: parts.join('.') || (prefix ?? ''), message: issue.message, code: issue.code };
  });
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' | 'headers'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = zodDetails(result.error, where === 'body' ? undefined : where);
    const first = details[0];
    throw fail('validation_failed', details, first?.field ? `参数 ${first.field} 无效：${first.message}` : '请求参数无效');
  }
  const nul = pathOfNul(result.data, where === 'body' ? '' : where);
  if (nul !== null) {
    const field = nul || where;
    throw fail('validation_failed', [{ field, message: '不能包含空字符（U+0000）', code: 'nul_character' }], `参数 ${field} 无效：不能包含空字符（U+0000）`);
  }
  return result.data;
}

/**
 * Where the first U+0000 sits in a parsed input (a string value or an object key), or null. PostgreSQL's
 * jsonb cannot hold U+0000, so under FerretDB any query or write carrying one fails inside the database
 * (SQLSTATE 22P05) — a 500 for what is a bad request; MongoDB would store it and show it back as garbage.
 * So no route ever passes one on: 400 naming the field, before anything is read or written.
 */
export function pathOfNul(value: unknown, at: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = pathOfNul(value[i], `${at}[${i}]`);
      if (hit !== null) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    for (const [k, v] of Object.entries(value)) {
      const key = at ? `${at}.${k}` : k;
      if (k.includes('\u0000')) return key;
      const hit = pathOfNul(v, key);
      if (hit !== null) return hit;
    }
  }
  return null;
}
