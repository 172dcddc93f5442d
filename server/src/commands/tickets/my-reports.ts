import type { AppDeps } from '../../deps.js';
import type { Models } from '../../models/index.js';
import type { TicketRecord } from '../../models/ticket.js';
import { isDuplicateKey } from '../../db/claims.js';
import { newestFirstPage } from '../../db/newest-first.js';
import { shanghaiMonth } from '../../domain/tickets/queue-cells.js';
import type { QueueRow } from './queue.js';
import { TICKET_STATES } from '@cgt/shared/ticket/machine';
import { residentGroupOf, type ResidentGroup, type ResidentTab } from '@cgt/shared/ticket/resident-tabs';
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
 *
 * A tab (处理中 / 待评价 / 已办结) is the same walk over `citizenMonthGroup` (`<citizen>|<month>|<tab>`), so a
 * tab is an equality on one key too, never a filter over the resident's history in Node. Rows from before
 * that key existed get it once at start (backfillCitizenMonthGroups); until its stamp is there a tab
 * narrows the month query by the states of the tab instead.
 */

const STAMP = 'citizen_months';
const GROUP_STAMP = 'citizen_month_groups';
const MAX_MONTHS = 1200;

export const citizenMonthKey = (citizenId: string, month: string) => `${citizenId}|${month}`;
export const citizenMonthGroupKey = (citizenId: string, month: string, group: ResidentGroup) => `${citizenId}|${month}|${group}`;

/** The (state, rated) pairs of a tab, as a residual filter for rows that do not carry the tab key yet. */
function groupFilter(group: ResidentGroup): { $or: Record<string, unknown>[] } {
  const $or: Record<string, unknown>[] = [];
  for (const status of TICKET_STATES) {
    for (const rated of [false, true]) if (residentGroupOf(status, rated) === group) $or.push({ status, rated: rated ? true : { $ne: true } });
  }
  return { $or };
}

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

const migrated = new WeakMap<object, Set<string>>();
async function isMigrated(deps: AppDeps, stamp: string): Promise<boolean> {
  const done = migrated.get(deps.models) ?? new Set<string>();
  migrated.set(deps.models, done);
  if (done.has(stamp)) return true;
  if (!(await deps.models.SeedStamp.exists({ _id: stamp }))) return false;
  done.add(stamp);
  return true;
}

export async function listMyReports(
  deps: AppDeps,
  citizenId: string,
  cursor: string | undefined,
  pageSize: number,
  tab: ResidentTab = 'all',
): Promise<{ rows: QueueRow[]; nextCursor: string | null }> {
  const { TicketRow, CitizenMonth } = deps.models;
  const group = tab === 'all' ? null : tab;
  const notAfter = (d: Date | null) => (d ? { createdAt: { $lte: d } } : {});
  if (!(await isMigrated(deps, STAMP))) {
    const page = await newestFirstPage<QueueRow>({
      buckets: ['all'],
      bucketOf: () => 'all',
      read: (_b, d, limit) =>
        TicketRow.find({ citizenId, ...(group ? groupFilter(group) : {}), ...notAfter(d) }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<QueueRow[]>(),
      cursor,
      pageSize,
    });
    return { rows: page.items, nextCursor: page.nextCursor };
  }
  const grouped = !!group && (await isMigrated(deps, GROUP_STAMP));
  const keyOf = (month: string): Record<string, unknown> =>
    !group
      ? { citizenMonth: citizenMonthKey(citizenId, month) }
      : grouped
        ? { citizenMonthGroup: citizenMonthGroupKey(citizenId, month, group) }
        : { citizenMonth: citizenMonthKey(citizenId, month), ...groupFilter(group) };
  const months = (await CitizenMonth.find({ citizenId }, { month: 1 }).limit(MAX_MONTHS).lean<{ month: string }[]>()).map((m) => m.month).sort().reverse();
  const page = await newestFirstPage<QueueRow>({
    buckets: months,
    bucketOf: shanghaiMonth,
    read: (month, d, limit) => TicketRow.find({ ...keyOf(month), ...notAfter(d) }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<QueueRow[]>(),
    cursor,
    pageSize,
  });
  return { rows: page.items, nextCursor: page.nextCursor };
}

/** A database seeded from empty has no rows to migrate: stamp it at once. */
export async function stampFreshDatabase(models: Models): Promise<void> {
  // "any ticket at all?" on the driver: one document, not a count (see seed/demo-tickets.ts)
  if (await models.Ticket.db.db!.collection('tickets').findOne({}, { projection: { _id: 1 } })) return;
  for (const stamp of [STAMP, GROUP_STAMP]) {
    if (!(await models.SeedStamp.exists({ _id: stamp }))) await models.SeedStamp.replaceOne({ _id: stamp }, { _id: stamp, version: '1', count: 0 }, { upsert: true });
  }
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

/**
 * One-time migration of rows from before the tab key: each gets `citizenMonthGroup` from its own state and
 * rating (rows written since carry it, commands/tickets/queue.ts). Idempotent; stamped when done.
 */
export async function backfillCitizenMonthGroups(deps: AppDeps): Promise<number> {
  const { SeedStamp, TicketRow, TicketQueue } = deps.models;
  if (await SeedStamp.exists({ _id: GROUP_STAMP })) return 0;
  let n = 0;
  await walkTicketRows(deps, { citizenId: 1, status: 1, rated: 1, version: 1, citizenMonthGroup: 1 }, async (rows) => {
    for (const r of rows) {
      const citizenMonthGroup = citizenMonthGroupKey(r.citizenId as string, shanghaiMonth(r.createdAt), residentGroupOf(r.status as QueueRow['status'], r.rated === true));
      if (r.citizenMonthGroup === citizenMonthGroup) continue;
      // only the version read: a ticket moved on meanwhile has had its whole row rewritten, key included
      await TicketRow.updateOne({ _id: r._id, version: r.version as number }, { $set: { citizenMonthGroup } });
      await TicketQueue.updateOne({ _id: r._id, version: r.version as number }, { $set: { citizenMonthGroup } });
      n++;
    }
  });
  await SeedStamp.replaceOne({ _id: GROUP_STAMP }, { _id: GROUP_STAMP, version: '1', count: n }, { upsert: true });
  return n;
}
