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
