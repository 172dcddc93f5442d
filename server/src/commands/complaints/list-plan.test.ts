import { describe, expect, it } from 'vitest';
import { ComplaintListQuery } from '@cgt/shared/schemas/complaints';
import type { StaffPrincipal } from '../../http/auth.js';
import { daysOfMonth, nameTokens, registeredMonth } from './keys.js';
import { countDim, listSpec, openEligible, openFilter, rowFilter } from './list-plan.js';

/** The pure part of the 信访 list plan: which equality a query starts from, and which count stands for it. */

const now = new Date('2026-05-20T02:00:00Z');
const city = { districtCodes: [] } as unknown as StaffPrincipal;
const local = { districtCodes: ['430602'] } as unknown as StaffPrincipal;
const spec = (q: Record<string, string>, p = city) => listSpec(p, ComplaintListQuery.parse(q), now);

describe('keys', () => {
  it('name tokens are every character and neighbouring pair; months and days on the Shanghai calendar', () => {
    expect(nameTokens(' 王建国 ')).toEqual(['王', '建', '国', '王建', '建国']);
    expect(registeredMonth(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04');
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    expect(daysOfMonth('2026-04').at(-1)).toBe('2026-04-30');
  });
});

describe('listSpec', () => {
  it('filters become top-level equalities; the district scope and deadlines residuals beside them', () => {
    const s = spec({ status: 'accepted', channel: 'letter', overdue: 'true' }, local)!;
    expect(s.eq).toEqual({ status: 'accepted', channel: 'letter', open: true });
    expect(s.residual).toEqual([{ district: { $in: ['430602', '-'] } }, { officeDueAt: { $lt: now } }]);
    expect(rowFilter(s, { month: '2026-05' })).toMatchObject({ status: 'accepted', channel: 'letter', open: true, month: '2026-05', $and: s.residual });
    expect(openEligible(s)).toBe(false);
    expect(openEligible(spec({ backlog: 'true', status: 'registered' })!)).toBe(true);
    expect(openFilter(spec({ backlog: 'true', status: 'registered' })!)).toEqual({ status: 'registered', $and: [{ dueAt: { $lt: now } }] });
  });

  it('a case number, a name part, a ticket and an ID hash are selective keys', () => {
    expect(spec({ q: 'yyxf2026-000123' })).toMatchObject({ selective: true, eq: { caseNo: 'YYXF2026-000123' } });
    expect(spec({ q: '李建华' })).toMatchObject({ selective: true, eq: { nameTokens: '李建' }, residual: [{ 'petitioner.name': { $regex: '李建华' } }] });
    expect(spec({ q: '李' })!.eq.nameTokens).toBe('李');
    expect(spec({ ticketId: 't1' })).toMatchObject({ selective: true, eq: { linkedTicketIds: 't1' } });
    expect(listSpec(city, ComplaintListQuery.parse({}), now, { idNumberHash: 'h' })).toMatchObject({ selective: true, eq: { idNumberHash: 'h' } });
  });

  it('contradictions and districts outside the scope match nothing', () => {
    expect(spec({ overdue: 'true', dueSoon: 'true' })).toBeNull();
    expect(spec({ overdue: 'true', backlog: 'false' })).toBeNull();
    expect(spec({ districtCode: '430611' }, local)).toBeNull();
    expect(spec({ districtCode: '430602' }, local)).toMatchObject({ eq: { district: '430602' }, scope: null, residual: [] });
  });
});

describe('countDim', () => {
  it('one dimension (with any district) is a stored bucket; two, or a residual, are counted month by month', () => {
    expect(countDim(spec({})!)).toBe('*');
    expect(countDim(spec({}, local)!)).toBe('*');
    expect(countDim(spec({ status: 'final', districtCode: '430602' })!)).toBe('status=final');
    expect(countDim(spec({ repeat: 'true' })!)).toBe('isRepeat=true');
    expect(countDim(spec({})!, { open: false })).toBe('open=false');
    expect(countDim(spec({ status: 'final' })!, { open: false })).toBe('status=final');
    expect(countDim(spec({ status: 'final', channel: 'letter' })!)).toBeNull();
    expect(countDim(spec({ overdue: 'false' })!)).toBeNull();
  });
});
