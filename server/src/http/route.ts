import type Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { parseOrThrow } from './validate.js';
import type { AppDeps } from '../deps.js';
import { authenticate, type Principal } from './auth.js';

type Auth = 'none' | 'citizen' | 'staff' | 'any';

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-style path, e.g. /api/v1/reports/:id (documented as /api/v1/reports/{id}) */
  path: string;
  summary: string;
  /** longer OpenAPI text, e.g. which filters are fast and which are only correct */
  description?: string;
  tags: string[];
  auth: Auth;
  /** staff routes an account with mustChangePassword may still call (changing it, /auth/me); all others → 403 */
  allowPendingPasswordChange?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  /** documented request headers (e.g. Idempotency-Key) */
  headers?: z.ZodObject;
  /** multipart or other non-JSON body, documented but parsed by the handler */
  rawBody?: RouteConfig['request'];
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler: (
    ctx: Context,
    input: { body: z.infer<B>; query: z.infer<Q>; params: z.infer<P>; principal: Principal | null; deps: AppDeps },
  ) => Promise<unknown>;
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.record(z.string(), z.unknown())) }),
});

/**
 * Declares a route once: Koa handler, zod validation of body/query/params, authentication,
 * and its OpenAPI entry. A route cannot exist without being documented.
 */
export function defineRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  router: Router,
  registry: OpenAPIRegistry,
  deps: AppDeps,
  spec: RouteSpec<B, Q, P>,
): void {
  const openapiPath = spec.path.replace(/:([A-Za-z_]+)/g, '{$1}');
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = r.schema
      ? { description: r.description, content: { 'application/json': { schema: r.schema } } }
      : { description: r.description };
  }
  responses['4XX'] = { description: '错误（统一错误格式）', content: { 'application/json': { schema: errorSchema } } };
  const request: RouteConfig['request'] = { ...(spec.rawBody ?? {}) };
  if (spec.body) request.body = { content: { 'application/json': { schema: spec.body } } };
  if (spec.query) request.query = spec.query as unknown as z.ZodObject;
  if (spec.params) request.params = spec.params as unknown as z.ZodObject;
  if (spec.headers) request.headers = spec.headers;
  registry.registerPath({
    method: spec.method,
    path: openapiPath,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    security: spec.auth === 'none' ? [] : [{ bearerAuth: [] }],
    request,
    responses,
  });

  router[spec.method](spec.path, async (ctx) => {
    const principal = spec.auth === 'none' ? null : await authenticate(ctx, deps, spec.auth, { allowPendingPasswordChange: spec.allowPendingPasswordChange });
    const body = spec.body ? parseOrThrow(spec.body, (ctx.request as { body?: unknown }).body ?? {}, 'body') : undefined;
    const query = spec.query ? parseOrThrow(spec.query, ctx.query, 'query') : undefined;
    const params = spec.params ? parseOrThrow(spec.params, ctx.params, 'params') : undefined;
    const result = await spec.handler(ctx, {
      body: body as z.infer<B>,
      query: query as z.infer<Q>,
      params: params as z.infer<P>,
      principal,
      deps,
    });
    if (result !== undefined) ctx.body = result;
    else if (ctx.body === undefined) ctx.status = 204;
  });
}
