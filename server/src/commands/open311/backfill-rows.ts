import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import { previousMonth, walkTicketRows } from '../tickets/walk-rows.js';
import { shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { packRow, syncOpen311Row, unpackRow, type StoredOpen311Row } from './open311-rows.js';

/**
 * One-time migration: tickets filed before open311_rows existed get their Open311 row. Walks ticket_rows
 * (walk-rows.ts: district × month, newest first); writes a row where it is missing or behind. Runs
 * in the background after start; a stamp marks it done. Every finished month is recorded (PROGRESS), so an
 * interrupted run resumes with the month it was in: at 200,000 tickets the walk takes minutes (a point read
 * per ticket), and a server stopped before the end used to start it again from the newest month, for ever
 * (every write is an idempotent replace, so going over a month twice is harmless).
 */

const STAMP = 'open311_rows';
const STAMP_VERSION = '1';
const PROGRESS = 'open311_rows_progress';

/** A database whose tickets all got their Open311 row when written (the bulk seeders) needs no walk. */
export async function markOpen311RowsComplete(deps: AppDeps): Promise<void> {
  await deps.models.SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: STAMP_VERSION, count: 0 }, { upsert: true });
}

export async function backfillOpen311Rows(deps: AppDeps): Promise<number> {
  const { SeedStamp, Ticket, Open311Row } = deps.models;
  const stamp = await SeedStamp.findById(STAMP).lean();
  if (stamp?.version === STAMP_VERSION) return 0;
  const progress = await SeedStamp.findById(PROGRESS).lean();
  let written = 0;
  await walkTicketRows(
    deps,
    { version: 1 },
    async (rows) => {
      for (const r of rows) {
        const have = await Open311Row.findById(r._id, { version: 1 }).lean();
        if (have && have.version >= (r.version as number)) continue;
        const t = (await Ticket.findById(r._id).lean()) as TicketRecord | null;
        if (t) {
          await syncOpen311Row(deps, t);
          written++;
        }
      }
    },
    {
      // the month after the last finished one (months are walked newest first)
      fromMonth: progress?.version ? previousMonth(progress.version) : undefined,
      monthDone: async (month) => void (await SeedStamp.replaceOne({ _id: PROGRESS }, { _id: PROGRESS, version: month, count: written }, { upsert: true })),
    },
  );
  await SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: STAMP_VERSION, count: written }, { upsert: true });
  return written;
}

const PACK_STAMP = 'open311_rows_packed';
const PACK_STAMP_VERSION = '1';
/** The default window (90 days) and a little more: older rows are read as they are when a client asks. */
const PACK_DAYS = 95;

/**
 * One-time migration: the rows of the last PACK_DAYS days written before packing (open311-rows.ts
 * packRow) are rewritten packed, a day at a time (equality on `day`). A row is rewritten from itself
 * only while it still holds the version read; the ticket's version is read afterwards and a newer
 * ticket is written again from the ticket (the convergence rule of syncOpen311Row).
 */
export async function repackOpen311Rows(deps: AppDeps): Promise<number> {
  const { SeedStamp, Ticket, Open311Row } = deps.models;
  const stamp = await SeedStamp.findById(PACK_STAMP).lean();
  if (stamp?.version === PACK_STAMP_VERSION) return 0;
  let written = 0;
  const now = deps.now().getTime();
  for (let d = 0; d < PACK_DAYS; d++) {
    const day = shanghaiDay(new Date(now - d * 86_400_000));
    const rows = (await Open311Row.find({ day }).lean()) as unknown as StoredOpen311Row[];
    for (const row of rows.filter((r) => typeof r.shown !== 'string')) {
      await Open311Row.replaceOne({ _id: row._id, version: row.version }, packRow(unpackRow(row)));
      const cur = await Ticket.findById(row._id, { version: 1 }).lean<{ version: number } | null>();
      if (cur && cur.version !== row.version) {
        const t = (await Ticket.findById(row._id).lean()) as TicketRecord | null;
        if (t) await syncOpen311Row(deps, t);
      }
      written++;
    }
  }
  await SeedStamp.replaceOne({ _id: PACK_STAMP }, { _id: PACK_STAMP, version: PACK_STAMP_VERSION, count: written }, { upsert: true });
  return written;
}
