import { describe, expect, it } from 'vitest';
import { fromShanghai } from '../calendar/working-time';
import { checkExtensionAction, extendedDeadline, extensionActions, hasPendingExtension } from './extension';

const dispatched = (extension?: { state: 'pending' | 'approved' | 'refused'; departmentId: string }) => ({
  status: 'dispatched',
  assignedDepartmentId: 'd1',
  extension,
});
const handler = { roles: ['handler'], isAssignedDepartment: true };
const otherHandler = { roles: ['handler'], isAssignedDepartment: false };
const dispatcher = { roles: ['dispatcher'], isAssignedDepartment: false };

describe('延期: who may do what, one pending at a time', () => {
  it('the assigned department applies; the centre sees nothing to decide yet', () => {
    expect(extensionActions(handler, dispatched())).toEqual(['request_extension']);
    expect(extensionActions(dispatcher, dispatched())).toEqual([]);
    expect(extensionActions(otherHandler, dispatched())).toEqual([]);
    expect(checkExtensionAction('request_extension', otherHandler, dispatched())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkExtensionAction('approve_extension', handler, dispatched())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkExtensionAction('request_extension', { roles: ['viewer'], isAssignedDepartment: false }, dispatched())).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('while one is pending: the centre approves or refuses, nobody applies again', () => {
    const t = dispatched({ state: 'pending', departmentId: 'd1' });
    expect(hasPendingExtension(t)).toBe(true);
    expect(extensionActions(handler, t)).toEqual([]);
    expect(checkExtensionAction('request_extension', handler, t)).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(extensionActions(dispatcher, t)).toEqual(['approve_extension', 'refuse_extension']);
    expect(extensionActions({ roles: ['admin'], isAssignedDepartment: false }, t)).toEqual(['approve_extension', 'refuse_extension']);
  });

  it('an application lapses when the ticket leaves the department (resolved, returned, transferred)', () => {
    expect(hasPendingExtension({ status: 'resolved', assignedDepartmentId: 'd1', extension: { state: 'pending', departmentId: 'd1' } })).toBe(false);
    expect(hasPendingExtension({ status: 'dispatched', assignedDepartmentId: 'd2', extension: { state: 'pending', departmentId: 'd1' } })).toBe(false);
    expect(hasPendingExtension(dispatched({ state: 'approved', departmentId: 'd1' }))).toBe(false);
    // decided → the department may apply again
    expect(extensionActions(handler, dispatched({ state: 'refused', departmentId: 'd1' }))).toEqual(['request_extension']);
  });

  it('only a ticket 处置中 can be extended', () => {
    for (const status of ['submitted', 'accepted', 'resolved', 'closed']) {
      expect(checkExtensionAction('request_extension', handler, { status, assignedDepartmentId: 'd1' })).toMatchObject({ ok: false, code: 'invalid_transition' });
    }
  });
});

describe('延期: the new deadline on the working-time clock', () => {
  // Wed 2025-03-12 16:00 Shanghai; office hours 08:30–12:00, 14:30–18:00 (7 h a day)
  const due = fromShanghai('2025-03-12 16:00');
  const now = fromShanghai('2025-03-12 10:00');

  it('extra working hours continue the clock across the night', () => {
    // 2 h to 18:00, then 3 h from 08:30 next day → Thu 11:30
    const r = extendedDeadline(due, { extraWorkingHours: 5 }, now);
    expect(r).toEqual({ ok: true, dueAt: fromShanghai('2025-03-13 11:30'), extraWorkingHours: 5 });
  });

  it('extra working days skip the weekend', () => {
    // 3 working days = 21 h from Wed 16:00 → Mon 2025-03-17 16:00
    const r = extendedDeadline(due, { extraWorkingDays: 3 }, now);
    expect(r).toEqual({ ok: true, dueAt: fromShanghai('2025-03-17 16:00'), extraWorkingHours: 21 });
  });

  it('a date means the close of office hours that working day; a weekend date is refused', () => {
    expect(extendedDeadline(due, { newDueAt: '2025-03-14' }, now)).toEqual({ ok: true, dueAt: fromShanghai('2025-03-14 18:00'), extraWorkingHours: 16 });
    expect(extendedDeadline(due, { newDueAt: '2025-03-15' }, now)).toMatchObject({ ok: false, field: 'newDueAt', message: '新的处置期限须为工作日' });
  });

  it('refuses deadlines not later than the current one, in the past, too far, or malformed', () => {
    expect(extendedDeadline(due, { newDueAt: '2025-03-12T07:00:00Z' }, now)).toMatchObject({ ok: false, message: '新的处置期限须晚于当前期限' });
    expect(extendedDeadline(due, { extraWorkingHours: 1 }, fromShanghai('2025-03-13 09:00'))).toMatchObject({ ok: false, message: '新的处置期限须晚于当前时间' });
    expect(extendedDeadline(due, { extraWorkingDays: 31 }, now)).toMatchObject({ ok: false, field: 'extraWorkingDays' });
    expect(extendedDeadline(due, { newDueAt: '2025-02-30' }, now)).toMatchObject({ ok: false, field: 'newDueAt' });
    expect(extendedDeadline(due, { newDueAt: 'soon' }, now)).toMatchObject({ ok: false, field: 'newDueAt' });
    expect(extendedDeadline(due, {}, now)).toMatchObject({ ok: false, field: 'newDueAt' });
    // Fri 18:00 → Sat noon adds no working time
    expect(extendedDeadline(fromShanghai('2025-03-14 18:00'), { newDueAt: '2025-03-15T04:00:00Z' }, now)).toMatchObject({ ok: false, message: '新的处置期限须多出工作时间' });
  });

  it('an urgent ticket on natural hours (7×24) extends by natural hours and whole days', () => {
    // Fri 2025-03-14 17:00 + 5 h = 22:00 the same evening; 1 day = 24 h, over the weekend too
    const fri = fromShanghai('2025-03-14 17:00');
    expect(extendedDeadline(fri, { extraWorkingHours: 5 }, now, 'natural')).toEqual({ ok: true, dueAt: fromShanghai('2025-03-14 22:00'), extraWorkingHours: 5 });
    expect(extendedDeadline(fri, { extraWorkingDays: 1 }, now, 'natural')).toEqual({ ok: true, dueAt: fromShanghai('2025-03-15 17:00'), extraWorkingHours: 24 });
    // a Saturday is a day like any other; the deadline is the end of that day
    expect(extendedDeadline(fri, { newDueAt: '2025-03-15' }, now, 'natural')).toMatchObject({ ok: true, dueAt: new Date(fromShanghai('2025-03-15 23:59').getTime() + 59_999) });
  });
});
