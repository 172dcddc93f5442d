/** Which template ids one requestSubscribeMessage call asks for (pure, so it is unit-tested). */

export type SubscribeEvent = 'ticket.accepted' | 'ticket.rejected' | 'ticket.dispatched' | 'ticket.resolved' | 'ticket.closed' | 'complaint.concluded'

/** WeChat allows at most 3 one-time template ids per call (newer base libraries 5; 3 is safe everywhere). */
export const MAX_PER_CALL = 3

/** The configured ids of these events, without repeats, at most three. */
export function templateIdsFor(events: SubscribeEvent[], configured: Record<string, string>): string[] {
  const ids: string[] = []
  for (const e of events) {
    const id = configured[e]
    if (id && !ids.includes(id)) ids.push(id)
  }
  return ids.slice(0, MAX_PER_CALL)
}
