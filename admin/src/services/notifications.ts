import type { NotificationTemplatesView, OutboxItem, StaffAlert, StaffAlertListResponse } from '@cgt/shared/schemas/notifications';
import { http } from './request';
import type { Paged } from './types';

/** The console's notification centre (staff alerts), subscribe-message templates and the outbox (admins). */

export type { StaffAlert };

/** Newest first; pass the previous page's `nextCursor` for older ones. */
/**
 * `background`: a poll, not the user's doing — sent with `X-Background: 1`, which the server does not
 * count as activity, so a console left open still ends after the idle timeout (等保).
 */
export function listAlerts(opts: { unread?: boolean; cursor?: string; pageSize?: number; background?: boolean } = {}): Promise<StaffAlertListResponse> {
  return http.get('/admin/notifications', { unread: opts.unread ? '1' : undefined, cursor: opts.cursor, pageSize: opts.pageSize ?? 10 }, { silent: true, ...(opts.background ? { headers: { 'X-Background': '1' } } : {}) });
}

export function markAlertsRead(ids: string[] | 'all'): Promise<{ unread: number }> {
  return http.post('/admin/notifications/read', ids === 'all' ? { all: true } : { ids });
}

export const NOTIFICATION_EVENTS = [
  { event: 'ticket.accepted', label: '受理通知（已立案）' },
  { event: 'ticket.rejected', label: '受理通知（不予立案）' },
  { event: 'ticket.dispatched', label: '派遣通知' },
  { event: 'ticket.resolved', label: '处理结果通知' },
  { event: 'ticket.closed', label: '结案通知' },
  { event: 'complaint.concluded', label: '信访答复通知' },
] as const;

export interface NotificationTemplate {
  event: string;
  templateId: string;
  page: string;
  fields: Record<string, string>;
}

export function listTemplates(): Promise<NotificationTemplatesView> {
  return http.get('/admin/notification-templates');
}

export function saveTemplates(items: NotificationTemplate[]): Promise<{ items: NotificationTemplate[] }> {
  return http.put('/admin/notification-templates', { items });
}

export type { OutboxItem };

export function listOutbox(state: string, page: number, pageSize: number, signal?: AbortSignal): Promise<Paged<OutboxItem>> {
  return http.get('/admin/outbox', { state, page, pageSize }, { signal });
}

export function retryOutbox(id: string): Promise<{ id: string; state: string }> {
  return http.post(`/admin/outbox/${encodeURIComponent(id)}/retry`);
}

/** `thing1=categoryName` lines ↔ the fields map (what an admin types, what the API stores). */
export function parseFieldLines(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (key && value) fields[key] = value;
  }
  return fields;
}

export function fieldLines(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
