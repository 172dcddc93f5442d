import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import { writeOpen311Row } from '../open311/open311-rows.js';
import { markDaysChanged, writeTicketFacts } from '../stats/sync-facts.js';
import { markBucketsChanged } from './queue-counts.js';
import { queueBucketsBefore, writeQueueRows } from './queue.js';
import { writeUntilCurrent } from './write-until-current.js';

/**
 * After every ticket write (common.ts versionedUpdate, create-report.ts): the ticket's projections — its
 * queue rows (queue.ts), its Open311 row (open311/open311-rows.ts) and its statistics facts
 * (stats/sync-facts.ts) — written together and checked against the ticket's version once per round
 * (write-until-current.ts), instead of one convergence loop each: a filing or a transition at 200,000
 * tickets spent three re-reads of the ticket on it. Then the queue buckets and the statistics days that
 * moved are marked, so their counts and sums are redone by their next reader.
 * `fresh`: the ticket was inserted just now, so it has no rows and no facts to read first.
 */
export async function syncTicketProjections(deps: AppDeps, ticket: TicketRecord, opts: { fresh?: boolean } = {}): Promise<void> {
  const touched = await queueBucketsBefore(deps, ticket, opts.fresh);
  const moved = new Set<string>();
  let noFactsYet = !!opts.fresh;
  const synced = await writeUntilCurrent(deps, ticket, async (t) => {
    const first = noFactsYet;
    noFactsYet = false; // a second round reads what the first wrote
    await Promise.all([writeQueueRows(deps, t, touched), writeOpen311Row(deps, t), writeTicketFacts(deps, t, moved, first)]);
  });
  const change = `${String(synced._id)}.${synced.version}`;
  await Promise.all([markBucketsChanged(deps, touched, change), markDaysChanged(deps, moved, change)]);
}

/** Re-syncs when a detail read finds the row missing or behind (a writer crashed before its projections). */
export async function ensureQueueRow(deps: AppDeps, t: TicketRecord): Promise<void> {
  const row = await deps.models.TicketRow.findById(t._id, { version: 1 }).lean();
  if (!row || row.version !== t.version) await syncTicketProjections(deps, t);
}
