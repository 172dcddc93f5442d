import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import type { ComplaintActor, ComplaintRecord } from '../../models/complaint.js';
import { findTicket } from '../tickets/common.js';
import { auditComplaint, writeComplaint } from './common.js';

/**
 * Links a 信访件 to a 随手拍 ticket. The link is stored on the complaint only (one document per write,
 * no cross-document transaction); the ticket side finds its complaints with
 * GET /api/v1/admin/complaints?ticketId=…
 */

export const MAX_LINKED_TICKETS = 20;

export async function linkTicket(deps: AppDeps, c: ComplaintRecord, ref: string, actor: ComplaintActor, ip: string): Promise<ComplaintRecord> {
  const ticket = await findTicket(deps, ref);
  if (!ticket) throw fail('ticket_not_found', [{ field: 'ticket', message: '请填写正确的工单 id 或受理编号' }], '工单不存在');
  const ticketId = String(ticket._id);
  if (c.linkedTicketIds.includes(ticketId)) return c; // already linked: nothing written, nothing audited, same answer
  if (c.linkedTicketIds.length >= MAX_LINKED_TICKETS) {
    throw fail('too_many_links', [{ field: 'ticket', message: '关联已满' }], `最多关联 ${MAX_LINKED_TICKETS} 个工单`);
  }
  const now = deps.now();
  const updated = await writeComplaint(deps, c, `${actor.kind}:${actor.id}`, {
    $push: {
      linkedTickets: { id: ticketId, trackingNo: ticket.trackingNo, linkedAt: now },
      linkedTicketIds: ticketId,
      timeline: { type: 'ticket_linked', at: now, actor, ticketId, trackingNo: ticket.trackingNo },
    },
  });
  await auditComplaint(deps, actor, ip, 'complaint.link_ticket', c, { ticket: ref });
  return updated;
}
