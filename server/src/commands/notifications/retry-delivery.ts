import type { AppDeps } from '../../deps.js';
import { versionedWrite } from '../../db/versioned-write.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { recordAudit } from '../../services/audit.js';
import type { DeliveryRow } from './deliver.js';

/**
 * An admin sends a dead letter again (after fixing the template, or judging "may have been delivered"):
 * only a dead delivery (409 invalid_transition otherwise), back to pending with its attempts reset.
 */
export async function retryDelivery(deps: AppDeps, by: StaffPrincipal, id: string, ip: string): Promise<void> {
  const row = (await deps.models.OutboxDelivery.findById(id).lean()) as DeliveryRow | null;
  if (!row) throw fail('not_found', [], '通知不存在');
  if (row.state !== 'dead') throw fail('invalid_transition', [], '只有失败的通知可以重发');
  const moved = await versionedWrite(deps.models, {
    kind: 'outbox',
    model: deps.models.OutboxDelivery,
    id,
    version: row.version,
    guard: { state: 'dead' },
    update: { $set: { state: 'pending', attempts: 0, nextAt: deps.now(), lease: null, updatedAt: deps.now() } },
    by: by.userId,
  });
  if (!moved) throw fail('conflict', [], '通知已被他人处理，请刷新');
  await recordAudit(deps, {
    actor: { kind: 'staff', id: by.userId, name: by.displayName },
    action: 'outbox.retry',
    targetType: 'outbox_delivery',
    targetId: id,
    ip,
  });
}
