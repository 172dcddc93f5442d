import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { verifyPushSignature } from '../../integrations/wechat/push-signature.js';
import { recordMediaVerdict } from '../../commands/notifications/content-checks.js';

/**
 * 消息推送 (message push) from WeChat, data format JSON: the GET handshake echoes `echostr`; POST carries
 * events, of which `wxa_media_check` (the asynchronous photo verdict) is used. Every request must carry a
 * valid signature of WECHAT_PUSH_TOKEN; otherwise 401 and nothing changes.
 */

const SignedQuery = z.object({
  signature: z.string().max(100).optional(),
  timestamp: z.string().max(20).optional(),
  nonce: z.string().max(100).optional(),
  echostr: z.string().max(200).optional(),
});

const PushEvent = z
  .object({
    MsgType: z.string().optional(),
    Event: z.string().optional(),
    trace_id: z.string().max(200).optional(),
    result: z.object({ suggest: z.string(), label: z.number().optional() }).partial().optional(),
  })
  .passthrough();

/** The caller is WeChat's push server only if the query carries its signature (the route has no bearer token). */
function assertWechatSignature(deps: AppDeps, q: z.infer<typeof SignedQuery>): void {
  if (!verifyPushSignature(deps.config.WECHAT_PUSH_TOKEN, q, deps.now())) throw fail('bad_signature');
}

export function registerWechatPushRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/wechat/push',
    summary: '微信消息推送：服务器地址验证（回显 echostr）',
    tags: ['消息通知'],
    auth: 'none',
    query: SignedQuery,
    responses: { 200: { description: 'echostr' }, 401: { description: '签名无效' } },
    handler: async (ctx, { query, deps }) => {
      assertWechatSignature(deps, query);
      ctx.type = 'text/plain';
      return query.echostr ?? '';
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/wechat/push',
    summary: '微信消息推送（JSON）：图片内容安全异步检测结果 wxa_media_check，按 trace_id 对应',
    tags: ['消息通知'],
    auth: 'none',
    query: SignedQuery,
    body: PushEvent,
    responses: { 200: { description: 'success' }, 401: { description: '签名无效' } },
    handler: async (ctx, { query, body, deps }) => {
      assertWechatSignature(deps, query);
      if (body.Event === 'wxa_media_check' && body.trace_id && body.result?.suggest) {
        await recordMediaVerdict(deps, body.trace_id, body.result.suggest, body.result.label ?? null);
      }
      ctx.type = 'text/plain';
      return 'success';
    },
  });
}
