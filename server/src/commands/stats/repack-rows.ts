import { addMonths, monthOfDay, shanghaiDayOf } from '@cgt/shared/stats/period';
import type { AppDeps } from '../../deps.js';
import { packSums, unpackRow, type StoredPeriodRow } from '../../models/stat.js';
import { recountUnderLease } from '../../db/recount-lease.js';

/**
 * One-time migration: day and month rows written before their sums were packed into one string
 * (models/stat.ts packSums) are rewritten packed. Month by month (the rows' indexed `month`), newest first,
 * back until EMPTY_MONTHS_TO_STOP months in a row hold none. Each rewrite runs under the row's own recount
 * lease (recount.ts), so it never overwrites a recount that ran meanwhile: it re-reads the row inside the
 * lease and rewrites only a row still unpacked (a recount writes packed rows itself). Readers accept both
 * forms until then. A stamp marks it done; an interrupted run starts again.
 */

const STAMP = 'stat_rows_packed';
const STAMP_VERSION = '1';
const EMPTY_MONTHS_TO_STOP = 24;

export async function repackStatRows(deps: AppDeps): Promise<number> {
  const { SeedStamp, StatDay, StatMonth, StatLease } = deps.models;
  const stamp = await SeedStamp.findById(STAMP).lean();
  if (stamp?.version === STAMP_VERSION) return 0;
  let written = 0;
  let empty = 0;
  for (let month = monthOfDay(shanghaiDayOf(deps.now())); empty < EMPTY_MONTHS_TO_STOP; month = addMonths(month, -1)) {
    let any = false;
    for (const [model, lease] of [
      [StatDay, 'd'],
      [StatMonth, 'm'],
    ] as const) {
      const rows = await model.find({ month }, { _id: 1, sums: 1 }).lean<{ _id: string; sums?: string }[]>();
      if (rows.length) any = true;
      for (const { _id } of rows.filter((r) => typeof r.sums !== 'string')) {
        await recountUnderLease(StatLease, `${lease}:${_id}`, async () => {
          const row = await model.findById(_id).lean<StoredPeriodRow>();
          if (!row || typeof row.sums === 'string') return;
          const { period, month: m, monthKey, district, countedAt } = row;
          await model.replaceOne({ _id }, { period, month: m, monthKey, district, sums: packSums(unpackRow(row)), countedAt });
          written++;
        });
      }
    }
    empty = any ? 0 : empty + 1;
  }
  await SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: STAMP_VERSION, count: written }, { upsert: true });
  return written;
}
