import type { TicketRecord, TimelineEntry } from '../../models/ticket.js';

/** What the public may read of a ticket's handling: its latest public reply or reason. Pure. */

/** Internal steps the public never sees (as on the resident's own pages). */
const HIDDEN = new Set<TimelineEntry['type']>(['noted', 'returned']);

/** The latest public reply, or the reason of 不予立案 (incl. 重复件), as the resident would read it; '' if none. */
export function publicStatusNote(t: Pick<TicketRecord, 'timeline'>): string {
  for (let i = t.timeline.length - 1; i >= 0; i--) {
    const e = t.timeline[i]!;
    if (HIDDEN.has(e.type)) continue;
    if (e.reply) return e.reply;
    if (e.type === 'rejected' && e.reason) return e.reason;
  }
  return '';
}
