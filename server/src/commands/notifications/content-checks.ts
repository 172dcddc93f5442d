import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import { mediaCheckAsync, msgSecCheck } from '../../integrations/wechat/content-check.js';
import type { TicketRecord } from '../../models/ticket.js';
import { fileUrl } from '../../services/uploads.js';
import { holdForContent } from '../tickets/content-hold.js';

/**
 * Content checks of a new report, run once by the outbox job when it delivers the report's `created`
 * entry (which it takes exactly once): the text by msg_sec_check (answered at once), each photo by
 * media_check_async (answered on the push endpoint, matched by trace_id). Fail open: a check that cannot
 * run is recorded as `error` or `skipped`, and the report goes on as usual. Photos need a URL WeChat can
 * fetch, so they are checked only when PUBLIC_BASE_URL is set. A `risky` verdict holds the ticket as 待审核
 * (commands/tickets/content-hold.ts) until a dispatcher releases it.
 */

type CheckState = 'pending' | 'pass' | 'review' | 'risky' | 'error' | 'skipped';

async function record(deps: AppDeps, doc: { _id: string; ticketId: string; kind: 'text' | 'media'; photoId?: string; state: CheckState; label?: number | null; note?: string }) {
  const now = deps.now();
  try {
    await deps.models.ContentCheck.create({ photoId: null, label: null, note: '', ...doc, createdAt: now, updatedAt: now });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // a retried delivery: already recorded
  }
}

export async function checkReportContent(deps: AppDeps, ticket: TicketRecord, openid: string): Promise<void> {
  const ticketId = String(ticket._id);
  const verdict = await msgSecCheck(deps, openid, ticket.description);
  await record(deps, verdict
    ? { _id: `text:${ticketId}`, ticketId, kind: 'text', state: verdict.suggest, label: verdict.label }
    : { _id: `text:${ticketId}`, ticketId, kind: 'text', state: 'error', note: '内容安全接口不可用，已放行' });
  if (verdict?.suggest === 'risky') await holdForContent(deps, ticketId, 'text', verdict.label ?? null);
  for (const photoId of ticket.photoIds) {
    if (!deps.config.PUBLIC_BASE_URL) {
      await record(deps, { _id: `media:${ticketId}:${photoId}`, ticketId, kind: 'media', photoId, state: 'skipped', note: '未配置 PUBLIC_BASE_URL，图片无法送检' });
      continue;
    }
    const traceId = await mediaCheckAsync(deps, openid, new URL(fileUrl(photoId), deps.config.PUBLIC_BASE_URL).toString());
    await record(deps, traceId
      ? { _id: traceId, ticketId, kind: 'media', photoId, state: 'pending' }
      : { _id: `media:${ticketId}:${photoId}`, ticketId, kind: 'media', photoId, state: 'error', note: '图片检测接口不可用，已放行' });
  }
}

/**
 * The asynchronous photo verdict from the push endpoint. Only a pending check changes, and always to
 * the verdict WeChat sent, so a repeated push writes the same value (no compare-and-set needed).
 */
export async function recordMediaVerdict(deps: AppDeps, traceId: string, suggest: string, label: number | null): Promise<boolean> {
  if (!['pass', 'review', 'risky'].includes(suggest)) return false;
  const res = await deps.models.ContentCheck.updateOne({ _id: traceId, state: 'pending' }, { $set: { state: suggest, label, updatedAt: deps.now() } });
  if (res.matchedCount > 0 && suggest === 'risky') {
    const check = await deps.models.ContentCheck.findById(traceId, { ticketId: 1 }).lean();
    if (check) await holdForContent(deps, check.ticketId, 'media', label);
  }
  return res.matchedCount > 0;
}
