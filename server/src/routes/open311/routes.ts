import type { Context, Middleware } from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { JURISDICTION_ID } from '@cgt/shared/open311/mapping';
import type { Open311Operation } from '@cgt/shared/schemas/open311';
import type { AppDeps } from '../../deps.js';
import { verifyOpen311Key, type Open311Client } from '../../commands/open311/keys.js';
import { fileOpen311Request } from '../../commands/open311/file-request.js';
import { findRequestsByTrackingNos, findRequestsInWindow } from '../../commands/open311/find-requests.js';
import { getCategory, listCategories, type CategoryInfo } from '../../services/categories.js';
import { WindowRateLimiter } from '../auth/rate-limit.js';
import { Open311Error, open311Forbidden, open311NotFound, sendError, sendUnexpected, toOpen311Error, type Format } from './errors.js';
import { attributesOf, parseCreateForm, parseListQuery, readForm } from './input.js';
import { presentDiscovery, presentRequest, presentService, presentServiceDefinition, type Open311Object } from '../../presenters/open311.js';
import { toXml } from './xml.js';

/**
 * Open311 GeoReport v2 under /open311/v2, every resource as .json and .xml. Its own error format and
 * urlencoded POST bodies keep it outside defineRoute; the OpenAPI document still lists each resource
 * (registerOpen311Docs). Filing goes through the mini-program's command (commands/open311/file-request.ts).
 */

export const OPEN311_BASE = '/open311/v2';
const CHANGESET = '2026-12-02T00:00:00+08:00';
/** reads without an api_key, per client IP and minute */
const ANONYMOUS_PER_MINUTE = 120;

interface Call {
  ctx: Context;
  deps: AppDeps;
  id?: string;
  form: URLSearchParams;
  client: Open311Client | null;
  origin: string;
}
type Answer = { status?: number; root: string; body: Open311Object | Open311Object[] };

interface Resource {
  method: 'GET' | 'POST';
  name: string;
  withId: boolean;
  /** operation a key must allow; 'file' also makes the key mandatory */
  needs: Open311Operation;
  summary: string;
  handle(c: Call): Promise<Answer>;
}

async function categoryMap(deps: AppDeps): Promise<Map<string, CategoryInfo>> {
  return new Map((await listCategories(deps, false)).map((c) => [c.code, c]));
}

const RESOURCES: Resource[] = [
  {
    method: 'GET', name: 'discovery', withId: false, needs: 'read', summary: 'Open311 服务发现（端点、规范、格式）',
    handle: async (c) => ({ root: 'discovery', body: presentDiscovery(c.origin, CHANGESET) }),
  },
  {
    method: 'GET', name: 'services', withId: false, needs: 'read', summary: 'Open311 服务列表（每个可受理的问题类型一项）',
    handle: async (c) => ({ root: 'services', body: (await listCategories(c.deps, true)).map(presentService) }),
  },
  {
    method: 'GET', name: 'services', withId: true, needs: 'read', summary: 'Open311 服务定义（问题类型需要的补充属性）',
    handle: async (c) => {
      const cat = await getCategory(c.deps, c.id!);
      if (!cat || !cat.active) throw open311NotFound(`service_code：服务 ${c.id} 不存在`);
      return { root: 'service_definition', body: presentServiceDefinition(cat.code) };
    },
  },
  {
    method: 'POST', name: 'requests', withId: false, needs: 'file', summary: 'Open311 提交诉求（application/x-www-form-urlencoded；与小程序上报同一流程）',
    handle: async (c) => {
      const form = parseCreateForm(c.form);
      const res = await fileOpen311Request(c.deps, c.client!, form, attributesOf(c.form));
      return { status: res.status, root: 'service_requests', body: res.body as unknown as Open311Object[] };
    },
  },
  {
    method: 'GET', name: 'requests', withId: false, needs: 'read', summary: 'Open311 诉求列表（默认最近 90 天，最多 1000 条）',
    handle: async (c) => {
      const input = parseListQuery(c.form, c.deps.now());
      const cats = await categoryMap(c.deps);
      const unknown = input.filter.serviceCodes.filter((code) => !cats.has(code));
      if (unknown.length) throw new Open311Error(400, [`service_code：未知的服务编码 ${unknown.join('、')}`]);
      const tickets = input.ids ? await findRequestsByTrackingNos(c.deps, input.ids) : await findRequestsInWindow(c.deps, input.filter);
      return { root: 'service_requests', body: tickets.map((t) => presentRequest(t, cats, c.origin)) };
    },
  },
  {
    method: 'GET', name: 'requests', withId: true, needs: 'read', summary: 'Open311 单个诉求',
    handle: async (c) => {
      const [t] = /^YY\d{8}-\d{6}$/i.test(c.id!) ? await findRequestsByTrackingNos(c.deps, [c.id!]) : [];
      if (!t) throw open311NotFound(`service_request_id：诉求 ${c.id} 不存在`);
      return { root: 'service_requests', body: [presentRequest(t, await categoryMap(c.deps), c.origin)] };
    },
  },
  {
    method: 'GET', name: 'tokens', withId: true, needs: 'read', summary: 'Open311 令牌查询（本系统同步受理，令牌即受理编号）',
    handle: async (c) => {
      const [t] = /^YY\d{8}-\d{6}$/i.test(c.id!) ? await findRequestsByTrackingNos(c.deps, [c.id!]) : [];
      if (!t) throw open311NotFound(`token：令牌 ${c.id} 不存在`);
      return { root: 'service_requests', body: [{ service_request_id: t.trackingNo, token: t.trackingNo }] };
    },
  },
];

const PATH = /^\/open311\/v2\/([a-z_]+)(?:\/([^/]+?))?\.(json|xml)$/;

function formatOf(path: string): Format {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'xml';
}

/** The middleware serving /open311/v2/*; everything else passes through. */
export function open311Middleware(deps: AppDeps): Middleware {
  const perKey = new Map<number, WindowRateLimiter>();
  const perIp = new WindowRateLimiter(ANONYMOUS_PER_MINUTE, 60_000, deps.now);
  const limiterFor = (n: number) => {
    let l = perKey.get(n);
    if (!l) perKey.set(n, (l = new WindowRateLimiter(n, 60_000, deps.now)));
    return l;
  };

  return async (ctx, next) => {
    if (ctx.path !== OPEN311_BASE && !ctx.path.startsWith(`${OPEN311_BASE}/`)) return next();
    const format = formatOf(ctx.path);
    try {
      const m = PATH.exec(ctx.path);
      const candidates = m ? RESOURCES.filter((r) => r.name === m[1] && r.withId === (m[2] !== undefined)) : [];
      if (!candidates.length) throw open311NotFound(`资源 ${ctx.path} 不存在（路径形如 ${OPEN311_BASE}/services.json 或 .xml）`);
      const resource = candidates.find((r) => r.method === ctx.method || (ctx.method === 'HEAD' && r.method === 'GET'));
      if (!resource) {
        throw new Open311Error(405, [`${ctx.method} 不适用于 ${ctx.path}，可用：${candidates.map((r) => r.method).join('、')}`], {
          Allow: candidates.map((r) => r.method).join(', '),
        });
      }
      const form = await readForm(ctx);
      const jurisdiction = form.get('jurisdiction_id');
      if (jurisdiction && jurisdiction.trim() !== '' && jurisdiction.trim() !== JURISDICTION_ID) {
        throw open311NotFound(`jurisdiction_id：辖区 ${jurisdiction} 不由本系统受理（本系统为 ${JURISDICTION_ID}）`);
      }
      const client = await authorise(deps, form.get('api_key'), resource.needs);
      if (client) limiterFor(client.rateLimitPerMinute).consume(client.id);
      else perIp.consume(ctx.ip || 'unknown');
      const id = m![2] !== undefined ? decodeURIComponent(m![2]) : undefined;
      const answer = await resource.handle({ ctx, deps, id, form, client, origin: `${ctx.protocol}://${ctx.host}` });
      ctx.status = answer.status ?? 200;
      if (format === 'json') {
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = JSON.stringify(answer.body);
      } else {
        ctx.type = 'text/xml; charset=utf-8';
        ctx.body = toXml(answer.root, answer.body);
      }
    } catch (err) {
      const e = toOpen311Error(err);
      if (e && e.status < 500) sendError(ctx, format, e);
      else sendUnexpected(ctx, format, err, deps.logger);
    }
  };
}

/** A key is required to file and optional to read; a given key must be valid and allow the operation. */
async function authorise(deps: AppDeps, presented: string | null, needs: Open311Operation): Promise<Open311Client | null> {
  const key = presented?.trim() ?? '';
  if (!key) {
    if (needs === 'file') throw open311Forbidden('api_key：缺少 API Key（向管理员申请）');
    return null;
  }
  const client = await verifyOpen311Key(deps, key);
  if (!client) throw open311Forbidden('api_key：API Key 无效或已吊销');
  if (!client.operations.includes(needs)) throw open311Forbidden(`api_key：该 API Key 未获准${needs === 'file' ? '提交诉求' : '查询'}`);
  return client;
}

/** Each Open311 resource in the OpenAPI document, both formats (their bodies follow GeoReport v2, not our JSON envelope). */
export function registerOpen311Docs(registry: OpenAPIRegistry): void {
  const fmt = (f: Format) => (f === 'json' ? 'application/json' : 'text/xml');
  for (const r of RESOURCES) {
    for (const f of ['json', 'xml'] as const) {
      const idName = r.name === 'services' ? 'service_code' : r.name === 'tokens' ? 'token' : 'service_request_id';
      const path = `${OPEN311_BASE}/${r.name}${r.withId ? `/{${idName}}` : ''}.${f}`;
      const query: Record<string, z.ZodType> = { jurisdiction_id: z.string().optional(), api_key: z.string().optional() };
      if (r.method === 'GET' && r.name === 'requests' && !r.withId) {
        Object.assign(query, {
          service_request_id: z.string().optional(),
          service_code: z.string().optional(),
          start_date: z.string().optional(),
          end_date: z.string().optional(),
          status: z.string().optional(),
        });
      }
      registry.registerPath({
        method: r.method === 'GET' ? 'get' : 'post',
        path,
        summary: r.summary,
        description: 'GeoReport v2（http://wiki.open311.org/GeoReport_v2）。错误为 [{code, description}] 或 <errors><error>…</error></errors>。',
        tags: ['Open311'],
        security: [],
        request: {
          ...(r.method === 'GET' ? { query: z.object(query) } : {}),
          ...(r.withId ? { params: z.object({ [idName]: z.string() }) } : {}),
          ...(r.method === 'POST'
            ? { body: { content: { 'application/x-www-form-urlencoded': { schema: z.object({ api_key: z.string(), service_code: z.string(), lat: z.string(), long: z.string() }).passthrough() } } } }
            : {}),
        },
        responses: {
          [r.method === 'POST' ? 201 : 200]: { description: 'GeoReport v2 格式', content: { [fmt(f)]: { schema: z.any() } } },
          '4XX': { description: 'Open311 错误数组', content: { [fmt(f)]: { schema: z.array(z.object({ code: z.number(), description: z.string() })) } } },
        },
      });
    }
  }
}
