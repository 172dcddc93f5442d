import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../models/ticket.js';
import { ticketFacts } from './ticket-facts.js';

const at = (iso: string) => new Date(iso);
const staff = { kind: 'staff', id: 's1', name: '调度员' };

/** A ticket closed after 处置反馈, rated by the resident or by the auto-close job (默认满意). */
function closedTicket(ratedBy: 'citizen' | 'system'): TicketRecord {
  return {
    _id: new Types.ObjectId(),
    categoryCode: '06010',
    categoryName: '暴露垃圾',
    createdAt: at('2026-11-02T01:00:00Z'),
    dueAt: at('2026-11-04T09:00:00Z'),
    slaHours: 16,
    routing: { districtCode: '430611', zoneCode: null },
    source: { kind: 'resident' },
    timeline: [
      { type: 'created', at: at('2026-11-02T01:00:00Z'), actor: { kind: 'citizen', id: 'c1', name: '市民' } },
      { type: 'accepted', at: at('2026-11-02T02:00:00Z'), actor: staff },
      { type: 'dispatched', at: at('2026-11-02T02:10:00Z'), actor: staff, departmentId: 'd1' },
      { type: 'resolved', at: at('2026-11-02T06:00:00Z'), actor: staff },
      { type: 'verified', at: at('2026-11-02T07:00:00Z'), actor: staff },
      ratedBy === 'citizen'
        ? { type: 'rated', at: at('2026-11-03T01:00:00Z'), actor: { kind: 'citizen', id: 'c1', name: '市民' }, satisfaction: 'dissatisfied' }
        : { type: 'rated', at: at('2026-11-10T01:00:00Z'), actor: { kind: 'system', id: 'system:auto-close', name: '系统' }, satisfaction: 'satisfied' },
    ],
  } as unknown as TicketRecord;
}

const total = (t: TicketRecord, k: string) => ticketFacts(t).reduce((s, f) => s + ((f.c as Record<string, number>)[k] ?? 0), 0);

describe('ticket facts: ratings', () => {
  it('a resident’s rating counts as 参评 with its level', () => {
    const t = closedTicket('citizen');
    expect([total(t, 'rated'), total(t, 'dissatisfied'), total(t, 'defaultSatisfied')]).toEqual([1, 1, 0]);
  });
  it('默认满意 from the auto-close job is counted apart: never 参评 or 满意', () => {
    const t = closedTicket('system');
    expect([total(t, 'rated'), total(t, 'satisfied'), total(t, 'defaultSatisfied')]).toEqual([0, 0, 1]);
  });
});

/**
 * Dispatched with a deadline of 11-04 09:00Z; resolved late (11-05), reworked, 延期 approved to 11-10, resolved
 * again (11-08): the first 处置 is judged against the filing deadline, the second against the extended one.
 */
function extendedTicket(approvals: number): TicketRecord {
  const t = closedTicket('citizen');
  const filingDue = at('2026-11-04T09:00:00Z');
  const extended = at('2026-11-10T10:00:00Z');
  const timeline = [
    ...t.timeline.slice(0, 3),
    { type: 'resolved', at: at('2026-11-05T02:00:00Z'), actor: staff },
    { type: 'reworked', at: at('2026-11-05T03:00:00Z'), actor: staff },
    { type: 'extension_requested', at: at('2026-11-05T04:00:00Z'), actor: staff, deadline: extended, reason: '需协调' },
    ...(approvals ? [{ type: 'extension_approved', at: at('2026-11-05T05:00:00Z'), actor: staff, deadline: extended, fromDeadline: filingDue }] : [{ type: 'extension_refused', at: at('2026-11-05T05:00:00Z'), actor: staff, reason: '不同意' }]),
    { type: 'resolved', at: at('2026-11-08T02:00:00Z'), actor: staff },
  ];
  return { ...t, status: 'resolved', dueAt: approvals ? extended : filingDue, timeline } as unknown as TicketRecord;
}

describe('ticket facts: 延期', () => {
  it('an approved extension counts once as 延期, for the department, and later 处置 is judged against the new deadline', () => {
    const t = extendedTicket(1);
    expect([total(t, 'extended'), total(t, 'resolved'), total(t, 'resolvedOnTime'), total(t, 'resolvedLate')]).toEqual([1, 2, 1, 1]);
    const f = ticketFacts(t).find((x) => x.c.extended)!;
    expect([f.dept, f.day]).toEqual(['d1', '2026-11-05']);
    // deriving again gives the same facts (the writer's exactly-once rests on this)
    expect(ticketFacts(t)).toEqual(ticketFacts(t));
  });
  it('a refused one counts nothing and the filing deadline stays', () => {
    const t = extendedTicket(0);
    expect([total(t, 'extended'), total(t, 'resolvedOnTime'), total(t, 'resolvedLate')]).toEqual([0, 0, 2]);
  });
});
