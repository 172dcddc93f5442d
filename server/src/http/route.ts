import type Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { STAFF_ROLE_LABELS } from '@cgt/shared/ticket/machine';
import { parseOrThrow } from './validate.js';
import type { AppDeps } from '../deps.js';
import { authenticate, type Principal, type StaffPrincipal, type StaffRole } from './auth.js';
import { fail } from './errors.js';

/** A staff route open only to some roles: the caller needs at least one of them. */
export interface StaffRolesAuth {
  staff: readonly [StaffRole, ...StaffRole[]];
}

/**
 * Who may call a route. Role gates are declared here and checked right after authentication, before the
 * body, query or params are read; checks that depend on the record (district, department) stay in policies/.
 */
export type RouteAuth = 'none' | 'citizen' | 'staff' | 'any' | StaffRolesAuth;

/** The principal a handler receives: a staff principal on staff routes, possibly null or a resident elsewhere. */
export type PrincipalOf<A extends RouteAuth> = A extends StaffRolesAuth | 'staff' ? StaffPrincipal : Principal | null;

/** What a route declares about its caller, kept for the generated authorization tests. */
export interface RouteDeclaration {
  method: RouteSpec<z.ZodType, z.ZodType, z.ZodType>['method'];
  /** Koa-style path, e.g. /api/v1/admin/users/:id */
  path: string;
  auth: RouteAuth;
  body?: z.ZodType;
}

const declarations = new WeakMap<OpenAPIRegistry, RouteDeclaration[]>();

/** Every route defined on this registry, in registration order. */
export function declaredRoutes(registry: OpenAPIRegistry): readonly RouteDeclaration[] {
  return declarations.get(registry) ?? [];
}

export function rolesOf(auth: RouteAuth): readonly StaffRole[] | null {
  return typeof auth === 'object' ? auth.staff : null;
}

const roleNames = (roles: readonly StaffRole[]) => roles.map((r) => STAFF_ROLE_LABELS[r]).join('、');

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, A extends RouteAuth = RouteAuth> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-style path, e.g. /api/v1/reports/:id (documented as /api/v1/reports/{id}) */
  path: string;
  summary: string;
  /** longer OpenAPI text, e.g. which filters are fast and which are only correct */
  description?: string;
  tags: string[];
  auth: A;
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
    input: { body: z.infer<B>; query: z.infer<Q>; params: z.infer<P>; principal: PrincipalOf<A>; deps: AppDeps },
  ) => Promise<unknown>;
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.record(z.string(), z.unknown())) }),
});

/**
 * Declares a route once: Koa handler, zod validation of body/query/params, authentication,
 * and its OpenAPI entry. A route cannot exist without being documented.
 */
export function defineRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined, A extends RouteAuth = RouteAuth>(
  router: Router,
  registry: OpenAPIRegistry,
  deps: AppDeps,
  spec: RouteSpec<B, Q, P, A>,
): void {
  const roles = rolesOf(spec.auth);
  const list = declarations.get(registry) ?? [];
  declarations.set(registry, list);
  list.push({ method: spec.method, path: spec.path, auth: spec.auth, ...(spec.body ? { body: spec.body } : {}) });
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
    ...(roles ? { description: [`权限：${roleNames(roles)}`, spec.description].filter(Boolean).join('\n\n'), 'x-roles': [...roles] } : spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    security: spec.auth === 'none' ? [] : [{ bearerAuth: [] }],
    request,
    responses,
  });

  router[spec.method](spec.path, async (ctx) => {
    const principal =
      spec.auth === 'none' ? null : await authenticate(ctx, deps, roles ? 'staff' : (spec.auth as 'citizen' | 'staff' | 'any'), { allowPendingPasswordChange: spec.allowPendingPasswordChange });
    // the role gate comes before any input is read: a caller without the role learns nothing about the schema
    if (roles && !roles.some((r) => (principal as StaffPrincipal).roles.includes(r))) throw fail('forbidden', [], `仅${roleNames(roles)}可以执行此操作`);
    const body = spec.body ? parseOrThrow(spec.body, (ctx.request as { body?: unknown }).body ?? {}, 'body') : undefined;
    const query = spec.query ? parseOrThrow(spec.query, ctx.query, 'query') : undefined;
    const params = spec.params ? parseOrThrow(spec.params, ctx.params, 'params') : undefined;
    const result = await spec.handler(ctx, {
      body: body as z.infer<B>,
      query: query as z.infer<Q>,
      params: params as z.infer<P>,
      principal: principal as PrincipalOf<A>,
      deps,
    });
    if (result !== undefined) ctx.body = result;
    else if (ctx.body === undefined) ctx.status = 204;
  });
}
