import type { TicketSourceChannel } from '@cgt/shared/ticket/source';
import type { TicketRecord } from '../../models/ticket.js';

/**
 * The `source` every ticket view carries, from what the ticket stores: no source = a resident's report in the
 * mini-program / H5 (`miniapp`); an Open311 filing names its API key; the intake desk's channel and number.
 */
export interface TicketSourceRef {
  channel: TicketSourceChannel;
  externalNo?: string;
  openApiKeyName?: string;
}

export function sourceRefOf(t: Pick<TicketRecord, 'source'>): TicketSourceRef {
  const s = t.source;
  if (s?.kind === 'open311') return { channel: 'open311', openApiKeyName: s.keyName };
  if (s?.kind === 'staff') return s.externalNo ? { channel: s.channel, externalNo: s.externalNo } : { channel: s.channel };
  return { channel: 'miniapp' };
}

/** A queue row written before rows carried the source: Open311 filings are told by their reporter id. */
export function sourceRefOfRow(r: { source?: TicketSourceRef | null; citizenId: string }): TicketSourceRef {
  if (r.source?.channel) {
    const { channel, externalNo, openApiKeyName } = r.source;
    return { channel, ...(externalNo ? { externalNo } : {}), ...(openApiKeyName ? { openApiKeyName } : {}) };
  }
  return { channel: r.citizenId.startsWith('open311:') ? 'open311' : 'miniapp' };
}
