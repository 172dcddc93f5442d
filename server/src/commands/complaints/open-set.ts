import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps.js';
import type { ComplaintOpenEntry, ComplaintRow } from '../../models/complaint-row.js';
import { shanghaiDay } from './keys.js';
import { openFilter, openSort, type ListSpec, type SortOrder } from './list-plan.js';

/**
 * The open set (complaint_open): one small entry per case the office still owes an answer on.
 *
 * Why the `overdue` flag: "past its deadline" changes with the clock, not with a write, so without help
 * the overdue list would decode every open entry (twice: page and count). Instead each entry says
 * whether its deadline had passed when it was written, and a sweep (the scheduler's job, and the bulk
 * writer) flips those whose deadline has passed since, then stamps the time it swept at. The overdue
 * list is then `{overdue: true}` plus, for each day since the stamp (one day of slack for a writer
 * racing the sweep), `{overdue: false, dueDay}` — equalities that select only overdue cases and the
 * few due on those days. Without a stamp (a fresh database before its first sweep) it reads the set whole.
 */

export const SWEEP_STAMP_ID = 'open-swept';
const SLACK_MS = 24 * 3600_000;
/** Beyond this many unswept days (the sweep has not run for weeks) reading the set whole is cheaper. */
const MAX_UNSWEPT_DAYS = 45;

/** The open-set entry of a case as of `now`, or null when the office owes nothing on it. */
export function toOpenEntry(r: ComplaintRow, now: Date): ComplaintOpenEntry | null {
  if (!r.open) return null;
  const dueAt = r.officeDueAt ?? null;
  return {
    _id: r._id,
    status: r.status,
    district: r.district,
    dueAt,
    dueDay: dueAt ? shanghaiDay(dueAt) : '-',
    overdue: !!dueAt && dueAt.getTime() < now.getTime(),
    registeredAt: r.registeredAt,
  };
}

/**
 * Flags the entries whose deadline has passed, then stamps the sweep. Reads the entries not yet flagged
 * (the open set minus the overdue: a job, not a request) and updates each by _id — one at a time, since
 * FerretDB v1.24.2 hangs on bulk updates of a few dozen existing documents. Safe to run anywhere, any
 * number of times: a flag is only ever set on an entry whose deadline really passed.
 */
export async function sweepOverdue(deps: AppDeps): Promise<number> {
  const { ComplaintOpen, ComplaintCount } = deps.models;
  const now = deps.now();
  const passed = await ComplaintOpen.find({ overdue: false, dueAt: { $lt: now } }, { _id: 1 }).lean();
  for (const e of passed) await ComplaintOpen.updateOne({ _id: e._id }, { $set: { overdue: true } });
  await ComplaintCount.replaceOne(
    { _id: SWEEP_STAMP_ID },
    { _id: SWEEP_STAMP_ID, month: '-', district: '-', dim: 'swept', field: 'swept', n: passed.length, at: now },
    { upsert: true },
  );
  return passed.length;
}

/** Each day from `from` to `to` ('YYYY-MM-DD', inclusive), or null when more than `max`. */
function daysBetween(from: Date, to: Date, max: number): string[] | null {
  const out: string[] = [];
  const last = shanghaiDay(to);
  for (let t = from.getTime(); ; t += 24 * 3600_000) {
    const d = shanghaiDay(new Date(t));
    if (d > last) break;
    if (out.length >= max) return null;
    out.push(d);
  }
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

/** The equality-led filters whose union is the flagged query (disjoint), or the one whole-set filter. */
async function partFilters(deps: AppDeps, spec: ListSpec): Promise<Record<string, unknown>[]> {
  const base = openFilter(spec);
  const due = spec.due;
  if (!due) return [base];
  const stamp = await deps.models.ComplaintCount.findById(SWEEP_STAMP_ID, { at: 1 }).lean();
  if (!stamp) return [base];
  const now = spec.now;
  // overdue: unflagged ones can only be due since the sweep; due soon: between now and the horizon
  const from = due.lte ? now : new Date(Math.min(stamp.at.getTime(), now.getTime()) - SLACK_MS);
  const days = daysBetween(from, due.lte ?? now, MAX_UNSWEPT_DAYS);
  if (!days) return [base];
  const unflagged = days.map((dueDay) => ({ ...base, overdue: false, dueDay }));
  // due soon: a flagged entry's deadline passed before its flagging, so it cannot be due from now on
  // (true of a clock that only moves forward; moved back behind a sweep, such a case would be missed)
  return due.lte ? unflagged : [{ ...base, overdue: true }, ...unflagged];
}

type Key = Pick<ComplaintOpenEntry, '_id' | 'dueAt' | 'registeredAt'>;

function compare(order: SortOrder): (a: Key, b: Key) => number {
  const t = (d: Date | null) => (d ? new Date(d).getTime() : -Infinity);
  const id = (a: Key, b: Key) => String(a._id).localeCompare(String(b._id));
  const asc = (a: Key, b: Key) => t(a.registeredAt) - t(b.registeredAt) || id(a, b);
  if (order === 'due') return (a, b) => t(a.dueAt) - t(b.dueAt) || asc(a, b);
  return order === 'asc' ? asc : (a, b) => -asc(a, b);
}

/**
 * The open cases a spec selects: counted part by part, a page read from each part that holds some
 * (merged in code when several do, each part read no deeper than the page), as _ids in list order.
 */
export function openSelection(deps: AppDeps, spec: ListSpec) {
  const { ComplaintOpen } = deps.models;
  let parts: Promise<{ filter: Record<string, unknown>; n: number }[]> | null = null;
  const counted = () =>
    (parts ??= partFilters(deps, spec).then(async (filters) => {
      const ns = await Promise.all(filters.map((f) => ComplaintOpen.countDocuments(f)));
      return filters.map((filter, i) => ({ filter, n: ns[i]! })).filter((p) => p.n > 0);
    }));
  const sort = openSort(spec.sort);
  const proj = { _id: 1, dueAt: 1, registeredAt: 1 };
  return {
    count: async () => (await counted()).reduce((n, p) => n + p.n, 0),
    ids: async (skip: number, limit: number): Promise<Types.ObjectId[]> => {
      const ps = await counted();
      if (ps.length === 1) return (await ComplaintOpen.find(ps[0]!.filter, { _id: 1 }).sort(sort).skip(skip).limit(limit).lean()).map((e) => e._id);
      const heads = await Promise.all(ps.map((p) => ComplaintOpen.find(p.filter, proj).sort(sort).limit(Math.min(p.n, skip + limit)).lean()));
      return (heads.flat() as Key[]).sort(compare(spec.sort)).slice(skip, skip + limit).map((e) => e._id);
    },
  };
}
