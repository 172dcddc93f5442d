import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { AppError, fail, type ErrorCode } from './errors.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Request id (taken from a trusted-looking X-Request-Id or generated), echoed back, and a child logger per request. */
export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const id = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.state.log = logger.child({ reqId: id });
    ctx.set('X-Request-Id', id);
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round(performance.now() - started);
      const level = ctx.status >= 500 ? 'error' : 'info';
      ctx.state.log[level]({ method: ctx.method, url: ctx.originalUrl, status: ctx.status, ms }, 'request');
    }
  };
}

/** Koa / body-parser errors that carry their own status, translated into our envelope. */
function fromHttpError(err: { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string }): AppError | null {
  const status = err.status ?? err.statusCode;
  if (!status || status < 400 || status >= 500) return null;
  if (status === 413) return fail('payload_too_large', [], '请求体过大');
  if (status === 415) return fail('unsupported_media_type', [], '不支持的内容类型');
  // the parser's own message is English ("Unexpected token } in JSON at position 5"): say it in Chinese
  if (err.type === 'entity.parse.failed' || status === 400) return fail('malformed_body', [{ field: 'body', message: '无法解析为 JSON，请检查括号、引号和逗号' }]);
  const code = HTTP_STATUS_CODES[status];
  return code ? fail(code) : fail('bad_request');
}

/** A framework error's status as one of our codes (each code has one status); anything else is a plain 400. */
const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  429: 'rate_limited',
};

/** The one error middleware: every error leaves as {"error":{"code","message","details"}}; internals are never leaked. */
export function errorEnvelope() {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw fail('not_found', [], '接口不存在');
      }
    } catch (raw) {
      const err = raw instanceof AppError ? raw : (fromHttpError(raw as object) ?? null);
      if (err) {
        ctx.status = err.status;
        for (const [k, v] of Object.entries(err.headers)) ctx.set(k, v);
        ctx.body = { error: { code: err.code, message: err.message, details: err.details } };
        return;
      }
      ctx.state.log?.error({ err: raw }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal_error', message: '服务器内部错误，请稍后再试', details: [{ message: `请求编号 ${ctx.state.requestId}` }] } };
    }
  };
}
