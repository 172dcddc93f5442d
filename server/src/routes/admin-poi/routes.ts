import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps.js';
import { registerParkingRoutes } from '../parking/routes.js';
import { registerToiletRoutes } from '../toilets/routes.js';
import { registerPoiCrud } from './crud.js';
import { registerPoiImportExport } from './import-export.js';
import { CAR_PARK_KIND, TOILET_KIND } from './kinds.js';
import { registerOperatorRoutes } from './operators.js';

/** Every 找车位 / 找厕所 route: public nearby + operator feed, and the administrators' console API. */
export function registerPoiRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  registerParkingRoutes(router, registry, deps);
  registerToiletRoutes(router, registry, deps);
  registerOperatorRoutes(router, registry, deps);
  for (const kind of [CAR_PARK_KIND, TOILET_KIND]) {
    // import/export before /:id so their literal paths are matched first
    registerPoiImportExport(router, registry, deps, kind);
    registerPoiCrud(router, registry, deps, kind);
  }
}
