import { z } from 'zod';
import { SUBSCRIBE_RESULTS } from '../wechat/subscription-credits.js';
import { CursorQuery } from './common';

/** Subscribe-message credits, notification templates and the outbox: /api/v1/me/subscriptions, /api/v1/admin/…. */

/** WeChat template ids are URL-safe base64-like strings (43 characters today). */
export const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, '模板 ID 格式不正确');

export const RecordSubscriptionsRequest = z.object({
  // wx.requestSubscribeMessage answers with at most a handful of ids per call
  results: z
    .record(TemplateId, z.enum(SUBSCRIBE_RESULTS))
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 10, { message: '一次最多 10 个模板' }),
});
export type RecordSubscriptionsRequest = z.infer<typeof RecordSubscriptionsRequest>;

export const SubscriptionCreditView = z.object({
  templateId: z.string(),
  credits: z.number().int().min(0),
  choice: z.enum(['accept', 'reject', 'ban']).nullable(),
});
export const SubscriptionCreditsResponse = z.object({ items: z.array(SubscriptionCreditView) });
export type SubscriptionCreditsResponse = z.infer<typeof SubscriptionCreditsResponse>;

/** Events a subscribe-message template can be bound to. */
export const NOTIFICATION_EVENTS = ['ticket.accepted', 'ticket.rejected', 'ticket.dispatched', 'ticket.resolved', 'ticket.closed', 'complaint.concluded', 'ticket.rate_reminder'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** Ticket fields a template key can show; any other value is fixed text. */
export const TEMPLATE_SOURCE_FIELDS = ['trackingNo', 'categoryName', 'statusLabel', 'address', 'description', 'reply', 'reason', 'text', 'eventTime', 'createdAt'] as const;

const TemplateKey = z.string().regex(/^[a-z_]+\d+$/, '模板关键词形如 thing1、time2');

export const NotificationTemplate = z.object({
  event: z.enum(NOTIFICATION_EVENTS),
  templateId: TemplateId,
  page: z.string().max(200).default('pages/index/index'),
  fields: z.record(TemplateKey, z.string().min(1).max(100)).refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 10, {
    message: '请配置 1–10 个关键词',
  }),
});
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;

export const NotificationTemplatesBody = z.object({ items: z.array(NotificationTemplate).max(20) });
export type NotificationTemplatesBody = z.infer<typeof NotificationTemplatesBody>;

/**
 * What the WeChat side can do with the server's settings: without WECHAT_APPID/SECRET no subscribe message is
 * sent and no content check runs (reports pass unchecked). Photos are checked only with PUBLIC_BASE_URL (WeChat
 * fetches the photo from it) and WECHAT_PUSH_TOKEN (the verdict arrives by signed message push); else only text.
 */
export const WechatStatus = z.object({ configured: z.boolean(), mediaChecks: z.boolean() });
export type WechatStatus = z.infer<typeof WechatStatus>;

/** GET /api/v1/admin/notification-templates: the configuration and what WeChat can do with it. */
export const NotificationTemplatesView = NotificationTemplatesBody.extend({ wechat: WechatStatus });
export type NotificationTemplatesView = z.infer<typeof NotificationTemplatesView>;

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'skipped', 'refused', 'dead', 'void'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
export const OUTBOX_STATE_LABELS: Readonly<Record<OutboxState, string>> = { dead: '失败', pending: '待发送', sending: '发送中', sent: '已发送', skipped: '未发送', refused: '用户拒收', void: '已作废' };
/**
 * The states the admin page lists: what needs attention (dead letters) and what is in flight — sets that
 * stay small. The final states (sent, skipped, refused, void) grow with every ticket for good: listing and
 * counting them would decode a year of deliveries; each ticket's own deliveries are read by its id instead.
 */
export const OUTBOX_LISTED_STATES = ['dead', 'pending', 'sending'] as const;

export const OutboxListQuery = z.object({
  state: z.enum(OUTBOX_LISTED_STATES).default('dead'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const OutboxItem = z.object({
  id: z.string(),
  /** the subject: a ticket, or a 信访 case (信访答复通知) */
  ticketId: z.string().nullable(),
  complaintId: z.string().nullable(),
  event: z.string(),
  channel: z.string(),
  recipientKind: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAt: z.string().nullable(),
  lastError: z.object({ errcode: z.number().nullable(), errmsg: z.string(), key: z.string().nullable() }).nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;
export const OutboxListResponse = z.object({ items: z.array(OutboxItem), total: z.number().int() });

/** The console's notification centre (staff alerts). */
export const StaffAlertListQuery = z.object({
  unread: z.enum(['0', '1']).optional(),
  ...CursorQuery.shape,
});
export const StaffAlert = z.object({
  id: z.string(),
  kind: z.string(),
  ticketId: z.string().nullable(),
  trackingNo: z.string().nullable(),
  /** set on a 信访 case's alert (deadline near, 积案) instead of ticketId */
  complaintId: z.string().nullable(),
  caseNo: z.string().nullable(),
  text: z.string(),
  read: z.boolean(),
  createdAt: z.string(),
});
/** `unread` stops counting at 100 (the bell shows 99+); `nextCursor` null = no older alerts. */
export const StaffAlertListResponse = z.object({ items: z.array(StaffAlert), nextCursor: z.string().nullable(), unread: z.number().int() });
export type StaffAlert = z.infer<typeof StaffAlert>;
export type StaffAlertListResponse = z.infer<typeof StaffAlertListResponse>;
export const MarkAlertsReadRequest = z.union([
  z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
]);
