import type { TicketExtensionView } from '@cgt/shared/schemas/tickets';
import type { TicketRecord } from '../models/ticket.js';

/** The console's view of a ticket's latest 延期 application (commands/tickets/extension.ts). */
export function extensionView(t: Pick<TicketRecord, 'extension'>): TicketExtensionView | undefined {
  const x = t.extension;
  if (!x) return undefined;
  return {
    state: x.state,
    requestedAt: x.requestedAt.toISOString(),
    requestedByName: x.requestedByName,
    departmentName: x.departmentName ?? undefined,
    reason: x.reason,
    fromDueAt: x.fromDueAt.toISOString(),
    dueAt: x.dueAt.toISOString(),
    extraWorkingHours: x.extraWorkingHours,
    decidedAt: x.decidedAt ? x.decidedAt.toISOString() : undefined,
    decidedByName: x.decidedByName ?? undefined,
    refuseReason: x.refuseReason ?? undefined,
  };
}
