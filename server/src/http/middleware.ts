import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { AppError } from './errors.js';

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
  if (status === 413) return new AppError(413, 'payload_too_large', '请求体过大');
  if (status === 415) return new AppError(415, 'unsupported_media_type', '不支持的内容类型');
  if (err.type === 'entity.parse.failed' || status === 400)
    return new AppError(400, 'malformed_body', '请求体不是合法的 JSON', [{ field: 'body', message: String(err.message ?? '') }]);
  return new AppError(status, 'bad_request', '请求无效');
}

/** The one error middleware: every error leaves as {"error":{"code","message","details"}}; internals are never leaked. */
export function errorEnvelope() {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(404, 'not_found', '接口不存在');
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
