import { describe, expect, it } from 'vitest';
import { TICKET_STATES } from './machine';
import { RESIDENT_GROUPS, RESIDENT_TAB_LABELS, RESIDENT_TABS, isResidentTab, residentGroupOf } from './resident-tabs';
import { ratingOutcome } from './rating';

describe('我的诉求 tabs', () => {
  it('every state × rated lands in exactly one group', () => {
    for (const s of TICKET_STATES) for (const rated of [false, true]) expect(RESIDENT_GROUPS).toContain(residentGroupOf(s, rated));
  });

  it('待评价 holds exactly the reports the resident can rate and has not', () => {
    for (const s of TICKET_STATES) {
      const ratable = ratingOutcome({ status: s, satisfaction: 'satisfied' }) !== 'not_ratable';
      expect(residentGroupOf(s, false) === 'to_rate').toBe(ratable);
      expect(residentGroupOf(s, true)).not.toBe('to_rate');
    }
  });

  it('open reports are 处理中, ended ones 已办结', () => {
    expect(['submitted', 'accepted', 'dispatched'].map((s) => residentGroupOf(s as never, false))).toEqual(['active', 'active', 'active']);
    expect(residentGroupOf('resolved', true)).toBe('active');
    expect(residentGroupOf('closed', true)).toBe('done');
    expect(residentGroupOf('rejected', false)).toBe('done');
    expect(residentGroupOf('withdrawn', false)).toBe('done');
  });

  it('the tabs read 全部 / 处理中 / 待评价 / 已办结', () => {
    expect(RESIDENT_TABS.map((t) => RESIDENT_TAB_LABELS[t])).toEqual(['全部', '处理中', '待评价', '已办结']);
    expect(isResidentTab('done')).toBe(true);
    expect(isResidentTab('closed')).toBe(false);
  });
});
