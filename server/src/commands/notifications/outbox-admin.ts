import type { AppDeps } from '../../deps.js';
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
