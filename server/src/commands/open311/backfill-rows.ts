import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import { walkTicketRows } from '../tickets/walk-rows.js';
import { syncOpen311Row } from './open311-rows.js';

/**
 * One-time migration: tickets filed before open311_rows existed get their Open311 row. Walks ticket_rows
 * (walk-rows.ts: district × month, newest first); writes a row where it is missing or behind. Runs
 * in the background after start; a stamp marks it done, an interrupted run simply starts again (every
 * write is an idempotent replace).
 */

const STAMP = 'open311_rows';
const STAMP_VERSION = '1';

export async function backfillOpen311Rows(deps: AppDeps): Promise<number> {
  const { SeedStamp, Ticket, Open311Row } = deps.models;
  const stamp = await SeedStamp.findById(STAMP).lean();
  if (stamp?.version === STAMP_VERSION) return 0;
  let written = 0;
  await walkTicketRows(deps, { version: 1 }, async (rows) => {
    for (const r of rows) {
      const have = await Open311Row.findById(r._id, { version: 1 }).lean();
      if (have && have.version >= (r.version as number)) continue;
      const t = (await Ticket.findById(r._id).lean()) as TicketRecord | null;
      if (t) {
        await syncOpen311Row(deps, t);
        written++;
      }
    }
  });
  await SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: STAMP_VERSION, count: written }, { upsert: true });
  return written;
}
