import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import type { StatFactDoc } from '../../models/stat.js';
import { isDuplicateKey } from '../../db/claims.js';
import { insertMarkers } from '../../db/dirty-markers.js';
import { ticketFacts, type Fact } from '../../domain/stats/ticket-facts.js';
import { complaintFacts } from '../../domain/stats/complaint-facts.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { writeUntilCurrent } from '../tickets/write-until-current.js';

/**
 * Keeps a source's statistics facts (models/stat.ts) equal to what its current history derives
 * (domain/stats/ticket-facts.ts), then marks the day rows whose sums moved. Exactly once without $inc:
 * facts have deterministic ids, so writing them again changes nothing, and a day row is a recount of its
 * facts. Like the queue projection (tickets/queue.ts), the writer re-reads the source after writing: if a
 * newer version landed meanwhile (whose facts we may have overwritten), it writes again, so the last writer
 * always leaves the newest facts.
 */

const sameCounters = (a: Record<string, number>, b: Record<string, number>) => {
  const ka = Object.keys(a).filter((k) => a[k] !== 0);
  const kb = Object.keys(b).filter((k) => b[k] !== 0);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
};

function sameFact(a: Fact, b: StatFactDoc): boolean {
  if (!sameCounters(a.c as Record<string, number>, b.c ?? {})) return false;
  if (a.ev.length !== (b.ev ?? []).length) return false;
  return a.ev.every((e, i) => e.k === b.ev[i]!.k && e.at.getTime() === new Date(b.ev[i]!.at).getTime());
}

/**
 * Writes the difference between the stored and the derived facts; returns the day buckets whose sums moved.
 * `noneStored`: the source was created just now and has no facts yet (one read fewer per filing).
 */
export async function writeFacts(deps: AppDeps, src: string, facts: Fact[], noneStored = false): Promise<Set<string>> {
  const { StatFact } = deps.models;
  const stored = noneStored ? [] : ((await StatFact.find({ src }).lean()) as unknown as StatFactDoc[]);
  const byId = new Map(stored.map((f) => [f._id, f]));
  const moved = new Set<string>();
  const changed = facts.filter((f) => {
    const old = byId.get(f._id);
    byId.delete(f._id);
    if (old && sameFact(f, old)) return false;
    if (!old || !sameCounters(f.c as Record<string, number>, old.c ?? {})) moved.add(f.bucket);
    return true;
  });
  await Promise.all(
    changed.map(async (f) => {
      for (let attempt = 0; ; attempt++) {
        try {
          await StatFact.replaceOne({ _id: f._id }, f, { upsert: true });
          return;
        } catch (err) {
          // two first upserts of one fact race on the _id: the retry replaces the winner's copy
          if (!isDuplicateKey(err) || attempt >= 3) throw err;
        }
      }
    }),
  );
  await Promise.all(
    [...byId.values()].map(async (gone) => {
      await StatFact.deleteOne({ _id: gone._id });
      moved.add(gone.bucket);
    }),
  );
  return moved;
}

/** Marks day rows (`<day>|<district>`) as behind after the change `changeId`. */
export async function markDaysChanged(deps: AppDeps, buckets: Iterable<string>, changeId: string): Promise<void> {
  await insertMarkers(deps.models.StatDirty, [...buckets].map((b) => `d:${b}`), changeId, (b) => ({ month: b.slice(2, 9) }));
}

/** Writes the ticket's facts as of `t` and adds the day buckets whose sums moved. */
export async function writeTicketFacts(deps: AppDeps, t: TicketRecord, moved: Set<string>, noneStored = false): Promise<void> {
  for (const b of await writeFacts(deps, `t:${String(t._id)}`, ticketFacts(t), noneStored)) moved.add(b);
}

/**
 * The facts alone, by the projections' convergence rule (tickets/write-until-current.ts), for the rebuild
 * and the tests; a ticket write syncs all its projections at once (tickets/sync-projections.ts).
 */
export async function syncTicketStats(deps: AppDeps, ticket: TicketRecord): Promise<void> {
  const moved = new Set<string>();
  const synced = await writeUntilCurrent(deps, ticket, (t) => writeTicketFacts(deps, t, moved));
  await markDaysChanged(deps, moved, `${String(synced._id)}.${synced.version}`);
}

/** After every 信访 write (complaints/projections.ts syncComplaintProjections). */
export async function syncComplaintStats(deps: AppDeps, complaint: ComplaintRecord): Promise<void> {
  const src = `c:${String(complaint._id)}`;
  const moved = new Set<string>();
  let c: ComplaintRecord | null = complaint;
  let synced = complaint;
  for (let attempt = 0; attempt < 5 && c; attempt++) {
    for (const b of await writeFacts(deps, src, complaintFacts(c))) moved.add(b);
    synced = c;
    const now = await deps.models.Complaint.findById(c._id, { version: 1 }).lean<{ version: number } | null>();
    if (!now || now.version === c.version) break;
    c = (await deps.models.Complaint.findById(c._id).lean()) as ComplaintRecord | null;
  }
  await markDaysChanged(deps, moved, `c${String(synced._id)}.${synced.version}`);
}
