import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import { shanghaiMonth } from '../../domain/tickets/queue-cells.js';
import { syncOpen311Row } from './open311-rows.js';

/**
 * One-time migration: tickets filed before open311_rows existed get their Open311 row. Walks ticket_rows
 * by district × month (the declared {districtCode, month, createdAt} index, keyset pages), newest month
 * first, back until 24 months in a row hold no ticket; writes a row where it is missing or behind. Runs
 * in the background after start; a stamp marks it done, an interrupted run simply starts again (every
 * write is an idempotent replace).
 */

const STAMP = 'open311_rows';
const STAMP_VERSION = '1';
const PAGE = 200;
const EMPTY_MONTHS_TO_STOP = 24;

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function backfillOpen311Rows(deps: AppDeps): Promise<number> {
  const { SeedStamp, TicketRow, Ticket, Open311Row, District } = deps.models;
  const stamp = await SeedStamp.findById(STAMP).lean();
  if (stamp?.version === STAMP_VERSION) return 0;
  const districts = (await District.find({ kind: 'district' }, { code: 1 }).limit(500).lean<{ code: string }[]>()).map((d) => d.code);
  let written = 0;
  let empty = 0;
  for (let month = shanghaiMonth(deps.now()); empty < EMPTY_MONTHS_TO_STOP; month = previousMonth(month)) {
    let any = false;
    for (const districtCode of districts) {
      let before = null as Date | null;
      let atBoundary = new Set<string>();
      for (;;) {
        const page: { _id: unknown; version: number; createdAt: Date }[] = await TicketRow.find(
          { districtCode, month, ...(before ? { createdAt: { $lte: before } } : {}) },
          { _id: 1, version: 1, createdAt: 1 },
        )
          .sort({ createdAt: -1 })
          .limit(PAGE)
          .lean();
        // keyset on createdAt, ties at the page boundary read again and skipped
        const rows = page.filter((r) => !atBoundary.has(String(r._id)));
        if (!rows.length) break;
        any = true;
        for (const r of rows) {
          const have = await Open311Row.findById(r._id, { version: 1 }).lean();
          if (have && have.version >= r.version) continue;
          const t = (await Ticket.findById(r._id).lean()) as TicketRecord | null;
          if (t) {
            await syncOpen311Row(deps, t);
            written++;
          }
        }
        if (page.length < PAGE) break;
        const last = page[page.length - 1]!.createdAt.getTime();
        if (!before || before.getTime() !== last) atBoundary = new Set();
        for (const r of page) if (r.createdAt.getTime() === last) atBoundary.add(String(r._id));
        before = new Date(last);
      }
    }
    empty = any ? 0 : empty + 1;
  }
  await SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: STAMP_VERSION, count: written }, { upsert: true });
  return written;
}
