import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Router from '@koa/router';
import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import send from 'koa-send';
import { HealthSchema } from '@cgt/shared/schemas/system';
import { defineRoute } from '../../http/route.js';
import type { AppDeps } from '../../deps.js';

const require = createRequire(import.meta.url);
export const SERVER_VERSION: string = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;


export function registerSystemRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/healthz',
    summary: '健康检查（含数据库连通性）',
    tags: ['系统'],
    auth: 'none',
    responses: { 200: { description: '正常', schema: HealthSchema }, 503: { description: '数据库不可用', schema: HealthSchema } },
    handler: async (ctx, { deps }) => {
      let db: 'ok' | 'down' = 'down';
      try {
        if (deps.connection.readyState !== 1) throw new Error('not connected');
        await Promise.race([
          deps.connection.db!.admin().command({ ping: 1 }),
          new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), 2000)),
        ]);
        db = 'ok';
      } catch {
        db = 'down';
      }
      ctx.status = db === 'ok' ? 200 : 503;
      const backend = deps.backend ?? (deps.engine === 'mongodb' ? 'mongodb' : 'unknown');
      return { status: db === 'ok' ? 'ok' : 'degraded', db, engine: deps.engine, backend, version: SERVER_VERSION };
    },
  });
}

/** OpenAPI 3 document generated from every registered route, and an offline docs page (swagger-ui-dist, no CDN). */
export function registerDocsRoutes(router: Router, registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  let cached: unknown;
  router.get('/api/v1/openapi.json', (ctx) => {
    cached ??= new OpenApiGeneratorV3(registry.definitions).generateDocument({
      openapi: '3.0.3',
      info: { title: '城管通 API', version: SERVER_VERSION, description: '城管通 市民服务与数字城管平台接口。错误统一为 {"error":{"code","message","details"}}。' },
      servers: [{ url: '/' }],
    });
    ctx.body = cached;
  });
  const uiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>城管通 API 文档</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/assets/init.js"></script></body></html>`;
  });
  router.get('/api/docs/assets/init.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#ui', deepLinking: true });`;
  });
  router.get('/api/docs/assets/:file', async (ctx) => {
    const file = ctx.params.file ?? '';
    if (!/^[\w.-]+\.(js|css|png|map)$/.test(file)) return;
    await send(ctx, file, { root: uiDir });
  });
}
