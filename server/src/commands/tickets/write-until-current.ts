import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import type { TicketRecord } from '../../models/ticket.js';

/**
 * The convergence rule of every projection of a ticket (its queue rows, its Open311 row, its statistics
 * facts): write from the ticket, then re-read the ticket's version; if another writer moved it on
 * meanwhile (and may have had its projection overwritten by our older one), write again from the newer
 * ticket. The last writer always re-checks, so the projections end at the latest version. Only the
 * version is read unless it moved. Returns the version last written.
 */
export async function writeUntilCurrent(
  deps: Pick<AppDeps, 'models'>,
  ticket: TicketRecord,
  write: (t: TicketRecord) => Promise<void>,
  attempts = 5,
): Promise<TicketRecord> {
  const { Ticket } = deps.models;
  let t = ticket;
  for (let attempt = 0; attempt < attempts; attempt++) {
    await write(t);
    const cur = await Ticket.findById(t._id, { version: 1 }).lean<{ version: number } | null>();
    if (!cur || cur.version === t.version) break;
    const next = (await Ticket.findById(t._id).lean()) as TicketRecord | null;
    if (!next) break;
    t = next;
  }
  return t;
}

/** Retries a first upsert that raced another one on the _id (the retry replaces the winner's copy). */
export async function upsertRacing(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return;
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= 3) throw err;
    }
  }
}
