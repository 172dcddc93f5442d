import type { AppDeps } from '../../deps.js';
import { shanghaiMonth } from '../../domain/tickets/queue-cells.js';

/**
 * Visits every ticket's read row once, for one-time migrations (open311_rows, citizen_months): by
 * district × month (the declared {districtCode, month, createdAt} index), keyset pages newest first,
 * back until EMPTY_MONTHS_TO_STOP months in a row hold no ticket. Never one query over all tickets.
 */

const PAGE = 200;
const EMPTY_MONTHS_TO_STOP = 24;

export interface WalkedRow {
  _id: unknown;
  createdAt: Date;
  [field: string]: unknown;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface WalkOptions {
  /** resume: the newest month to walk (a month after it was finished by an earlier, interrupted run) */
  fromMonth?: string;
  /** called when every district of `month` was visited, before the walk moves to the month before */
  monthDone?: (month: string) => Promise<void>;
}

export async function walkTicketRows(deps: AppDeps, projection: Record<string, 1>, visit: (rows: WalkedRow[]) => Promise<void>, opts: WalkOptions = {}): Promise<void> {
  const { TicketRow, District } = deps.models;
  const districts = (await District.find({ kind: 'district' }, { code: 1 }).limit(500).lean<{ code: string }[]>()).map((d) => d.code);
  let empty = 0;
  for (let month = opts.fromMonth ?? shanghaiMonth(deps.now()); empty < EMPTY_MONTHS_TO_STOP; month = previousMonth(month)) {
    let any = false;
    for (const districtCode of districts) {
      let before = null as Date | null;
      let atBoundary = new Set<string>();
      for (;;) {
        const page: WalkedRow[] = await TicketRow.find({ districtCode, month, ...(before ? { createdAt: { $lte: before } } : {}) }, { ...projection, _id: 1, createdAt: 1 })
          .sort({ createdAt: -1 })
          .limit(PAGE)
          .lean();
        // keyset on createdAt, ties at the page boundary read again and skipped
        const rows = page.filter((r) => !atBoundary.has(String(r._id)));
        if (!rows.length) break;
        any = true;
        await visit(rows);
        if (page.length < PAGE) break;
        const last = page[page.length - 1]!.createdAt.getTime();
        if (!before || before.getTime() !== last) atBoundary = new Set();
        for (const r of page) if (r.createdAt.getTime() === last) atBoundary.add(String(r._id));
        before = new Date(last);
      }
    }
    empty = any ? 0 : empty + 1;
    if (any) await opts.monthDone?.(month);
  }
}
