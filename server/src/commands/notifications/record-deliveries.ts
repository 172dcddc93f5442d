import type { AppDeps } from '../../deps.js';
import type { OutboxEntry } from '../../models/ticket.js';

/**
 * Records the deliveries of a ticket's new outbox entries BEFORE the ticket update that appends them (see
 * models/outbox-delivery.ts for why this order loses nothing). Idempotent: a repeated call (a retried
 * request) inserts nothing twice, because the entry id is the delivery's _id.
 */
export async function recordDeliveries(
  deps: AppDeps,
  subjectId: unknown,
  entries: readonly OutboxEntry[] | undefined,
  subject: 'ticket' | 'complaint' = 'ticket',
): Promise<void> {
  if (!entries?.length) return;
  const now = deps.now();
  const docs = entries.map((e) => ({
    _id: e._id,
    ticketId: subject === 'ticket' ? String(subjectId) : null,
    complaintId: subject === 'complaint' ? String(subjectId) : null,
    channel: e.channel,
    recipientKind: e.recipientKind,
    recipientId: e.recipientId,
    event: e.event,
    text: e.text,
    state: 'pending',
    version: 0,
    attempts: 0,
    nextAt: now,
    createdAt: e.createdAt ?? now,
    updatedAt: now,
  }));
  await deps.models.OutboxDelivery.insertMany(docs, { ordered: false }).catch((err: { code?: number; writeErrors?: { code?: number }[] }) => {
    const dupOnly = err.code === 11000 || (err.writeErrors?.length && err.writeErrors.every((w) => w.code === 11000));
    if (!dupOnly) throw err;
  });
}
