import { describe, expect, it } from 'vitest';
import {
  ACTION_EVENT,
  ACTION_LABELS,
  ACTION_POLICY,
  STATE_LABELS,
  TICKET_ACTIONS,
  TICKET_STATES,
  TIMELINE_EVENT_LABELS,
  allowedActions,
  checkAction,
  countsAsRework,
  isOpen,
  isTerminal,
  isTicketAction,
  isTicketState,
  missingFields,
  requiredFields,
  transition,
  withinReopenWindow,
  type TicketAction,
  type TicketState,
} from './machine';

// The expected table, written out by hand (not derived from TRANSITIONS). '-' = illegal.
const COLUMNS = ['accept', 'reject', 'dispatch', 'return', 'resolve', 'verify', 'rework', 'reopen', 'transfer', 'withdraw'] as const;
// prettier-ignore
const EXPECTED: Record<TicketState, readonly string[]> = {
  //           accept      reject      dispatch      return      resolve     verify    rework        reopen        transfer    withdraw
  submitted:  ['accepted', 'rejected', '-',          '-',        '-',        '-',      '-',          '-',          'accepted', 'withdrawn'],
  accepted:   ['-',        '-',        'dispatched', '-',        '-',        '-',      '-',          '-',          'accepted', '-'],
  dispatched: ['-',        '-',        '-',          'accepted', 'resolved', '-',      '-',          '-',          'accepted', '-'],
  resolved:   ['-',        '-',        '-',          '-',        '-',        'closed', 'dispatched', 'dispatched', '-',        '-'],
  closed:     ['-',        '-',        '-',          '-',        '-',        '-',      '-',          'dispatched', '-',        '-'],
  rejected:   ['-',        '-',        '-',          '-',        '-',        '-',      '-',          '-',          '-',        '-'],
  withdrawn:  ['-',        '-',        '-',          '-',        '-',        '-',      '-',          '-',          '-',        '-'],
};

const cells: [TicketState, TicketAction, string][] = [];
for (const s of TICKET_STATES) {
  COLUMNS.forEach((a, i) => cells.push([s, a, EXPECTED[s][i] ?? 'MISSING']));
}

describe('transition table', () => {
  it('covers every state and action', () => {
    expect([...COLUMNS].sort()).toEqual([...TICKET_ACTIONS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...TICKET_STATES].sort());
    expect(cells).toHaveLength(70);
  });

  it.each(cells)('%s --%s--> %s', (state, action, expected) => {
    expect(transition(state, action)).toBe(expected === '-' ? null : expected);
  });
});

describe('labels', () => {
  it('has the Chinese state labels', () => {
    expect(STATE_LABELS).toEqual({
      submitted: '待受理',
      accepted: '已立案',
      dispatched: '处置中',
      resolved: '待核查',
      closed: '已结案',
      rejected: '不予立案',
      withdrawn: '已撤回',
    });
  });
  it('labels every action and timeline event', () => {
    for (const a of TICKET_ACTIONS) {
      expect(ACTION_LABELS[a]).toMatch(/^[\u4e00-\u9fa5]+$/);
      expect(TIMELINE_EVENT_LABELS[ACTION_EVENT[a]]).toBeTruthy();
    }
    expect(ACTION_LABELS.return).toBe('回退');
    expect(TIMELINE_EVENT_LABELS[ACTION_EVENT.return]).toBe('回退');
    expect(TIMELINE_EVENT_LABELS[ACTION_EVENT.rework]).toBe('返工');
    expect(TIMELINE_EVENT_LABELS[ACTION_EVENT.reopen]).toBe('重办');
    expect(TIMELINE_EVENT_LABELS[ACTION_EVENT.transfer]).toBe('移交');
    expect(TIMELINE_EVENT_LABELS.created).toBe('提交上报');
  });
});

describe('allowedActions', () => {
  it('dispatcher on each state', () => {
    const roles = ['dispatcher'];
    expect(allowedActions({ status: 'submitted', roles })).toEqual(['accept', 'reject', 'transfer']);
    expect(allowedActions({ status: 'accepted', roles })).toEqual(['dispatch', 'transfer']);
    expect(allowedActions({ status: 'dispatched', roles })).toEqual(['transfer']);
    expect(allowedActions({ status: 'resolved', roles })).toEqual(['verify', 'rework']);
    expect(allowedActions({ status: 'closed', roles })).toEqual([]);
    expect(allowedActions({ status: 'rejected', roles })).toEqual([]);
  });
  it('handler only on its own department', () => {
    expect(allowedActions({ status: 'dispatched', roles: ['handler'], isAssignedDepartment: true })).toEqual([
      'return',
      'resolve',
    ]);
    expect(allowedActions({ status: 'dispatched', roles: ['handler'], isAssignedDepartment: false })).toEqual([]);
    expect(allowedActions({ status: 'accepted', roles: ['handler'], isAssignedDepartment: true })).toEqual([]);
  });
  it('admin may do every staff action, regardless of department', () => {
    expect(allowedActions({ status: 'dispatched', roles: ['admin'] })).toEqual(['return', 'resolve', 'transfer']);
    expect(allowedActions({ status: 'resolved', roles: ['admin'] })).toEqual(['verify', 'rework']);
  });
  it('viewer and complaint_officer get nothing', () => {
    for (const s of TICKET_STATES) {
      expect(allowedActions({ status: s, roles: ['viewer', 'complaint_officer'], isAssignedDepartment: true })).toEqual(
        [],
      );
    }
  });
  it('no staff role can reopen or withdraw', () => {
    const all = ['admin', 'dispatcher', 'handler'];
    expect(allowedActions({ status: 'closed', roles: all, isAssignedDepartment: true })).toEqual([]);
    expect(allowedActions({ status: 'submitted', roles: all })).not.toContain('withdraw');
  });
  it('citizen: withdraw while submitted, reopen while resolved or within 7 days of closing', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(allowedActions({ status: 'submitted', actor: 'citizen', isReporter: true })).toEqual(['withdraw']);
    expect(allowedActions({ status: 'submitted', actor: 'citizen', isReporter: false })).toEqual([]);
    expect(allowedActions({ status: 'accepted', actor: 'citizen' })).toEqual([]);
    expect(allowedActions({ status: 'resolved', actor: 'citizen', now })).toEqual(['reopen']);
    const closedAt = new Date('2026-11-21T12:00:00Z');
    expect(allowedActions({ status: 'closed', actor: 'citizen', closedAt, now })).toEqual(['reopen']);
    expect(allowedActions({ status: 'closed', actor: 'citizen', closedAt: new Date('2026-11-19T12:00:00Z'), now })).toEqual(
      [],
    );
    expect(allowedActions({ status: 'closed', actor: 'citizen', now })).toEqual([]);
  });
  it('system actor has no buttons', () => {
    for (const s of TICKET_STATES) expect(allowedActions({ status: s, actor: 'system', roles: ['admin'] })).toEqual([]);
  });
});

describe('checkAction', () => {
  it('returns the next state', () => {
    expect(checkAction({ status: 'submitted', action: 'accept', roles: ['dispatcher'] })).toEqual({
      ok: true,
      to: 'accepted',
    });
  });
  it('forbidden for a role that never may, before looking at the state', () => {
    expect(checkAction({ status: 'closed', action: 'accept', roles: ['handler'] })).toEqual({ ok: false, code: 'forbidden' });
    expect(checkAction({ status: 'submitted', action: 'accept', roles: ['viewer'] })).toEqual({ ok: false, code: 'forbidden' });
  });
  it('invalid_transition for a legal role in the wrong state', () => {
    expect(checkAction({ status: 'closed', action: 'accept', roles: ['dispatcher'] })).toEqual({
      ok: false,
      code: 'invalid_transition',
    });
  });
  it('forbidden for a handler of another department', () => {
    expect(
      checkAction({ status: 'dispatched', action: 'resolve', roles: ['handler'], isAssignedDepartment: false }),
    ).toEqual({ ok: false, code: 'forbidden' });
    expect(
      checkAction({ status: 'dispatched', action: 'resolve', roles: ['handler'], isAssignedDepartment: true }),
    ).toEqual({ ok: true, to: 'resolved' });
  });
  it('citizen reopen after the window is forbidden', () => {
    expect(
      checkAction({
        status: 'closed',
        action: 'reopen',
        actor: 'citizen',
        closedAt: new Date('2026-01-01T00:00:00Z'),
        now: new Date('2026-01-09T00:00:00Z'),
      }),
    ).toEqual({ ok: false, code: 'forbidden' });
    expect(checkAction({ status: 'accepted', action: 'withdraw', actor: 'citizen' })).toEqual({
      ok: false,
      code: 'invalid_transition',
    });
  });
});

describe('policy table', () => {
  it('lists the roles of the issue', () => {
    expect(ACTION_POLICY.accept.roles).toContain('dispatcher');
    expect(ACTION_POLICY.resolve.roles).toContain('handler');
    expect(ACTION_POLICY.resolve.needsAssignment).toBe(true);
  });
});

describe('required fields', () => {
  it.each([
    ['accept', []],
    ['reject', ['reason']],
    ['dispatch', ['departmentId']],
    ['return', ['reason']],
    ['resolve', ['reply']],
    ['verify', []],
    ['rework', ['reason']],
    ['reopen', []],
    ['transfer', ['districtCode', 'reason']],
    ['withdraw', []],
  ] as [TicketAction, string[]][])('%s requires %j', (action, fields) => {
    expect([...requiredFields(action)]).toEqual(fields);
  });
  it('missingFields treats blanks as missing', () => {
    expect(missingFields('transfer', { districtCode: '430602', reason: '  ' })).toEqual(['reason']);
    expect(missingFields('resolve', { reply: '已清理' })).toEqual([]);
    expect(missingFields('dispatch', {})).toEqual(['departmentId']);
  });
});

describe('state predicates', () => {
  it.each([
    ['submitted', true, false],
    ['accepted', true, false],
    ['dispatched', true, false],
    ['resolved', true, false],
    ['closed', false, false],
    ['rejected', false, true],
    ['withdrawn', false, true],
  ] as [TicketState, boolean, boolean][])('%s open=%s terminal=%s', (s, open, terminal) => {
    expect(isOpen(s)).toBe(open);
    expect(isTerminal(s)).toBe(terminal);
  });
  it('rework counting and guards', () => {
    expect(TICKET_ACTIONS.filter(countsAsRework)).toEqual(['rework', 'reopen']);
    expect(isTicketState('closed')).toBe(true);
    expect(isTicketState('done')).toBe(false);
    expect(isTicketAction('verify')).toBe(true);
    expect(isTicketAction(3)).toBe(false);
  });
  it('reopen window is 7×24 h', () => {
    const closed = new Date('2026-10-01T00:00:00Z');
    expect(withinReopenWindow(closed, new Date('2026-10-08T00:00:00Z'))).toBe(true);
    expect(withinReopenWindow(closed, new Date('2026-10-08T00:00:01Z'))).toBe(false);
    expect(withinReopenWindow(closed, new Date('2026-09-30T00:00:00Z'))).toBe(false);
  });
});
