import type { AppDeps } from '../../deps.js';
import { bucketsOfRow, HOT_FINAL_DAYS, shanghaiDay } from '../../domain/tickets/queue-cells.js';
import type { QueueRow } from './queue.js';
import { markBucketsChanged } from './queue-counts.js';

/** How many days past the hot window the job looks back (a server that was down that long catches up). */
const CATCH_UP_DAYS = 60;

/**
 * Moves tickets that became final more than HOT_FINAL_DAYS ago out of the hot queue: their rows stay in
 * ticket_rows (reached by tracking number, resident, month × district), the queue keeps only open work and
 * the last month's results, so its buckets stay small however many years of history there are.
 * One equality query per day (finalDay); idempotent, safe on several instances at once.
 */
export async function retireFinalTickets(deps: AppDeps): Promise<number> {
  const now = deps.now();
  let moved = 0;
  for (let back = HOT_FINAL_DAYS + 1; back <= HOT_FINAL_DAYS + CATCH_UP_DAYS; back++) {
    const finalDay = shanghaiDay(new Date(now.getTime() - back * 86400_000));
    const rows = await deps.models.TicketQueue.find(
      { finalDay },
      { districtCode: 1, zoneCode: 1, assignedDepartmentId: 1, status: 1, dueDay: 1 },
    ).lean<Pick<QueueRow, '_id' | 'districtCode' | 'zoneCode' | 'assignedDepartmentId' | 'status' | 'dueDay'>[]>();
    if (rows.length === 0) continue;
    await deps.models.TicketQueue.deleteMany({ finalDay });
    await markBucketsChanged(deps, rows.flatMap(bucketsOfRow), `retire.${finalDay}.${now.getTime()}`);
    moved += rows.length;
  }
  return moved;
}
