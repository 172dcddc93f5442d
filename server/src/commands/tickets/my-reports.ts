import type { AppDeps } from '../../deps.js';
import type { Models } from '../../models/index.js';
import type { TicketRecord } from '../../models/ticket.js';
import { isDuplicateKey } from '../../db/claims.js';
import { newestFirstPage } from '../../db/newest-first.js';
import { shanghaiMonth } from '../../domain/tickets/queue-cells.js';
import type { QueueRow } from './queue.js';
import { walkTicketRows } from './walk-rows.js';

/**
 * 我的诉求 at any volume. A resident's rows carry `citizenMonth` (`<citizen>|<month>`), and the months they
 * filed in are documents of their own (models/citizen-month.ts); the list walks those months newest first,
 * each one query that FerretDB sorts over one month of one resident, and stops when the page is full
 * (db/newest-first.ts: cursor pages, no skip, no count — a count would decode the whole history).
 *
 * Databases from before citizen months existed are migrated once at start (backfillCitizenMonths); until
 * the migration's stamp is there, the list reads by `citizenId` as before. A fresh database is stamped when
 * it is first seeded (nothing to migrate).
 */

const STAMP = 'citizen_months';
const MAX_MONTHS = 1200;

export const citizenMonthKey = (citizenId: string, month: string) => `${citizenId}|${month}`;

/** Records each ticket's filing month for its resident (idempotent: the key is the _id). */
export async function recordCitizenMonths(deps: Pick<AppDeps, 'models'>, tickets: readonly Pick<TicketRecord, 'reporter' | 'createdAt'>[]): Promise<void> {
  const docs = new Map<string, { _id: string; citizenId: string; month: string }>();
  for (const t of tickets) {
    const month = shanghaiMonth(t.createdAt);
    const key = citizenMonthKey(t.reporter.citizenId, month);
    docs.set(key, { _id: key, citizenId: t.reporter.citizenId, month });
  }
  if (!docs.size) return;
  try {
    await deps.models.CitizenMonth.insertMany([...docs.values()], { ordered: false });
  } catch (err) {
    const e = err as { writeErrors?: { code?: number }[] };
    if (!isDuplicateKey(err) && !(e.writeErrors?.length && e.writeErrors.every((w) => w.code === 11000))) throw err;
  }
}

const migrated = new WeakMap<object, true>();
async function isMigrated(deps: AppDeps): Promise<boolean> {
  if (migrated.has(deps.models)) return true;
  if (!(await deps.models.SeedStamp.exists({ _id: STAMP }))) return false;
  migrated.set(deps.models, true);
  return true;
}

export async function listMyReports(deps: AppDeps, citizenId: string, cursor: string | undefined, pageSize: number): Promise<{ rows: QueueRow[]; nextCursor: string | null }> {
  const { TicketRow, CitizenMonth } = deps.models;
  const notAfter = (d: Date | null) => (d ? { createdAt: { $lte: d } } : {});
  if (!(await isMigrated(deps))) {
    const page = await newestFirstPage<QueueRow>({
      buckets: ['all'],
      bucketOf: () => 'all',
      read: (_b, d, limit) => TicketRow.find({ citizenId, ...notAfter(d) }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<QueueRow[]>(),
      cursor,
      pageSize,
    });
    return { rows: page.items, nextCursor: page.nextCursor };
  }
  const months = (await CitizenMonth.find({ citizenId }, { month: 1 }).limit(MAX_MONTHS).lean<{ month: string }[]>()).map((m) => m.month).sort().reverse();
  const page = await newestFirstPage<QueueRow>({
    buckets: months,
    bucketOf: shanghaiMonth,
    read: (month, d, limit) =>
      TicketRow.find({ citizenMonth: citizenMonthKey(citizenId, month), ...notAfter(d) }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<QueueRow[]>(),
    cursor,
    pageSize,
  });
  return { rows: page.items, nextCursor: page.nextCursor };
}

/** A database seeded from empty has no rows to migrate: stamp it at once. */
export async function stampFreshDatabase(models: Models): Promise<void> {
  if (await models.SeedStamp.exists({ _id: STAMP })) return;
  // "any ticket at all?" on the driver: one document, not a count (see seed/demo-tickets.ts)
  if (await models.Ticket.db.db!.collection('tickets').findOne({}, { projection: { _id: 1 } })) return;
  await models.SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: '1', count: 0 }, { upsert: true });
}

/**
 * One-time migration of a database from before citizen months: every row gets `citizenMonth` and every
 * (resident, month) its document; then the stamp switches 我的诉求 to the month walk. Idempotent; an
 * interrupted run starts again at the next start.
 */
export async function backfillCitizenMonths(deps: AppDeps): Promise<number> {
  const { SeedStamp, TicketRow, TicketQueue } = deps.models;
  if (await SeedStamp.exists({ _id: STAMP })) return 0;
  let n = 0;
  await walkTicketRows(deps, { citizenId: 1, citizenMonth: 1 }, async (rows) => {
    const todo = rows.filter((r) => !r.citizenMonth);
    await recordCitizenMonths(deps, todo.map((r) => ({ reporter: { citizenId: r.citizenId as string, anonymous: false }, createdAt: r.createdAt })));
    for (const r of todo) {
      const citizenMonth = citizenMonthKey(r.citizenId as string, shanghaiMonth(r.createdAt));
      await TicketRow.updateOne({ _id: r._id }, { $set: { citizenMonth } });
      await TicketQueue.updateOne({ _id: r._id }, { $set: { citizenMonth } });
      n++;
    }
  });
  await SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: '1', count: n }, { upsert: true });
  return n;
}
