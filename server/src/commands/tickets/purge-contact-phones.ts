import { isOpen, type TicketState } from '@cgt/shared/ticket/machine';
import type { AppDeps } from '../../deps.js';
import { shanghaiDay } from '../../domain/tickets/queue-cells.js';
import type { TicketRecord } from '../../models/ticket.js';
import { versionedUpdate } from './common.js';

/**
 * 个人信息保护法 第19条 (保存期限为实现处理目的所必要的最短时间): a ticket's contact phone (and an Open311
 * client's contact name and e-mail) are purged CONTACT_PHONE_RETENTION_MONTHS after it became final
 * (closed / rejected / withdrawn; default 6 months). The record itself stays.
 *
 * Walks ticket_rows by the day the ticket became final (`finalDay`, the declared {finalDay} index), one
 * equality per day and keyset pages on _id, from the day after the last one finished (a stamp) up to the
 * cutoff; the first run starts ten years back. Each purge is a versioned write conditional on the status,
 * so a reopened ticket is left alone; already purged tickets are skipped: running it twice, or on every
 * instance, changes nothing more.
 */

const STAMP = 'contact_phone_purge';
const PAGE = 200;
const FIRST_RUN_DAYS = 3650;
/** tickets examined per run, at most (rounded up to the end of a day): ≈30 s of work */
const MAX_ROWS_PER_RUN = 1000;
const DAY = 86400_000;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/** The cutoff: `months` calendar months before now (the same day of the month, clamped). */
export function phoneCutoff(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

type Purgeable = Pick<TicketRecord, '_id' | 'version' | 'status' | 'reporter' | 'source' | 'timeline' | 'updatedAt' | 'createdAt'>;

function hasContact(t: Purgeable): boolean {
  const s = t.source as { contactName?: string | null; email?: string | null } | undefined;
  return !!t.reporter.phone || !!s?.contactName || !!s?.email;
}

async function purgeOne(deps: AppDeps, id: unknown, cutoff: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const t = (await deps.models.Ticket.findById(id, { version: 1, status: 1, reporter: 1, source: 1, timeline: 1, updatedAt: 1, createdAt: 1 }).lean()) as Purgeable | null;
    if (!t || isOpen(t.status as TicketState) || !hasContact(t)) return false;
    const finalEntry = [...t.timeline].reverse().find((e) => e.toStatus === t.status);
    const finalAt = finalEntry?.at ?? t.updatedAt ?? t.createdAt;
    if (finalAt.getTime() > cutoff.getTime()) return false;
    const s = t.source as { contactName?: string | null; email?: string | null } | undefined;
    // only fields that are there: an $unset below a null `source` is refused by some servers
    const unset: Record<string, ''> = {};
    if (t.reporter.phone) unset['reporter.phone'] = '';
    if (s?.contactName) unset['source.contactName'] = '';
    if (s?.email) unset['source.email'] = '';
    const updated = await versionedUpdate(deps, t, { status: t.status }, { $unset: unset });
    if (updated) return true;
  }
  return false;
}

export async function purgeContactPhones(deps: AppDeps, opts: { firstRunDays?: number; maxRows?: number } = {}): Promise<number> {
  const now = deps.now();
  const cutoff = phoneCutoff(now, deps.config.CONTACT_PHONE_RETENTION_MONTHS);
  const cutoffDay = shanghaiDay(cutoff);
  const maxRows = opts.maxRows ?? MAX_ROWS_PER_RUN;
  const stamp = await deps.models.SeedStamp.findById(STAMP).lean();
  let day = stamp?.version ? nextDay(stamp.version) : shanghaiDay(new Date(cutoff.getTime() - (opts.firstRunDays ?? FIRST_RUN_DAYS) * DAY));
  let purged = 0;
  let examined = 0;
  let done: string | null = null;
  let stamped: string | null = null;
  const saveStamp = async (d: string) => {
    await deps.models.SeedStamp.replaceOne({ _id: STAMP }, { _id: STAMP, version: d, count: purged }, { upsert: true });
    stamped = d;
  };
  for (let walked = 1; day <= cutoffDay; day = nextDay(day), walked++) {
    let after: unknown = null;
    let rowsOfDay = 0;
    for (;;) {
      const rows = await deps.models.TicketRow.find({ finalDay: day, ...(after ? { _id: { $gt: after } } : {}) }, { _id: 1 })
        .sort({ _id: 1 })
        .limit(PAGE)
        .lean<{ _id: unknown }[]>();
      for (const r of rows) if (await purgeOne(deps, r._id, cutoff)) purged++;
      rowsOfDay += rows.length;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!._id;
    }
    examined += rowsOfDay;
    // the cutoff's own day is not over yet (later tickets of that day are not due): it is walked again next time
    if (day < cutoffDay) done = day;
    // a finished day with tickets is stamped at once (a process stopped mid-run resumes after it); empty
    // days only every hundred
    if (done && (rowsOfDay > 0 || walked % 100 === 0)) await saveStamp(done);
    // a backlog (a first run, a database imported from elsewhere) is worked off a few days per run, at a
    // day's end, not in one run that holds the database for an hour
    if (examined >= maxRows) break;
  }
  if (done && done !== stamped) await saveStamp(done);
  return purged;
}
