import type { AppDeps } from '../../deps.js';
import { bucketsOfRow, cellId, shanghaiDay } from '../../domain/tickets/queue-cells.js';
import type { QueueRow } from './queue.js';
import { recountBuckets } from './queue-counts.js';

/** Days around today that are always checked (open tickets are rarely due further out or further back). */
const DAYS_BACK = 400;
const DAYS_AHEAD = 90;

type SlimRow = Pick<QueueRow, 'districtCode' | 'zoneCode' | 'assignedDepartmentId' | 'status' | 'dueDay'>;

/**
 * The safety net under the dirty markers (queue-counts.ts): a writer that died between its row write and
 * its markers leaves a bucket whose stored count is off and that nobody will recount. This audit reads the
 * hot queue one due day at a time (an equality set of about a day's tickets), counts every bucket of
 * that day from the rows, and recounts, under the lease, each bucket whose stored number differs. It
 * never writes a number itself, so a concurrent writer is never overwritten by the audit's reading.
 * Returns the buckets it found off.
 */
export async function repairQueueCounts(deps: AppDeps): Promise<number> {
  const { QueueCount, TicketQueue } = deps.models;
  const now = deps.now().getTime();
  const days = new Set<string>();
  for (let d = -DAYS_BACK; d <= DAYS_AHEAD; d++) days.add(shanghaiDay(new Date(now + d * 86400_000)));
  // and any day the city cell's directory knows (an old ticket still open), bounded by days × statuses
  for (const b of await QueueCount.find({ cell: cellId('all') }, { _id: 0, dueDay: 1 }).lean<{ dueDay: string }[]>()) days.add(b.dueDay);

  let off = 0;
  for (const dueDay of days) {
    const [rows, stored] = await Promise.all([
      TicketQueue.find({ dueDay }, { _id: 0, districtCode: 1, zoneCode: 1, assignedDepartmentId: 1, status: 1, dueDay: 1 }).lean<SlimRow[]>(),
      QueueCount.find({ dueDay }, { _id: 1, n: 1 }).lean<{ _id: string; n: number }[]>(),
    ]);
    const real = new Map<string, number>();
    for (const r of rows) for (const b of bucketsOfRow(r)) real.set(b, (real.get(b) ?? 0) + 1);
    const storedN = new Map(stored.map((s) => [s._id, s.n]));
    const wrong = new Set<string>();
    for (const [b, n] of real) if (storedN.get(b) !== n) wrong.add(b);
    for (const b of storedN.keys()) if (!real.has(b)) wrong.add(b);
    if (wrong.size === 0) continue;
    off += wrong.size;
    await recountBuckets(deps, wrong);
  }
  return off;
}
