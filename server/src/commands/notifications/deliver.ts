import { fitTemplateData } from '@cgt/shared/wechat/template-values';
import type { AppDeps } from '../../deps.js';
import { versionedWrite, type VersionedUpdate } from '../../db/versioned-write.js';
import type { OutboxDeliveryDoc } from '../../models/outbox-delivery.js';
import type { TicketRecord } from '../../models/ticket.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import type { NotificationTemplate } from '@cgt/shared/schemas/notifications';
import { sendSubscribeMessage, type SendOutcome } from '../../integrations/wechat/subscribe-send.js';
import { creditSpentFor, exhaustCreditFor, refundCreditFor, spendCreditFor } from './credits.js';
import { cardPage, complaintTemplateValues, templateFor, templateValues } from './templates.js';
import { departmentStaff, dispatchersOf, raiseAlerts } from './staff-alerts.js';
import { checkReportContent } from './content-checks.js';

/**
 * Delivers outbox entries exactly once with any number of server processes:
 * 1. a worker takes a pending delivery by a versioned write pending@v → sending@v+1 (the kernel lets
 *    exactly one worker have v+1) with a lease naming it;
 * 2. it confirms the ticket holds the entry (the delivery was recorded before the ticket write);
 * 3. for a resident: spends one credit (recorded on the credit with the delivery id), then sends once;
 * 4. it records the outcome by a versioned write from sending@v+1 (only the lease holder is there).
 * A worker that died in 1–4 leaves `sending` with an old lease: recoverInterrupted() puts it back to
 * pending when no credit was spent for it (so nothing was sent), and otherwise makes it a dead letter
 * marked "may have been delivered" rather than risk sending twice. Retryable failures come back after
 * RETRY_BACKOFF_MS[attempt - 1]; after the last one the delivery is dead.
 */

export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];
/** The ticket write follows the delivery record within milliseconds; after this it is not coming. */
export const CONFIRM_GRACE_MS = 2 * 60_000;
/** A send takes ≤ 5 s for the token and ≤ 5 s for the message; a lease this old belongs to a dead worker. */
export const SENDING_LEASE_MS = 2 * 60_000;

export type DeliveryRow = OutboxDeliveryDoc & { _id: string; version: number; attempts: number };

type Final = 'sent' | 'skipped' | 'refused' | 'dead' | 'void';

async function move(deps: AppDeps, row: DeliveryRow, from: string, set: Record<string, unknown>, extra: VersionedUpdate = {}): Promise<DeliveryRow | null> {
  return versionedWrite<DeliveryRow>(deps.models, {
    kind: 'outbox',
    model: deps.models.OutboxDelivery,
    id: row._id,
    version: row.version,
    guard: { state: from },
    update: { ...extra, $set: { ...set, updatedAt: deps.now() } },
    by: `pid:${process.pid}`,
  });
}

const finish = (deps: AppDeps, row: DeliveryRow, state: Final, lastError: { errcode: number | null; errmsg: string; key?: string | null } | null = null, extra: Record<string, unknown> = {}) =>
  move(deps, row, 'sending', { state, lease: null, lastError, ...(state === 'sent' ? { sentAt: deps.now() } : {}), ...extra });

const later = (deps: AppDeps, row: DeliveryRow, delayMs: number, lastError: { errcode: number | null; errmsg: string } | null, attempts = row.attempts) =>
  move(deps, row, 'sending', { state: 'pending', lease: null, lastError, attempts, nextAt: new Date(deps.now().getTime() + delayMs) });

/** Takes one pending delivery for this worker; null when another worker has it. */
export async function takeDelivery(deps: AppDeps, row: DeliveryRow, by: string): Promise<DeliveryRow | null> {
  return move(deps, row, 'pending', { state: 'sending', lease: { by, at: deps.now() }, attempts: row.attempts + 1 });
}

/** Delivers one taken delivery and records the outcome. Returns the final or intermediate state. */
export async function deliverTaken(deps: AppDeps, row: DeliveryRow): Promise<string> {
  if (row.complaintId) return deliverComplaintNotice(deps, row);
  const ticket = (await deps.models.Ticket.findById(row.ticketId).lean()) as TicketRecord | null;
  const entry = ticket?.outbox.find((e) => e._id === row._id);
  if (!ticket || !entry) return notYetRecorded(deps, row);
  if (row.channel !== 'wechat_subscribe') return deliverToConsole(deps, row, ticket);
  return deliverToResident(deps, row, {
    event: `ticket.${row.event}`,
    id: String(ticket._id),
    values: (tpl) => templateValues(tpl, ticket, entry),
    // a new report's content checks ride on its `created` entry, which this worker took exactly once
    beforeSend: row.event === 'created' ? (openid) => checkReportContent(deps, ticket, openid) : undefined,
  });
}

/**
 * A 信访 case's notice to its petitioner (信访答复通知 when a written reply is given): the case holds the
 * entry in its `outbox` as a ticket does, written after the delivery record.
 */
async function deliverComplaintNotice(deps: AppDeps, row: DeliveryRow): Promise<string> {
  const c = (await deps.models.Complaint.findById(row.complaintId).lean()) as ComplaintRecord | null;
  const entry = c?.outbox?.find((e) => e._id === row._id);
  if (!c || !entry) return notYetRecorded(deps, row);
  return deliverToResident(deps, row, { event: `complaint.${row.event}`, id: String(c._id), values: (tpl) => complaintTemplateValues(tpl, c, entry) });
}

/** The subject's write has not (yet) added the entry the delivery was recorded for. */
async function notYetRecorded(deps: AppDeps, row: DeliveryRow): Promise<string> {
  if (deps.now().getTime() - row.createdAt.getTime() > CONFIRM_GRACE_MS) {
    await finish(deps, row, 'void', { errcode: null, errmsg: row.complaintId ? '信访件未记录该通知（写入未成功）' : '工单未记录该通知（写入未成功）' });
    return 'void';
  }
  // the subject's write is still on its way: look again shortly, without counting an attempt
  await later(deps, row, 5_000, null, row.attempts - 1);
  return 'pending';
}

/**
 * A console alert to a department's staff, a district's dispatchers, or one staff member. Raising is idempotent per delivery id,
 * so a delivery taken over after a crash raises nothing twice.
 */
async function deliverToConsole(deps: AppDeps, row: DeliveryRow, ticket: TicketRecord): Promise<string> {
  const staff =
    row.recipientKind === 'department'
      ? await departmentStaff(deps, row.recipientId)
      : row.recipientKind === 'district'
        ? // a zone's own dispatchers too when the ticket lies in a 功能区 of that county
          await dispatchersOf(deps, row.recipientId, ticket.routing.districtCode === row.recipientId ? ticket.routing.zoneCode : null)
        : [row.recipientId];
  await raiseAlerts(deps, staff, { key: row._id, kind: row.event, ticketId: String(ticket._id), trackingNo: ticket.trackingNo, text: row.text || `工单 ${ticket.trackingNo}` });
  await finish(deps, row, staff.length ? 'sent' : 'skipped', staff.length ? null : { errcode: null, errmsg: '该单位没有可接收提醒的人员' });
  return staff.length ? 'sent' : 'skipped';
}

/** What a resident's message is about: its template event, the id its card opens, the template values. */
interface ResidentNotice {
  event: string;
  id: string;
  values: (tpl: NotificationTemplate) => Record<string, string | Date | undefined>;
  beforeSend?: (openid: string) => Promise<unknown>;
}

async function deliverToResident(deps: AppDeps, row: DeliveryRow, notice: ResidentNotice): Promise<string> {
  const skip = async (why: string) => {
    await finish(deps, row, 'skipped', { errcode: null, errmsg: why });
    return 'skipped';
  };
  // no outbound call at all without WeChat credentials
  if (!deps.config.WECHAT_APPID || !deps.config.WECHAT_SECRET) return skip('未配置微信（WECHAT_APPID）');
  const citizen = await deps.models.Citizen.findById(row.recipientId, { openid: 1, source: 1 }).lean();
  if (!citizen || citizen.source !== 'weapp') return skip('该市民不是小程序用户');
  await notice.beforeSend?.(citizen.openid);
  const tpl = await templateFor(deps, notice.event);
  if (!tpl) return skip(`事件 ${notice.event} 未配置订阅消息模板`);
  const paid = await spendCreditFor(deps, row.recipientId, tpl.templateId, row._id);
  if (paid === 'none') return skip('市民未订阅该模板或次数已用完');
  if (paid === 'spent') {
    // remember the template on the delivery so that an admin retry or a takeover checks the right credit
    const updated = await move(deps, row, 'sending', { templateId: tpl.templateId });
    if (updated) row = updated;
  }
  const outcome: SendOutcome = await sendSubscribeMessage(
    deps,
    {
      touser: citizen.openid,
      template_id: tpl.templateId,
      page: cardPage(tpl.page, notice.id),
      data: fitTemplateData(notice.values(tpl)),
      miniprogram_state: deps.config.WECHAT_MINIPROGRAM_STATE,
    },
    row._id,
  );
  switch (outcome.kind) {
    case 'sent':
      await finish(deps, row, 'sent');
      return 'sent';
    case 'refused':
      await finish(deps, row, 'refused', { errcode: outcome.errcode, errmsg: outcome.errmsg });
      await exhaustCreditFor(deps, row.recipientId, tpl.templateId);
      return 'refused';
    case 'dead':
      await finish(deps, row, 'dead', { errcode: outcome.errcode, errmsg: outcome.errmsg, key: outcome.key });
      await refundCreditFor(deps, row.recipientId, tpl.templateId, row._id);
      return 'dead';
    case 'uncertain':
      // WeChat may have delivered it: keep the credit spent, let an admin decide
      await finish(deps, row, 'dead', { errcode: null, errmsg: outcome.errmsg });
      return 'dead';
    case 'retry': {
      const delay = RETRY_BACKOFF_MS[row.attempts - 1];
      if (delay === undefined) {
        await finish(deps, row, 'dead', { errcode: outcome.errcode, errmsg: `重试已用尽：${outcome.errmsg}` });
        await refundCreditFor(deps, row.recipientId, tpl.templateId, row._id);
        return 'dead';
      }
      await later(deps, row, delay, { errcode: outcome.errcode, errmsg: outcome.errmsg });
      return 'pending';
    }
  }
}

/** A `sending` delivery whose worker died: back to pending if nothing can have been sent, else dead. */
export async function recoverInterrupted(deps: AppDeps, row: DeliveryRow): Promise<string | null> {
  const leaseAt = row.lease?.at?.getTime() ?? row.updatedAt.getTime();
  if (deps.now().getTime() - leaseAt < SENDING_LEASE_MS) return null;
  const mayHaveSent = row.channel === 'wechat_subscribe' && !!row.templateId && (await creditSpentFor(deps, row.recipientId, row.templateId, row._id));
  if (!mayHaveSent) {
    const back = await move(deps, row, 'sending', { state: 'pending', lease: null, nextAt: deps.now() });
    return back ? 'pending' : null;
  }
  const dead = await finish(deps, row, 'dead', { errcode: null, errmsg: '发送中断（进程退出），可能已送达' });
  return dead ? 'dead' : null;
}
