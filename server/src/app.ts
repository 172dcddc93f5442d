import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from './deps.js';
import { errorEnvelope, requestContext } from './http/middleware.js';
import { securityHeaders } from './http/security-headers.js';
import { serveSpas, type SpaMount } from './http/static-apps.js';
import { registerDocsRoutes, registerSystemRoutes } from './routes/system/routes.js';
import { registerUploadRoutes } from './routes/uploads/routes.js';
import { registerAuthRoutes } from './routes/auth/routes.js';
import { registerAdminUserRoutes } from './routes/admin-users/routes.js';
import { registerAuditRoutes } from './routes/audit/routes.js';
import { registerReportRoutes } from './routes/reports/routes.js';
import { registerTicketRoutes } from './routes/tickets/routes.js';
import { registerIntakeRoutes } from './routes/tickets/intake-routes.js';
import { registerStatsRoutes } from './routes/stats/routes.js';
import { registerTemplateRoutes } from './routes/templates/routes.js';
import { registerDistrictRoutes } from './routes/districts/routes.js';
import { registerRoutingRoutes } from './routes/routing/routes.js';
import { registerMapRoutes } from './routes/map/routes.js';
import { registerCategoryRoutes } from './routes/categories/routes.js';
import { registerDepartmentRoutes } from './routes/departments/routes.js';
import { registerWasteRoutes } from './routes/waste/routes.js';
import { registerComplaintRoutes } from './routes/complaints/routes.js';
import { registerAdminComplaintRoutes } from './routes/admin-complaints/routes.js';
import { registerPoiRoutes } from './routes/admin-poi/routes.js';
import { registerNotificationRoutes } from './routes/notifications/routes.js';
import { registerMeRoutes } from './routes/me/routes.js';
import { open311Middleware, registerOpen311Routes } from './routes/admin-open311/routes.js';
import { installZodLocale } from './http/zod-locale.js';
import { allowedMethods } from './http/allowed-methods.js';

export interface AppOptions {
  spaMounts?: SpaMount[];
}

/** Route modules: each registers its routes (and so its OpenAPI entries) on the shared router. */
type RouteModule = (router: Router, registry: OpenAPIRegistry, deps: AppDeps) => void;
const ROUTE_MODULES: RouteModule[] = [registerSystemRoutes, registerUploadRoutes, registerAuthRoutes, registerAdminUserRoutes, registerAuditRoutes, registerReportRoutes, registerTicketRoutes, registerIntakeRoutes, registerTemplateRoutes, registerDistrictRoutes, registerRoutingRoutes, registerMapRoutes, registerCategoryRoutes, registerDepartmentRoutes, registerWasteRoutes, registerComplaintRoutes, registerAdminComplaintRoutes, registerPoiRoutes, registerOpen311Routes, registerNotificationRoutes, registerMeRoutes, registerStatsRoutes];

/** Composes the Koa application. No I/O happens here: main.ts and tests own the database and the port. */
export function createApp(deps: AppDeps, opts: AppOptions = {}): { app: Koa; registry: OpenAPIRegistry; router: Router } {
  installZodLocale();
  const app = new Koa({ proxy: deps.config.TRUST_PROXY });
  const router = new Router();
  const registry = new OpenAPIRegistry();
  for (const register of ROUTE_MODULES) register(router, registry, deps);
  registerDocsRoutes(router, registry);

  app.use(requestContext(deps.logger));
  app.use(securityHeaders(deps.config));
  app.use(errorEnvelope());
  // GeoReport v2 under /open311/v2: its own error format and urlencoded bodies (routes/open311/routes.ts)
  app.use(open311Middleware(deps));
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: deps.config.BODY_LIMIT_JSON,
      encoding: 'utf-8',
      // multipart uploads are not listed in enableTypes: their route streams them, nothing buffers them here
    }),
  );
  app.use(router.routes());
  app.use(allowedMethods(router));
  app.use(serveSpas(opts.spaMounts));
  return { app, registry, router };
}
