/**
 * The seed as a database in production would be after its hourly jobs had run all year. The seeder writes a
 * year of history in minutes, so work that the jobs do a little at a time is left as one backlog:
 * resolved tickets unrated for more than 7 days (auto-close, 200 a run), contact phones of tickets final for
 * more than 6 months (1,000 tickets a run), the Open311 rows' one-time backfill, the outbox entries of earlier drives' intake, uploads from
 * before `pendingDay`. A drive over that backlog measures the first hours of a migration, not a working day,
 * so it is worked off here, in this process, before the server starts (within a time budget; the stamps keep
 * the progress for the next drive). Runs the jobs' own code; the time is reported, not counted.
 */
import { autoCloseUnrated } from '../../../server/src/commands/tickets/auto-close.js';
import { purgeContactPhones } from '../../../server/src/commands/tickets/purge-contact-phones.js';
import { markOpen311RowsComplete } from '../../../server/src/commands/open311/backfill-rows.js';
import { deliverDueOutbox } from '../../../server/src/jobs/deliver-outbox.js';
import { purgeUnattachedUploads } from '../../../server/src/jobs/purge-uploads.js';
import { openSeedEnv } from './open-db.js';

export async function settleBacklogs(dataDir: string, backend: string | undefined, budgetMs: number, log: (s: string) => void): Promise<void> {
  const env = await openSeedEnv(dataDir, backend);
  const t0 = performance.now();
  const left = () => budgetMs - (performance.now() - t0);
  const done: Record<string, number> = {};
  const add = (k: string, n: number) => (done[k] = (done[k] ?? 0) + n);
  try {
    // the seeder's bulk writer gave every ticket its Open311 row: the one-time backfill has nothing to do
    // (a server stopped before it finished the walk used to start it again at every drive)
    await markOpen311RowsComplete(env.deps);
    await purgeUnattachedUploads(env.deps, { olderThanHours: 24 });
    while (left() > 0) {
      const n = await autoCloseUnrated(env.deps);
      add('auto-closed', n);
      if (n === 0) break;
    }
    while (left() > 0 && (await env.deps.models.OutboxDelivery.exists({ state: 'pending' }))) {
      const r = await deliverDueOutbox(env.deps, { batch: 100 });
      const n = Object.values(r).reduce((s, x) => s + x, 0);
      add('outbox', n);
      if (n === 0) break; // the rest is not due yet
    }
    const purgedThrough = async () => (await env.deps.models.SeedStamp.findById('contact_phone_purge').lean())?.version ?? null;
    while (left() > 0) {
      const before = await purgedThrough();
      add('contact phones purged', await purgeContactPhones(env.deps, { maxRows: 5000 }));
      if ((await purgedThrough()) === before) break; // caught up: the walk is at the cutoff
    }
  } finally {
    await env.close();
  }
  log(`settled the jobs' backlogs in ${((performance.now() - t0) / 1000).toFixed(0)} s (budget ${(budgetMs / 1000).toFixed(0)} s): ${JSON.stringify(done)}`);
}
