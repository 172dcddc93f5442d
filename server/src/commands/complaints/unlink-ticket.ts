import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import type { ComplaintActor, ComplaintRecord } from '../../models/complaint.js';
import { auditComplaint, writeComplaint } from './common.js';

/** Removes a link between a 信访件 and a ticket (404 when the case is not linked to it). */
export async function unlinkTicket(deps: AppDeps, c: ComplaintRecord, ticketId: string, actor: ComplaintActor, ip: string): Promise<ComplaintRecord> {
  const link = c.linkedTickets.find((l) => l.id === ticketId);
  if (!link) throw fail('not_found', [], '未关联该工单');
  const now = deps.now();
  const updated = await writeComplaint(deps, c, `${actor.kind}:${actor.id}`, {
    // a plain $set of the filtered arrays: FerretDB does not implement $pull with a sub-document condition,
    // and the version claim makes the read-modify-write safe
    $set: {
      linkedTickets: c.linkedTickets.filter((l) => l.id !== ticketId),
      linkedTicketIds: c.linkedTicketIds.filter((x) => x !== ticketId),
    },
    $push: { timeline: { type: 'ticket_unlinked', at: now, actor, ticketId, trackingNo: link.trackingNo } },
  });
  await auditComplaint(deps, actor, ip, 'complaint.unlink_ticket', c, { ticketId });
  return updated;
}
