import type { Context } from 'koa';
import { AppError } from '../../http/errors.js';
import type { Logger } from 'pino';
import { toXml } from './xml.js';

/**
 * Open311 errors: HTTP 404 unknown resource, 403 missing/bad api_key, 429 rate limit, 400 otherwise,
 * with the body `[{code, description}]` (JSON) / `<errors><error>…</error></errors>` (XML), one entry
 * per wrong field, the description in Chinese naming the field.
 */

export type Format = 'json' | 'xml';

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly descriptions: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(descriptions.join('; '));
  }
}

export const open311NotFound = (what: string) => new Open311Error(404, [what]);
export const open311Forbidden = (what: string) => new Open311Error(403, [what]);

/** Our status codes as Open311 clients expect them: 422/415/409 are plain 400s there. */
function open311Status(status: number): number {
  if (status === 401) return 403;
  if (status === 404 || status === 403 || status === 429 || status === 413 || status === 405) return status;
  if (status >= 500) return status;
  return 400;
}

export function toOpen311Error(err: unknown): Open311Error | null {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError) {
    const descriptions = err.details.length
      ? err.details.map((d) => (d.field ? `${d.field}：${d.message}` : d.message))
      : [err.message];
    return new Open311Error(open311Status(err.status), descriptions, err.headers);
  }
  return null;
}

export function sendError(ctx: Context, format: Format, err: Open311Error): void {
  ctx.status = err.status;
  for (const [k, v] of Object.entries(err.headers)) ctx.set(k, v);
  const errors = err.descriptions.map((description) => ({ code: err.status, description }));
  if (format === 'json') {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify(errors);
  } else {
    ctx.type = 'text/xml; charset=utf-8';
    ctx.body = toXml('errors', errors);
  }
}

export function sendUnexpected(ctx: Context, format: Format, err: unknown, logger: Logger): void {
  logger.error({ err }, 'open311 request failed');
  sendError(ctx, format, new Open311Error(500, ['服务器内部错误，请稍后重试']));
}
