import type { AppDeps } from '../../deps.js';
import { shanghaiMonth } from '../../domain/tickets/queue-cells.js';
import type { QueueRow } from '../tickets/queue.js';
import { rowsOf, type DrillEvent } from './drill.js';

/**
 * The ticket rows of a drill-down export, read by district × month where many events share one. An event
 * names its ticket by id only; reading 200,000 rows one `_id` at a time is 200,000 commands, and FerretDB
 * pays a fixed cost per command on top of the cost per document. Most events happen in the month the ticket
 * was filed (上报数: always), so the events of a district × month of their time are looked up in that
 * district × month's ticket rows (the declared {districtCode, month} index), read once and kept while the
 * export walks on. Events whose ticket is not there (filed in an earlier month, moved to another district)
 * and groups too small to be worth a read fall back to reads by id, so the rows are the same either way.
 */

/** A district × month is read whole once the export has met this many of its events. */
const GROUP_MIN_EVENTS = 40;
/** Rows kept at most (a month of every district at the 2021 rate): the oldest groups are dropped first. */
const MAX_ROWS_KEPT = 20_000;
/** One district × month is a few thousand rows at the 2021 rate; beyond this the read stops short. */
const MAX_GROUP_ROWS = 20_000;

export class DrillRowReader {
  private readonly groups = new Map<string, Map<string, QueueRow>>();
  private kept = 0;
  /** events met so far per district × month: a group is read once it has shown enough of them */
  private readonly seen = new Map<string, number>();

  constructor(private readonly deps: AppDeps) {}

  private async load(key: string): Promise<Map<string, QueueRow>> {
    const [districtCode, month] = key.split('|') as [string, string];
    const rows = new Map<string, QueueRow>();
    const cursor = this.deps.models.TicketRow.find({ districtCode, month }).limit(MAX_GROUP_ROWS).lean<QueueRow>().cursor({ batchSize: 500 });
    for await (const r of cursor) rows.set(String((r as QueueRow)._id), r as QueueRow);
    this.groups.set(key, rows);
    this.kept += rows.size;
    for (const [k, g] of this.groups) {
      if (this.kept <= MAX_ROWS_KEPT || k === key) break;
      this.groups.delete(k);
      this.kept -= g.size;
    }
    return rows;
  }

  /** The rows of these events' tickets, by id (a ticket that no longer has a row is absent). */
  async rowsFor(events: DrillEvent[]): Promise<Map<string, QueueRow>> {
    const out = new Map<string, QueueRow>();
    const byGroup = new Map<string, DrillEvent[]>();
    for (const e of events) {
      const key = `${e.district}|${shanghaiMonth(e.at)}`;
      byGroup.set(key, [...(byGroup.get(key) ?? []), e]);
    }
    const rest: DrillEvent[] = [];
    for (const [key, list] of byGroup) {
      const seen = (this.seen.get(key) ?? 0) + list.length;
      this.seen.set(key, seen);
      const group = this.groups.get(key) ?? (seen >= GROUP_MIN_EVENTS ? await this.load(key) : null);
      for (const e of list) {
        const row = group?.get(e.ref);
        if (row) out.set(e.ref, row);
        else rest.push(e);
      }
    }
    for (const [id, row] of await rowsOf(this.deps, rest)) out.set(id, row);
    return out;
  }
}
