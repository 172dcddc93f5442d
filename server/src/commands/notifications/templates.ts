import type { TicketState } from '@cgt/shared/ticket/machine';
import { RESIDENT_STATE_SHORT } from '@cgt/shared/ticket/resident-labels';
import { TEMPLATE_SOURCE_FIELDS, type NotificationTemplate } from '@cgt/shared/schemas/notifications';
import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { COMPLAINT_STATE_LABELS, type ComplaintState } from '@cgt/shared/complaint/machine';

/**
 * The admin-configured subscribe-message templates (one per event) and how a template's keys are filled
 * from a ticket: a value naming a field of TEMPLATE_SOURCE_FIELDS is that field, anything else is fixed
 * text. The values are fitted to their key types only when sent (shared/src/wechat/template-values.ts).
 */

const SOURCES = new Set<string>(TEMPLATE_SOURCE_FIELDS);

export async function listTemplates(deps: AppDeps): Promise<NotificationTemplate[]> {
  const rows = await deps.models.NotificationTemplate.find({}).sort({ _id: 1 }).limit(50).lean();
  return rows.map((r) => ({ event: r._id as NotificationTemplate['event'], templateId: r.templateId, page: r.page ?? 'pages/index/index', fields: JSON.parse(r.fields) as Record<string, string> }));
}

export async function templateFor(deps: AppDeps, event: string): Promise<NotificationTemplate | null> {
  const r = await deps.models.NotificationTemplate.findById(event).lean();
  return r ? { event: r._id as NotificationTemplate['event'], templateId: r.templateId, page: r.page ?? 'pages/index/index', fields: JSON.parse(r.fields) as Record<string, string> } : null;
}

/** The page a card opens: the ticket's detail page, with its id, unless the admin's page already has a query. */
export function cardPage(page: string, ticketId: string): string {
  return page.includes('?') ? page : `${page}?id=${encodeURIComponent(ticketId)}`;
}

function lastWith(t: TicketRecord, field: 'reply' | 'reason'): string | undefined {
  for (let i = t.timeline.length - 1; i >= 0; i--) {
    const v = t.timeline[i]![field];
    if (v) return v;
  }
  return undefined;
}

/** The raw value of every key (fitted to its key type later). */
export function templateValues(tpl: NotificationTemplate, t: TicketRecord, entry: { text: string; createdAt: Date; status?: string }): Record<string, string | Date | undefined> {
  const out: Record<string, string | Date | undefined> = {};
  for (const [key, source] of Object.entries(tpl.fields)) {
    if (!SOURCES.has(source)) {
      out[key] = source;
      continue;
    }
    switch (source as (typeof TEMPLATE_SOURCE_FIELDS)[number]) {
      case 'trackingNo': out[key] = t.trackingNo; break;
      case 'categoryName': out[key] = t.categoryName; break;
      // subscribe messages go to the reporter: plain words, short enough for a phrase key (≤ 5 characters)
      case 'statusLabel': out[key] = RESIDENT_STATE_SHORT[(entry.status ?? t.status) as TicketState] ?? entry.status ?? t.status; break;
      case 'address': out[key] = t.address ?? t.routing.districtName; break;
      case 'description': out[key] = t.description; break;
      case 'reply': out[key] = lastWith(t, 'reply'); break;
      case 'reason': out[key] = lastWith(t, 'reason'); break;
      case 'text': out[key] = entry.text; break;
      case 'eventTime': out[key] = entry.createdAt; break;
      case 'createdAt': out[key] = t.createdAt; break;
    }
  }
  return out;
}

/**
 * The same keys filled from a 信访 case: its case number stands for the tracking number, "信访事项" for
 * the category, the latest written reply for the reply. The petitioner's personal data never goes out.
 */
export function complaintTemplateValues(tpl: NotificationTemplate, c: ComplaintRecord, entry: { text: string; createdAt: Date; status?: string }): Record<string, string | Date | undefined> {
  const out: Record<string, string | Date | undefined> = {};
  const status = (entry.status ?? c.status) as ComplaintState;
  for (const [key, source] of Object.entries(tpl.fields)) {
    if (!SOURCES.has(source)) {
      out[key] = source;
      continue;
    }
    switch (source as (typeof TEMPLATE_SOURCE_FIELDS)[number]) {
      case 'trackingNo': out[key] = c.caseNo; break;
      case 'categoryName': out[key] = '信访事项'; break;
      case 'statusLabel': out[key] = COMPLAINT_STATE_LABELS[status] ?? status; break;
      case 'address': out[key] = undefined; break;
      case 'description': out[key] = c.content; break;
      case 'reply': out[key] = c.replies[c.replies.length - 1]?.text; break;
      case 'reason': out[key] = undefined; break;
      case 'text': out[key] = entry.text; break;
      case 'eventTime': out[key] = entry.createdAt; break;
      case 'createdAt': out[key] = c.registeredAt; break;
    }
  }
  return out;
}
