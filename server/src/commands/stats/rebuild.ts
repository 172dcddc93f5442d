import { randomUUID } from 'node:crypto';
import { addMonths, monthOfDay, shanghaiDayOf } from '@cgt/shared/stats/period';
import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import { isDuplicateKey } from '../../db/claims.js';
import { ticketFacts, type Fact } from '../../domain/stats/ticket-facts.js';
import { complaintFacts } from '../../domain/stats/complaint-facts.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { markDaysChanged } from './sync-facts.js';
import { drainStats } from './recount.js';

/**
 * `npm run stats:rebuild`: the statistics rows from the tickets' (and 信访 cases') own histories, from scratch. Facts are
 * derived by the same function the live writer uses (domain/stats/ticket-facts.ts) and the day/month rows
 * by the same recount (recount.ts), so a rebuild gives the rows the live path keeps. Tickets are reached by
 * month × status through ticket_rows (indexed equalities), a few hundred at a time; nothing is held in
 * memory beyond one batch. Run it while no server writes (a write during the rebuild may need a second run).
 */

const BATCH = 500;

/** Months that hold tickets, newest first: back from now until two years in a row hold none. */
async function* monthsWithTickets(deps: AppDeps, now: Date): AsyncGenerator<string> {
  let empty = 0;
  for (let m = monthOfDay(shanghaiDayOf(now)); empty < 24; m = addMonths(m, -1)) {
    const any = await deps.models.TicketRow.findOne({ month: m }, { _id: 1 }).lean();
    if (!any) {
      empty++;
      continue;
    }
    empty = 0;
    yield m;
  }
}

async function* ticketBatches(deps: AppDeps, now: Date): AsyncGenerator<TicketRecord[]> {
  for await (const month of monthsWithTickets(deps, now)) {
    // one month's ids (a month of the city is ~20,000 small rows), then the tickets a batch at a time
    const ids = await deps.models.TicketRow.find({ month }, { _id: 1 }).lean<{ _id: unknown }[]>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const part = ids.slice(i, i + BATCH);
      const tickets: (TicketRecord | null)[] = [];
      for (let j = 0; j < part.length; j += 50) {
        tickets.push(...(await Promise.all(part.slice(j, j + 50).map((r) => deps.models.Ticket.findById(r._id).lean<TicketRecord>()))));
      }
      yield tickets.filter((t): t is TicketRecord => !!t);
    }
  }
}

/** Inserts facts in bulk (a fact already there is left: ids are deterministic) and marks their days. */
export async function insertFactsBulk(deps: AppDeps, facts: Fact[], changeId: string): Promise<void> {
  for (let i = 0; i < facts.length; i += 1000) {
    try {
      await deps.models.StatFact.insertMany(facts.slice(i, i + 1000), { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  await markDaysChanged(deps, new Set(facts.map((f) => f.bucket)), changeId);
}

export interface RebuildResult {
  tickets: number;
  facts: number;
  rows: number;
  seconds: number;
}

/**
 * Empties the statistics collections by dropping them and making their declared indexes again. Not
 * `deleteMany({})`: FerretDB on PostgreSQL deletes every match in one statement with one parameter per
 * document, and a year of the city's facts (>65,535) exceeds PostgreSQL's parameter limit. A drop is also
 * what MongoDB does fastest. `afterClear` re-adds what the database layer keeps beside the declared
 * indexes (the GIN twins on the embedded PostgreSQL), before the facts go in.
 */
async function clearStatistics(deps: AppDeps, afterClear?: () => Promise<void>): Promise<void> {
  const { StatFact, StatDay, StatMonth, StatDirty, StatLease } = deps.models;
  for (const model of [StatFact, StatDay, StatMonth, StatDirty, StatLease]) {
    await model.collection.drop().catch((err: { codeName?: string; code?: number }) => {
      if (err.codeName !== 'NamespaceNotFound' && err.code !== 26) throw err; // never created: nothing to drop
    });
    await model.createCollection();
    await model.createIndexes();
  }
  await afterClear?.();
}

export async function rebuildStats(deps: AppDeps, opts: { log?: (m: string) => void; afterClear?: () => Promise<void> } = {}): Promise<RebuildResult> {
  const t0 = performance.now();
  await clearStatistics(deps, opts.afterClear);
  const run = `rebuild:${randomUUID()}`;
  let tickets = 0;
  let facts = 0;
  for await (const batch of ticketBatches(deps, deps.now())) {
    const all = batch.flatMap((t) => ticketFacts(t));
    await insertFactsBulk(deps, all, run);
    tickets += batch.length;
    facts += all.length;
    if (tickets % 10_000 < batch.length) opts.log?.(`[stats] ${tickets} tickets, ${facts} facts`);
  }
  // 信访 cases, a month at a time through complaint_rows (month is its leading indexed key)
  let empty = 0;
  for (let m = monthOfDay(shanghaiDayOf(deps.now())); empty < 24; m = addMonths(m, -1)) {
    const ids = await deps.models.ComplaintRow.find({ month: m }, { _id: 1 }).lean<{ _id: unknown }[]>();
    if (ids.length === 0) {
      empty++;
      continue;
    }
    empty = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      const cases = await Promise.all(ids.slice(i, i + BATCH).map((r) => deps.models.Complaint.findById(r._id).lean<ComplaintRecord>()));
      const all = cases.filter((c): c is ComplaintRecord => !!c).flatMap((c) => complaintFacts(c));
      await insertFactsBulk(deps, all, run);
      facts += all.length;
    }
  }
  const rows = await drainStats(deps);
  return { tickets, facts, rows, seconds: (performance.now() - t0) / 1000 };
}
