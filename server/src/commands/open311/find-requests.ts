import { parseTrackingNo } from '@cgt/shared/format/tracking-no';
import { MAX_REQUESTS, statesOf, type Open311Status } from '@cgt/shared/open311/mapping';
import type { AppDeps } from '../../deps.js';
import { shanghaiMonth } from '../../domain/tickets/queue-cells.js';
import type { TicketRecord } from '../../models/ticket.js';

/**
 * The read side of GET /open311/v2/requests and /requests/{id}, by the data-layer rules (issue 11):
 * - by id: one indexed equality per tracking number on ticket_rows (any age);
 * - by window: ticket_rows by district × month (equality on the declared {districtCode, month,
 *   createdAt} index), service codes, status and the window's ends narrowing that set, sorted newest
 *   first and limited by the database; months are walked from the newest back and the walk stops once MAX_REQUESTS are in hand;
 * - the answer's fields come from the tickets, each read by _id (full description, public replies).
 */

export interface RequestFilter {
  start: Date;
  end: Date;
  serviceCodes: string[];
  status?: Open311Status;
}

interface RowLean {
  _id: unknown;
  createdAt: Date;
}

/** Asia/Shanghai months touching [start, end], newest first. */
export function monthsBetween(start: Date, end: Date): string[] {
  const out: string[] = [];
  let [y, m] = shanghaiMonth(end).split('-').map(Number) as [number, number];
  const first = shanghaiMonth(start);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key <= first || out.length > 24) break;
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

const TICKET_FIELDS = {
  trackingNo: 1, status: 1, categoryCode: 1, categoryName: 1, description: 1, location: 1, address: 1, photoIds: 1,
  routing: 1, assignedDepartmentId: 1, dueAt: 1, duplicateOf: 1, timeline: 1, mediaUrl: 1, createdAt: 1, updatedAt: 1,
} as const;

/** Reads tickets by _id, a few at a time (each an index read), keeping the given order. */
async function ticketsByIds(deps: AppDeps, ids: unknown[]): Promise<TicketRecord[]> {
  const out: (TicketRecord | null)[] = new Array(ids.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      out[i] = (await deps.models.Ticket.findById(ids[i], TICKET_FIELDS).lean()) as TicketRecord | null;
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
  return out.filter((t): t is TicketRecord => !!t);
}

export async function findRequestsByTrackingNos(deps: AppDeps, trackingNos: string[]): Promise<TicketRecord[]> {
  const valid = [...new Set(trackingNos.map((n) => n.trim().toUpperCase()))].filter((n) => parseTrackingNo(n));
  const rows = await Promise.all(valid.map((trackingNo) => deps.models.TicketRow.findOne({ trackingNo }, { _id: 1 }).lean<RowLean>()));
  return ticketsByIds(deps, rows.filter((r): r is RowLean => !!r).map((r) => r._id));
}

async function districtCodes(deps: AppDeps): Promise<string[]> {
  const docs = await deps.models.District.find({ kind: 'district' }, { code: 1 }).limit(500).lean<{ code: string }[]>();
  return docs.map((d) => d.code).sort();
}

export async function findRequestsInWindow(deps: AppDeps, f: RequestFilter): Promise<TicketRecord[]> {
  const { TicketRow } = deps.models;
  const districts = await districtCodes(deps);
  const states = f.status ? statesOf(f.status) : undefined;
  const picked: RowLean[] = [];
  for (const month of monthsBetween(f.start, f.end)) {
    const want = MAX_REQUESTS - picked.length;
    const lists = await Promise.all(
      districts.map((districtCode) =>
        TicketRow.find(
          {
            districtCode,
            month,
            // narrowing a district × month set (FerretDB applies these to that small set in memory)
            createdAt: { $gte: f.start, $lte: f.end },
            ...(f.serviceCodes.length ? { categoryCode: { $in: f.serviceCodes } } : {}),
            ...(states ? { status: { $in: states } } : {}),
          },
          { _id: 1, createdAt: 1 },
        )
          .sort({ createdAt: -1 })
          .limit(want)
          .lean<RowLean[]>(),
      ),
    );
    const merged = lists.flat().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (String(a._id) < String(b._id) ? 1 : -1));
    picked.push(...merged.slice(0, want));
    if (picked.length >= MAX_REQUESTS) break;
  }
  return ticketsByIds(deps, picked.map((r) => r._id));
}
