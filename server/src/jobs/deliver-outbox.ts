import type { AppDeps } from '../deps.js';
import { deliverTaken, recoverInterrupted, takeDelivery, type DeliveryRow } from '../commands/notifications/deliver.js';

/**
 * The outbox job, run by every server process every few seconds. Reads a page of the pending set (small:
 * delivered entries leave it) oldest-due first, takes each due one through the kernel (one worker wins
 * each) and delivers it; then looks for deliveries left in `sending` by a worker that died.
 */

export const OUTBOX_BATCH = 25;
/** deliveries in flight at once per process (each waits on WeChat for up to seconds) */
const PARALLEL = 4;

export async function deliverDueOutbox(deps: AppDeps, opts: { by?: string; batch?: number } = {}): Promise<Record<string, number>> {
  const by = opts.by ?? `pid:${process.pid}`;
  const now = deps.now().getTime();
  const { OutboxDelivery } = deps.models;
  const pending = (await OutboxDelivery.find({ state: 'pending' }).sort({ nextAt: 1 }).limit(opts.batch ?? OUTBOX_BATCH).lean()) as DeliveryRow[];
  const due = pending.filter((r) => r.nextAt.getTime() <= now);
  const counts: Record<string, number> = {};
  const count = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const row = due[next++]!;
      const taken = await takeDelivery(deps, row, by);
      if (!taken) {
        count('takenElsewhere');
        continue;
      }
      try {
        count(await deliverTaken(deps, taken));
      } catch (err) {
        // left in `sending`: recoverInterrupted() decides after the lease, as for a dead worker
        deps.logger.error({ err, delivery: row._id }, 'outbox delivery failed');
        count('error');
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const sending = (await OutboxDelivery.find({ state: 'sending' }).sort({ nextAt: 1 }).limit(OUTBOX_BATCH).lean()) as DeliveryRow[];
  for (const row of sending) {
    const r = await recoverInterrupted(deps, row);
    if (r) count(`recovered:${r}`);
  }
  return counts;
}
