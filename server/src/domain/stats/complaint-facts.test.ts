import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { ComplaintRecord } from '../../models/complaint.js';
import { complaintFacts } from './complaint-facts.js';

const at = (s: string) => new Date(s);
const actor = { kind: 'staff', id: 'u', name: '信访办', label: '信访办' };

function complaint(over: Partial<ComplaintRecord>): ComplaintRecord {
  return {
    _id: new Types.ObjectId(),
    status: 'registered',
    districtCode: '430602',
    departmentId: undefined,
    createdAt: at('2026-11-02T02:00:00Z'),
    deadlines: { acceptBy: at('2026-11-17T02:00:00Z'), concludeBy: null },
    timeline: [],
    ...over,
  } as unknown as ComplaintRecord;
}

const sum = (facts: ReturnType<typeof complaintFacts>) => {
  const out: Record<string, number> = {};
  for (const f of facts) for (const [k, v] of Object.entries(f.c)) out[k] = (out[k] ?? 0) + v!;
  return out;
};

describe('信访 statistics facts', () => {
  it('登记, 受理 within 15 days (按期告知), 办结 after concludeBy (not on time), 复查 request', () => {
    const c = complaint({
      status: 'review_requested',
      deadlines: { acceptBy: at('2026-11-17T02:00:00Z'), concludeBy: at('2027-01-01T02:00:00Z') } as never,
      timeline: [
        { type: 'accept', at: at('2026-11-05T02:00:00Z'), actor, toStatus: 'accepted' },
        { type: 'conclude', at: at('2027-01-03T02:00:00Z'), actor, toStatus: 'concluded' },
        { type: 'request_review', at: at('2027-01-10T02:00:00Z'), actor, toStatus: 'review_requested' },
      ] as never,
    });
    const facts = complaintFacts(c);
    expect(sum(facts)).toEqual({ petitionRegistered: 1, petitionAccepted: 1, petitionNotified: 1, petitionNotifiedOnTime: 1, petitionConcluded: 1, petitionReviewed: 1 });
    // each event on its own Shanghai day
    expect(facts.find((f) => f.c.petitionConcluded)!.day).toBe('2027-01-03');
    expect(facts.every((f) => f.district === '430602' && f.src === `c:${String(c._id)}`)).toBe(true);
  });

  it('a late 不予受理 is a notification not on time; an accepted case still open counts as 积案 at its deadline', () => {
    expect(sum(complaintFacts(complaint({ status: 'not_accepted', timeline: [{ type: 'not_accept', at: at('2026-11-20T02:00:00Z'), actor, toStatus: 'not_accepted' }] as never })))).toEqual({
      petitionRegistered: 1,
      petitionNotified: 1,
    });
    const open = complaintFacts(complaint({ status: 'handling', deadlines: { acceptBy: at('2026-11-17T02:00:00Z'), concludeBy: at('2027-01-01T02:00:00Z') } as never }));
    expect(open.find((f) => f.c.petitionBacklog)!.day).toBe('2027-01-01');
    expect(complaintFacts(complaint({ districtCode: undefined }))).toEqual([]);
  });

  it('终结 counts when the case reaches final', () => {
    const c = complaint({ status: 'final', timeline: [{ type: 'conclude_recheck', at: at('2027-03-01T02:00:00Z'), actor, toStatus: 'final' }] as never });
    expect(sum(complaintFacts(c)).petitionFinal).toBe(1);
  });
});
