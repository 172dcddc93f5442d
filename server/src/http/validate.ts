import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.js';

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
    throw new AppError(400, 'validation_failed', first?.field ? `参数 ${first.field} 无效：${first.message}` : '请求参数无效', details);
  }
  return result.data;
}
