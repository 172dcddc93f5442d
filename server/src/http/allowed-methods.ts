import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { ERROR_CODES } from '@cgt/shared/errors/codes';

/**
 * The router's answer to a method a path does not serve, in our error format. @koa/router answers a method it
 * has never heard of (TRACE, CONNECT, PROPFIND…) with 501 Not Implemented, a 5xx that blames the server for
 * the client's request; for us every method a path does not serve is a 405 with its Allow header.
 */
export function allowedMethods(router: Router): Middleware {
  const inner = router.allowedMethods() as unknown as Middleware;
  return async (ctx, next) => {
    await inner(ctx, next);
    if (ctx.status !== 405 && ctx.status !== 501) return;
    ctx.status = 405;
    const allow = ctx.response.get('Allow');
    ctx.body = {
      error: {
        code: 'method_not_allowed',
        message: `${ERROR_CODES.method_not_allowed.message}：${ctx.method}`,
        details: allow ? [{ message: `可用的方法：${allow}` }] : [],
      },
    };
  };
}
