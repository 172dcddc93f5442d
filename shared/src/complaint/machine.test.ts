import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_STATES,
  COMPLAINT_STATE_LABELS,
  complaintActionsFrom,
  complaintMissingFields,
  complaintRequiredFields,
  complaintTransition,
  isComplaintAction,
  isComplaintOpen,
  isComplaintState,
  isComplaintTerminal,
  replyStageOf,
  type ComplaintAction,
  type ComplaintState,
} from './machine';

// The expected table, written out by hand (not derived from COMPLAINT_TRANSITIONS). '-' = illegal (409).
const COLUMNS = ['accept', 'not_accept', 'transfer', 'assign', 'extend', 'conclude', 'request_review', 'conclude_review', 'request_recheck', 'conclude_recheck'] as const;
// prettier-ignore
const EXPECTED: Record<ComplaintState, readonly string[]> = {
  //                  accept      not_accept      transfer       assign      extend      conclude     request_review      conclude_review     request_recheck      conclude_recheck
  registered:        ['accepted', 'not_accepted', 'transferred', '-',        '-',        '-',         '-',                '-',                '-',                 '-'],
  accepted:          ['-',        '-',            '-',           'handling', 'accepted', '-',         '-',                '-',                '-',                 '-'],
  not_accepted:      ['-',        '-',            '-',           '-',        '-',        '-',         '-',                '-',                '-',                 '-'],
  transferred:       ['-',        '-',            '-',           '-',        '-',        '-',         '-',                '-',                '-',                 '-'],
  handling:          ['-',        '-',            '-',           'handling', 'handling', 'concluded', '-',                '-',                '-',                 '-'],
  concluded:         ['-',        '-',            '-',           '-',        '-',        '-',         'review_requested', '-',                '-',                 '-'],
  review_requested:  ['-',        '-',            '-',           '-',        '-',        '-',         '-',                'review_concluded', '-',                 '-'],
  review_concluded:  ['-',        '-',            '-',           '-',        '-',        '-',         '-',                '-',                'recheck_requested', '-'],
  recheck_requested: ['-',        '-',            '-',           '-',        '-',        '-',         '-',                '-',                '-',                 'final'],
  final:             ['-',        '-',            '-',           '-',        '-',        '-',         '-',                '-',                '-',                 '-'],
};

const cells: [ComplaintState, ComplaintAction, string][] = [];
for (const s of COMPLAINT_STATES) COLUMNS.forEach((a, i) => cells.push([s, a, EXPECTED[s][i] ?? 'MISSING']));

describe('信访 transition table', () => {
  it('covers every state and action', () => {
    expect([...COLUMNS].sort()).toEqual([...COMPLAINT_ACTIONS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...COMPLAINT_STATES].sort());
    expect(cells).toHaveLength(100);
  });

  it.each(cells)('%s --%s--> %s', (state, action, expected) => {
    expect(complaintTransition(state, action)).toBe(expected === '-' ? null : expected);
  });

  it('lists the legal actions per state in table order', () => {
    expect(complaintActionsFrom('registered')).toEqual(['accept', 'not_accept', 'transfer']);
    expect(complaintActionsFrom('handling')).toEqual(['assign', 'extend', 'conclude']);
    expect(complaintActionsFrom('final')).toEqual([]);
  });

  it('terminal and open states', () => {
    expect(COMPLAINT_STATES.filter(isComplaintTerminal)).toEqual(['not_accepted', 'transferred', 'final']);
    expect(COMPLAINT_STATES.filter(isComplaintOpen)).toEqual(['registered', 'accepted', 'handling', 'review_requested', 'recheck_requested']);
  });

  it('reply stages', () => {
    expect(COMPLAINT_STATES.map(replyStageOf)).toEqual([null, null, null, null, null, 'conclusion', null, 'review', null, 'recheck']);
  });

  it('labels and guards', () => {
    expect(COMPLAINT_STATE_LABELS.final).toBe('已终结');
    expect(COMPLAINT_STATE_LABELS.not_accepted).toBe('不予受理');
    expect(isComplaintState('handling')).toBe(true);
    expect(isComplaintState('closed')).toBe(false);
    expect(isComplaintAction('extend')).toBe(true);
    expect(isComplaintAction('toString')).toBe(false);
  });
});

describe('required fields', () => {
  it('per action', () => {
    expect(complaintRequiredFields('not_accept')).toEqual(['reason', 'redirectTo']);
    expect(complaintRequiredFields('extend')).toEqual(['days', 'reason']);
    expect(complaintRequiredFields('conclude')).toEqual(['reply', 'decision', 'basis']);
    expect(complaintRequiredFields('accept')).toEqual([]);
  });
  it('blank strings count as missing; numbers must be finite', () => {
    expect(complaintMissingFields('not_accept', { reason: '  ', redirectTo: '法院' })).toEqual(['reason']);
    expect(complaintMissingFields('extend', { days: 10, reason: '情况复杂' })).toEqual([]);
    expect(complaintMissingFields('extend', { reason: '情况复杂' })).toEqual(['days']);
    expect(complaintMissingFields('assign', {})).toEqual(['departmentId']);
  });
});
