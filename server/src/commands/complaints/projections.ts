import type { AppDeps } from '../../deps.js';
import { syncComplaintStats } from '../stats/sync-facts.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { NO_DISTRICT, type ComplaintOpenEntry, type ComplaintRow } from '../../models/complaint-row.js';
import { bucketsOf, markComplaintBuckets, recountMonth } from './counts.js';
import { nameTokens, registeredMonth, shanghaiDay } from './keys.js';
import { sweepOverdue, toOpenEntry } from './open-set.js';

/**
 * Keeping the 信访 read side (models/complaint-row.ts) in step with `complaints`: after every write the
 * writer rewrites the case's row and open-set entry from the case it wrote, recounts the buckets the
 * row left or entered, and re-reads the case — if another writer moved it on meanwhile (and may have
 * had its newer row overwritten by our older one), it goes round again. The last writer always
 * re-checks, so the row converges to the case's latest version (the same scheme as the ticket queue,
 * commands/tickets/queue.ts).
 */

export const ROW_REQUEST_CHARS = 61;

export function toComplaintRow(c: ComplaintRecord): ComplaintRow {
  return {
    _id: c._id,
    version: c.version,
    caseNo: c.caseNo,
    status: c.status,
    open: c.officeDueAt != null,
    type: c.type,
    channel: c.channel,
    citizenId: c.citizenId ?? null,
    petitioner: { name: c.petitioner.name, idNumberMasked: c.petitioner.idNumberMasked },
    idNumberHash: c.petitioner.idNumberHash,
    nameTokens: nameTokens(c.petitioner.name),
    request: (c.request ?? '').slice(0, ROW_REQUEST_CHARS),
    matterText: c.matterText ?? '',
    district: c.districtCode || NO_DISTRICT,
    ...(c.districtCode ? { districtCode: c.districtCode, districtName: c.districtName ?? '' } : {}),
    ...(c.departmentId ? { departmentId: c.departmentId, departmentName: c.departmentName ?? '' } : {}),
    registeredAt: c.registeredAt,
    month: registeredMonth(c.registeredAt),
    day: shanghaiDay(c.registeredAt),
    concludedAt: c.concludedAt ?? null,
    extension: c.extension ? { days: c.extension.days } : null,
    deadlines: c.deadlines,
    officeDueAt: c.officeDueAt ?? null,
    isRepeat: !!c.isRepeat,
    repeatOf: (c.repeatOf ?? []).map((r) => ({ id: r.id, caseNo: r.caseNo })),
    repeatOfIds: c.repeatOfIds ?? [],
    linkedTicketIds: c.linkedTicketIds ?? [],
  };
}

const symmetricDifference = (a: string[], b: string[]) => {
  const A = new Set(a);
  const B = new Set(b);
  return [...a.filter((x) => !B.has(x)), ...b.filter((x) => !A.has(x))];
};

/** Rewrites the case's row and open entry, then the counts of the buckets that changed. */
export async function syncComplaintProjections(deps: AppDeps, complaint: ComplaintRecord): Promise<void> {
  const { Complaint, ComplaintRow, ComplaintOpen } = deps.models;
  let c: ComplaintRecord | null = complaint;
  const seen = new Set<string>();
  let changed: string[] = [];
  let rounds = 0;
  for (; rounds < 5 && c; rounds++) {
    const row = toComplaintRow(c);
    let before: ComplaintRow | null;
    try {
      before = (await ComplaintRow.findOneAndReplace({ _id: row._id }, row, { upsert: true, returnDocument: 'before' }).lean()) as ComplaintRow | null;
    } catch (err) {
      // two first upserts of one row race on the _id: the next round replaces the winner's row
      if ((err as { code?: unknown }).code !== 11000) throw err;
      continue;
    }
    const open = toOpenEntry(row, deps.now());
    if (open) await ComplaintOpen.replaceOne({ _id: row._id }, open, { upsert: true }).catch(ignoreDuplicate);
    else await ComplaintOpen.deleteOne({ _id: row._id });
    const was = before ? bucketsOf(before) : [];
    const now = bucketsOf(row);
    for (const b of [...was, ...now]) seen.add(b);
    changed = symmetricDifference(was, now);
    const cur = (await Complaint.findById(row._id).lean()) as ComplaintRecord | null;
    if (!cur || cur.version === c.version) break;
    c = cur;
  }
  // alone: only the buckets this write moved the row between; after a race, every bucket any version
  // seen was in (another writer's recount may have run while the row was in a transient state)
  await markComplaintBuckets(deps, rounds === 0 ? changed : seen, `${String(complaint._id)}.${c?.version ?? complaint.version}`);
  // the 考核 statistics facts of the case (信访 indicators)
  await syncComplaintStats(deps, c ?? complaint);
}

function ignoreDuplicate(err: unknown): void {
  // a concurrent first upsert of the same entry won: it holds the same case, the next sync rewrites it
  if ((err as { code?: unknown }).code !== 11000) throw err;
}

/** Re-syncs when a read finds the row missing or behind (a writer crashed between its write and the sync). */
export async function ensureComplaintRow(deps: AppDeps, c: ComplaintRecord): Promise<void> {
  const row = await deps.models.ComplaintRow.findById(c._id, { version: 1 }).lean();
  if (!row || row.version !== c.version) await syncComplaintProjections(deps, c);
}

/**
 * Bulk path for cases written outside the commands (the scale benchmark's seeding, imports): the rows
 * and open entries of many cases with the same builders, then the counts of every month they fall in
 * recounted from the rows (one read of each month instead of a count per bucket). Call it after the
 * cases are inserted, in batches if you like; a bulk-seeded database then reads like one filled through
 * the API. Not meant to run beside live writers of the same cases.
 */
export async function writeComplaintProjectionsBulk(deps: AppDeps, complaints: readonly ComplaintRecord[]): Promise<void> {
  if (complaints.length === 0) return;
  const rows = complaints.map(toComplaintRow);
  const months = new Set(rows.map((r) => r.month));
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const again = await insertNew(chunk, (d) => deps.models.ComplaintRow.collection.insertMany(d as never[], { ordered: false }));
    const open = chunk.map((r) => toOpenEntry(r, deps.now())).filter((e): e is ComplaintOpenEntry => !!e);
    const openAgain = await insertNew(open, (d) => deps.models.ComplaintOpen.collection.insertMany(d as never[], { ordered: false }));
    // documents that existed already (a re-run): replaced one _id at a time; closed cases leave the open set
    for (const r of again) {
      await deps.models.ComplaintRow.replaceOne({ _id: r._id }, r);
      if (!r.open) await deps.models.ComplaintOpen.deleteOne({ _id: r._id });
    }
    for (const e of openAgain) await deps.models.ComplaintOpen.replaceOne({ _id: e._id }, e);
  }
  for (const m of months) await recountMonth(deps, m);
  // the overdue flags of the open set as of now, and the stamp that lets the overdue lists trust them
  await sweepOverdue(deps);
}

/** Inserts what is new; returns the documents whose _id existed already. */
async function insertNew<T extends { _id: unknown }>(docs: T[], insert: (docs: T[]) => Promise<unknown>): Promise<T[]> {
  if (docs.length === 0) return [];
  try {
    await insert(docs);
    return [];
  } catch (err) {
    const errors = (err as { writeErrors?: { code?: number; index?: number; err?: { index?: number; code?: number } }[] }).writeErrors;
    if (!errors || errors.some((e) => (e.code ?? e.err?.code) !== 11000)) throw err;
    return errors.map((e) => docs[e.index ?? e.err?.index ?? -1]).filter((d): d is T => !!d);
  }
}
