import { describe, expect, it } from 'vitest';
import { bulkActions, canMerge, isAssignedDepartment, ticketActions } from './actions';
import type { Role } from '../../services/types';

const acts = (status: string, roles: Role[], assigned = false) =>
  ticketActions({ status, roles, isAssignedDepartment: assigned }).map((b) => b.action);

describe('ticketActions: state × role × isAssignedDepartment', () => {
  // Expected buttons written out by hand.
  const cases: [string, Role[], boolean, string[]][] = [
    ['submitted', ['dispatcher'], false, ['accept', 'reject', 'transfer']],
    ['accepted', ['dispatcher'], false, ['dispatch', 'transfer']],
    ['dispatched', ['dispatcher'], false, ['transfer']],
    ['resolved', ['dispatcher'], false, ['verify', 'rework']],
    ['closed', ['dispatcher'], false, []],
    ['rejected', ['dispatcher'], false, []],
    ['withdrawn', ['dispatcher'], false, []],
    ['submitted', ['handler'], true, []],
    ['accepted', ['handler'], true, []],
    ['dispatched', ['handler'], true, ['return', 'resolve']],
    ['dispatched', ['handler'], false, []],
    ['resolved', ['handler'], true, []],
    ['dispatched', ['admin'], false, ['return', 'resolve', 'transfer']],
    ['submitted', ['admin'], false, ['accept', 'reject', 'transfer']],
    ['resolved', ['admin'], false, ['verify', 'rework']],
    ['submitted', ['viewer'], false, []],
    ['dispatched', ['viewer'], true, []],
    ['resolved', ['complaint_officer'], false, []],
    ['dispatched', ['dispatcher', 'handler'], true, ['return', 'resolve', 'transfer']],
    ['dispatched', ['dispatcher', 'handler'], false, ['transfer']],
    ['bogus', ['admin'], false, []],
  ];
  it.each(cases)('%s as %j (assigned=%s) → %j', (status, roles, assigned, expected) => {
    expect(acts(status, roles, assigned)).toEqual(expected);
  });

  it('intersects with the server allowedActions when present', () => {
    const input = { status: 'submitted', roles: ['dispatcher'] as Role[], isAssignedDepartment: false };
    expect(ticketActions({ ...input, serverAllowed: ['accept', 'transfer'] }).map((b) => b.action)).toEqual(['accept', 'transfer']);
    expect(ticketActions({ ...input, serverAllowed: [] })).toEqual([]);
    // never more than the shared table allows, whatever the server says
    expect(ticketActions({ ...input, serverAllowed: ['accept', 'verify'] }).map((b) => b.action)).toEqual(['accept']);
  });

  it('never offers citizen-only actions to staff', () => {
    for (const s of ['submitted', 'resolved', 'closed']) {
      expect(acts(s, ['admin'])).not.toContain('withdraw');
      expect(acts(s, ['admin'])).not.toContain('reopen');
    }
  });

  it('uses the console labels and dialogs', () => {
    const buttons = ticketActions({ status: 'submitted', roles: ['dispatcher'], isAssignedDepartment: false });
    expect(buttons.map((b) => b.label)).toEqual(['受理', '不予立案', '移交']);
    expect(buttons.map((b) => b.form)).toEqual(['confirm', 'reason', 'transfer']);
    const verify = ticketActions({ status: 'resolved', roles: ['dispatcher'], isAssignedDepartment: false });
    expect(verify.map((b) => b.label)).toEqual(['核查通过', '返工']);
    const handler = ticketActions({ status: 'dispatched', roles: ['handler'], isAssignedDepartment: true });
    expect(handler.map((b) => [b.label, b.form])).toEqual([
      ['回退', 'reason'],
      ['处置反馈', 'reply'],
    ]);
  });
});

describe('helpers', () => {
  it('isAssignedDepartment compares the ticket department with the user departments', () => {
    expect(isAssignedDepartment({ departmentIds: ['d1'] }, { department: { id: 'd1', name: 'x' } })).toBe(true);
    expect(isAssignedDepartment({ departmentIds: ['d1'] }, { department: { id: 'd2', name: 'x' } })).toBe(false);
    expect(isAssignedDepartment({ departmentIds: ['d1'] }, { departmentId: 'd1' })).toBe(true);
    expect(isAssignedDepartment({ departmentIds: [] }, { department: undefined })).toBe(false);
  });

  it('合并 goes with 不予立案', () => {
    expect(canMerge(ticketActions({ status: 'submitted', roles: ['dispatcher'], isAssignedDepartment: false }))).toBe(true);
    expect(canMerge(ticketActions({ status: 'accepted', roles: ['dispatcher'], isAssignedDepartment: false }))).toBe(false);
  });

  it('bulk actions: accept for submitted, dispatch for accepted, none for handlers', () => {
    expect(bulkActions({ status: 'submitted', roles: ['dispatcher'] })).toEqual(['accept']);
    expect(bulkActions({ status: 'accepted', roles: ['dispatcher'] })).toEqual(['dispatch']);
    expect(bulkActions({ status: 'dispatched', roles: ['dispatcher'] })).toEqual([]);
    expect(bulkActions({ status: 'submitted', roles: ['handler'] })).toEqual([]);
  });
});
