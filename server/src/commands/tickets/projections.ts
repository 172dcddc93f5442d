import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import type { TicketRecord } from '../../models/ticket.js';
import { bucketsOfRow, isHot } from '../../domain/tickets/queue-cells.js';
import { toQueueRow } from './queue.js';
import { markBucketsChanged } from './queue-counts.js';
import { recordCitizenMonths } from './my-reports.js';
import { writeOpen311RowsBulk } from '../open311/open311-rows.js';
import { insertFactsBulk } from '../stats/rebuild.js';
import { ticketFacts } from '../../domain/stats/ticket-facts.js';

/**
 * Bulk path for the derived read rows of tickets written outside the commands (demo data, the scale
 * benchmark's seeding, imports). The commands keep the same rows in step one ticket at a time
 * (queue.ts syncQueue); this writes the rows of many new tickets at once with the same builders and
 * marks every bucket they landed in (recounted by the next reader, or by drainQueueCounts after a load),
 * so a bulk-seeded database is indistinguishable from one filled through the API. The tickets must be new (their rows must not exist yet).
 */
export async function writeTicketProjectionsBulk(deps: AppDeps, tickets: readonly TicketRecord[], now: Date): Promise<void> {
  if (tickets.length === 0) return;
  const rows = tickets.map(toQueueRow);
  const hot = rows.filter((r) => isHot(r.status, r.finalAt, now));
  await recordCitizenMonths(deps, tickets);
  await deps.models.TicketRow.insertMany(rows, { ordered: false });
  if (hot.length) await deps.models.TicketQueue.insertMany(hot, { ordered: false });
  await writeOpen311RowsBulk(deps, tickets);
  await markBucketsChanged(deps, hot.flatMap(bucketsOfRow), `bulk.${randomUUID()}`);
  // the 考核 statistics facts (their day rows are recounted by the next reader, or drainStats after a load)
  await insertFactsBulk(deps, tickets.flatMap(ticketFacts), `bulk.${randomUUID()}`);
}
