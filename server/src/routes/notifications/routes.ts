import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  MarkAlertsReadRequest,
  NotificationTemplatesBody,
  NotificationTemplatesView,
  StaffAlertListQuery,
  StaffAlertListResponse,
  OutboxListQuery,
  OutboxListResponse,
  RecordSubscriptionsRequest,
  SubscriptionCreditsResponse,
} from '@cgt/shared/schemas/notifications';
import type { AppDeps } from '../../deps.js';
import type { CitizenPrincipal, StaffPrincipal } from '../../http/auth.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { listCredits, recordSubscribeResults } from '../../commands/notifications/credits.js';
import { listTemplates } from '../../commands/notifications/templates.js';
import { replaceTemplates } from '../../commands/notifications/replace-templates.js';
import { listDeliveries } from '../../commands/notifications/outbox-admin.js';
import { retryDelivery } from '../../commands/notifications/retry-delivery.js';
import { countUnread, listAlerts, markAlertsRead } from '../../commands/notifications/staff-alerts.js';
import { registerWechatPushRoutes } from './wechat-push.js';
import { IdempotencyHeader } from '@cgt/shared/schemas/reports';
import { withIdempotency } from '../../db/idempotency.js';

/** Subscribe-message credits (residents), template configuration and the outbox's dead letters (admins). */

const IdParams = z.object({ id: z.string().min(1).max(100) });

export function registerNotificationRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  registerWechatPushRoutes(router, registry, deps);
  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/me/subscriptions',
    summary: '上报订阅结果（wx.requestSubscribeMessage 的返回值），返回各模板剩余可发送次数',
    description:
      '每个 accept 让服务端可以就该模板发送一条消息；reject / ban 在再次 accept 之前一律不发；filter 不改变任何状态。' +
      '带 Idempotency-Key 时，同键同内容的重发（例如连接中断后的重试）只记一次。',
    tags: ['消息通知'],
    auth: 'citizen',
    headers: IdempotencyHeader.partial(),
    body: RecordSubscriptionsRequest,
    responses: { 200: { description: '各模板的次数', schema: SubscriptionCreditsResponse } },
    handler: async (ctx, { body, principal, deps }) => {
      const citizenId = (principal as CitizenPrincipal).userId;
      // each accept is one more credit: a retried call must not grant it twice (the key makes it once)
      await withIdempotency(
        deps,
        { scope: 'subscriptions', callerId: citizenId, value: ctx.get('idempotency-key') || undefined, required: false, request: body, reuseHint: '请为新的订阅结果生成新的键' },
        { prepare: async () => undefined, complete: async () => (await recordSubscribeResults(deps, citizenId, body.results), { recorded: true }) },
      );
      return { items: await listCredits(deps, citizenId) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/me/subscriptions',
    summary: '我的订阅消息次数',
    tags: ['消息通知'],
    auth: 'citizen',
    responses: { 200: { description: '各模板的次数', schema: SubscriptionCreditsResponse } },
    handler: async (_ctx, { principal, deps }) => ({ items: await listCredits(deps, (principal as CitizenPrincipal).userId) }),
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/notification-templates',
    summary: '小程序可请求订阅的模板（事件 → 模板 ID），供 wx.requestSubscribeMessage 使用',
    tags: ['消息通知'],
    auth: 'none',
    responses: { 200: { description: '事件 → 模板 ID', schema: z.object({ templates: z.record(z.string(), z.string()) }) } },
    handler: async (_ctx, { deps }) => ({ templates: Object.fromEntries((await listTemplates(deps)).map((t) => [t.event, t.templateId])) }),
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/notification-templates',
    summary: '订阅消息模板配置（事件 → 模板 ID、页面、关键词取值）',
    tags: ['消息通知'],
    auth: { staff: ['admin'] },
    responses: { 200: { description: '配置，以及微信是否已配置（未配置则不发订阅消息、不做内容安全检测）', schema: NotificationTemplatesView } },
    handler: async (_ctx, { deps }) => {
      const c = deps.config;
      const wechat = { configured: Boolean(c.WECHAT_APPID && c.WECHAT_SECRET), mediaChecks: Boolean(c.WECHAT_PUSH_TOKEN && c.PUBLIC_BASE_URL) };
      return { items: await listTemplates(deps), wechat };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'put',
    path: '/api/v1/admin/notification-templates',
    summary: '替换订阅消息模板配置',
    description: '关键词的值为工单字段名（trackingNo、categoryName、statusLabel、address、description、reply、reason、text、eventTime、createdAt）或固定文字；发送时按关键词类型截断（thing ≤20 字等）。',
    tags: ['消息通知'],
    auth: { staff: ['admin'] },
    body: NotificationTemplatesBody,
    responses: { 200: { description: '保存后的配置', schema: NotificationTemplatesBody } },
    handler: async (ctx, { body, principal: p, deps }) => {
      await replaceTemplates(deps, p, body.items, ipOf(ctx));
      return { items: await listTemplates(deps) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/notifications',
    summary: '我的提醒（通知中心：新工单、派遣、回退、返工、临期、超期…），含未读数',
    description: '按时间倒序分页：下一页带上 nextCursor（为 null 时没有更多）。未读数最多计到 100（显示为 99+）。提醒保留 STAFF_ALERT_RETENTION_DAYS 天（默认 30）。',
    tags: ['消息通知'],
    auth: 'staff',
    query: StaffAlertListQuery,
    responses: { 200: { description: '列表', schema: StaffAlertListResponse } },
    handler: async (_ctx, { query, principal, deps }) =>
      listAlerts(deps, (principal as StaffPrincipal).userId, { unreadOnly: query.unread === '1', cursor: query.cursor, pageSize: query.pageSize }),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/notifications/read',
    summary: '标记提醒为已读（指定 ids，或 all: true）',
    tags: ['消息通知'],
    auth: 'staff',
    body: MarkAlertsReadRequest,
    responses: { 200: { description: '未读数', schema: z.object({ unread: z.number().int() }) } },
    handler: async (_ctx, { body, principal, deps }) => {
      const staffId = (principal as StaffPrincipal).userId;
      await markAlertsRead(deps, staffId, 'all' in body ? 'all' : body.ids);
      return { unread: await countUnread(deps, staffId) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/outbox',
    summary: '通知投递记录（默认：失败的死信）',
    tags: ['消息通知'],
    auth: { staff: ['admin'] },
    query: OutboxListQuery,
    responses: { 200: { description: '列表', schema: OutboxListResponse } },
    handler: async (_ctx, { query, deps }) => {
      return listDeliveries(deps, query.state, query.page, query.pageSize);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/outbox/:id/retry',
    summary: '重发一条失败的通知',
    tags: ['消息通知'],
    auth: { staff: ['admin'] },
    params: IdParams,
    responses: { 200: { description: '已重新排队', schema: z.object({ id: z.string(), state: z.literal('pending') }) } },
    handler: async (ctx, { params, principal: p, deps }) => {
      await retryDelivery(deps, p, params.id, ipOf(ctx));
      return { id: params.id, state: 'pending' as const };
    },
  });
}
