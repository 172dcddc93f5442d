import type { AppDeps } from '../../deps.js';
import { versionedWrite } from '../../db/versioned-write.js';
import { fail } from '../../http/errors.js';
import type { OutboxState } from '@cgt/shared/schemas/notifications';
import type { DeliveryRow } from './deliver.js';

/** The admin's dead-letter page: one state, page by page (equality on the indexed state, sort in the index). */
export async function listDeliveries(deps: AppDeps, state: OutboxState, page: number, pageSize: number) {
  const { OutboxDelivery } = deps.models;
  const [rows, total] = await Promise.all([
    OutboxDelivery.find({ state }).sort({ createdAt: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean() as Promise<DeliveryRow[]>,
    OutboxDelivery.countDocuments({ state }),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      id: r._id,
      ticketId: r.ticketId ?? null,
      complaintId: r.complaintId ?? null,
      event: r.event,
      channel: r.channel,
      recipientKind: r.recipientKind,
      state: r.state as OutboxState,
      attempts: r.attempts,
      createdAt: r.createdAt.toISOString(),
      nextAt: r.state === 'pending' ? r.nextAt.toISOString() : null,
      lastError: r.lastError ? { errcode: r.lastError.errcode ?? null, errmsg: r.lastError.errmsg ?? '', key: r.lastError.key ?? null } : null,
    })),
  };
}

/** An admin sends a dead letter again (after fixing the template, or judging "may have been delivered"). */
export async function retryDelivery(deps: AppDeps, id: string, by: string): Promise<void> {
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
    by,
  });
  if (!moved) throw fail('conflict', [], '通知已被他人处理，请刷新');
}
