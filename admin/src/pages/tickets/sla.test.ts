import { describe, expect, it } from 'vitest';
import { slaState } from './sla';

describe('slaState', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  it('counts down', () => {
    expect(slaState('2026-11-28T13:30:00Z', now)).toEqual({ text: '剩余 1天3小时', overdue: false, soon: false });
    expect(slaState('2026-11-27T11:05:00Z', now)).toEqual({ text: '剩余 1小时5分', overdue: false, soon: true });
  });
  it('turns overdue', () => {
    expect(slaState('2026-11-27T09:30:00Z', now)).toEqual({ text: '已超期 30分钟', overdue: true, soon: false });
  });
  it('trusts the server flag', () => {
    expect(slaState('2026-11-27T11:00:00Z', now, true)?.overdue).toBe(true);
  });
  it('finished tickets stop counting', () => {
    expect(slaState('2026-11-27T09:00:00Z', now, false, true)?.text).toBe('按期办结');
    expect(slaState(undefined, now)).toBeNull();
  });
});
