import { AUDIT_DETAIL_LABELS, AUDIT_TARGET_LABELS } from '@cgt/shared/audit/labels';
import { STATE_LABELS, type TicketState } from '@cgt/shared/ticket/machine';
import { SOURCE_CHANNEL_LABELS } from '@cgt/shared/ticket/source';
import { COMPLAINT_CHANNEL_LABELS } from '@cgt/shared/complaint/machine';
import type { AuditEntry } from '../../services/types';

/** How one audit entry reads on the page: who, which record (and where it opens), the details as fields. */

export function actorText(e: AuditEntry): string {
  const a = e.actor;
  if (a.kind === 'anonymous') return '匿名';
  if (a.kind === 'system') return '系统';
  const extra = a.kind === 'citizen' ? '（居民）' : '';
  return a.name ? `${a.name}${extra}` : a.id || '—';
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** The console page a record opens on, when there is one. */
export function targetPath(e: Pick<AuditEntry, 'targetType' | 'targetId'>): string | null {
  const id = e.targetId;
  switch (e.targetType) {
    case 'ticket':
      return OBJECT_ID.test(id) ? `/tickets/${id}` : null;
    case 'complaint':
      return OBJECT_ID.test(id) ? `/complaints/${id}` : null;
    case 'user':
    case 'staff_user':
      return '/users';
    case 'template':
    case 'reply_template':
      return '/templates';
    case 'department':
    case 'routing_rule':
    case 'zone':
    case 'district':
    case 'category':
      return '/masterdata';
    case 'waste_item':
    case 'waste_category':
      return '/waste';
    case 'car_park':
    case 'toilet':
    case 'parking_operator':
      return '/poi';
    default:
      return null;
  }
}

/** "工单 YY20261203-000001": the kind in words, then the best human name the details carry, else the id. */
export function targetText(e: AuditEntry): string {
  const d = e.details ?? {};
  const human = [d.trackingNo, d.caseNo, d.username, d.name, d.title].find((v): v is string => typeof v === 'string' && v.length > 0);
  const kind = AUDIT_TARGET_LABELS[e.targetType] ?? e.targetType;
  return `${kind} ${human ?? e.targetId}`.trim() || '—';
}

const CHANNEL_LABELS: Readonly<Record<string, string>> = { ...SOURCE_CHANNEL_LABELS, ...COMPLAINT_CHANNEL_LABELS };

function valueText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (key === 'channel' && typeof v === 'string') return CHANNEL_LABELS[v] ?? v;
  if ((key === 'from' || key === 'to') && typeof v === 'string' && v in STATE_LABELS) return STATE_LABELS[v as TicketState];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? (AUDIT_DETAIL_LABELS[x] ?? x) : JSON.stringify(x))).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The details as labelled fields: known ones first in their reading order, the rest after, by name. */
export function detailFields(details: Record<string, unknown> | undefined): { label: string; value: string }[] {
  const entries = Object.entries(details ?? {});
  const order = Object.keys(AUDIT_DETAIL_LABELS);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return entries
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([k, v]) => ({ label: AUDIT_DETAIL_LABELS[k] ?? k, value: valueText(k, v) }));
}
