import type { NotificationTemplate } from '@cgt/shared/schemas/notifications';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { recordAudit } from '../../services/audit.js';

/**
 * An admin replaces the whole subscribe-message configuration (a handful of rows): upsert each, delete
 * the events no longer listed, one audit entry for the change.
 */
export async function replaceTemplates(deps: AppDeps, by: StaffPrincipal, items: NotificationTemplate[], ip: string): Promise<void> {
  const { NotificationTemplate: Model } = deps.models;
  const now = deps.now();
  const keep = new Set<string>(items.map((i) => i.event));
  for (const i of items) {
    await Model.replaceOne({ _id: i.event }, { templateId: i.templateId, page: i.page, fields: JSON.stringify(i.fields), updatedAt: now, updatedBy: by.userId }, { upsert: true });
  }
  for (const r of await Model.find({}, { _id: 1 }).limit(100).lean()) if (!keep.has(String(r._id))) await Model.deleteOne({ _id: r._id });
  await recordAudit(deps, {
    actor: { kind: 'staff', id: by.userId, name: by.displayName },
    action: 'notification_templates.replace',
    targetType: 'notification_templates',
    targetId: 'all',
    ip,
  });
}
