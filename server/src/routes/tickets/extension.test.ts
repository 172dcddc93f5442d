import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingHours, fromShanghai, WORKING_HOURS_PER_DAY } from '@cgt/shared/calendar/working-time';
import { startTestServer, RAISED_LIMITS, type TestServer } from '../../testing/harness.js';
import { act, departmentOf, fileReport, JUNSHAN_CODE, makeCitizen, makeStaff, YUEYANGLOU_CODE, type StaffFixture } from '../../testing/tickets.js';

/**
 * 延期 over HTTP: the department applies, the dispatch centre approves (dueAt moves, counted once in 延期数,
 * 按期 judged against the new deadline) or refuses; one pending at a time; roles, scope and bad input.
 */

let t: TestServer;
let clock = new Date('2026-11-03T02:00:00Z'); // Tuesday 10:00 in Shanghai
let dispatcher: StaffFixture;
let otherDispatcher: StaffFixture;
let viewer: StaffFixture;
let handler: StaffFixture;
let otherHandler: StaffFixture;
let dept: { id: string; name: string };
let id: string;
let accepted: string;

beforeAll(async () => {
  t = await startTestServer({ env: { ...RAISED_LIMITS }, now: () => clock });
  dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  otherDispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [YUEYANGLOU_CODE] });
  viewer = await makeStaff(t, ['viewer']);
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  const otherDept = (await t.deps.models.Department.findOne({ districtCode: JUNSHAN_CODE, _id: { $ne: dept.id } }).lean())!;
  handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id] });
  otherHandler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [String(otherDept._id)] });
  const resident = (await makeCitizen(t)).token;
  id = (await fileReport(t, resident, { description: '延期测试：大件垃圾堆放' })).body.id;
  accepted = (await fileReport(t, resident, { description: '延期测试：未派遣' })).body.id;
  for (const [tid, body] of [
    [id, { action: 'accept' }],
    [id, { action: 'dispatch', departmentId: dept.id }],
    [accepted, { action: 'accept' }],
  ] as const) {
    expect((await act(t, dispatcher.token, tid, body)).status).toBe(200);
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const get = (token: string, path: string) => t.request('GET', path, { token });
const detail = async (token = dispatcher.token) => (await get(token, `/api/v1/admin/tickets/${id}`)).body;

describe('延期申请 → 驳回 → 再申请 → 批准', () => {
  it('offers 申请延期 only to the assigned department, and nothing to decide yet', async () => {
    expect((await detail(handler.token)).extensionActions).toEqual(['request_extension']);
    expect((await detail(dispatcher.token)).extensionActions).toEqual([]);
    expect((await detail(viewer.token)).extensionActions).toEqual([]);
    expect((await act(t, dispatcher.token, id, { action: 'approve_extension' })).body.error.code).toBe('invalid_transition');
  });

  it('refuses bad input with a Chinese message naming the field, and changes nothing', async () => {
    const before = await detail();
    const cases: [Record<string, unknown>, string][] = [
      [{ extraWorkingDays: 2 }, 'reason'],
      [{ reason: '  ', extraWorkingDays: 2 }, 'reason'],
      [{ reason: '需协调产权单位' }, 'newDueAt'],
      [{ reason: '需协调产权单位', extraWorkingDays: 2, extraWorkingHours: 3 }, 'newDueAt'],
      [{ reason: '需协调产权单位', extraWorkingDays: 31 }, 'extraWorkingDays'],
      [{ reason: '需协调产权单位', extraWorkingDays: 1.5 }, 'extraWorkingDays'],
      [{ reason: '需协调产权单位', extraWorkingHours: '三' }, 'extraWorkingHours'],
      [{ reason: '需协调产权单位', newDueAt: '2026-11-07' }, 'newDueAt'], // a Saturday
      [{ reason: '需协调产权单位', newDueAt: '2026-11-02' }, 'newDueAt'], // before the deadline in force
      [{ reason: '需协调产权单位', newDueAt: '下周' }, 'newDueAt'],
    ];
    for (const [body, field] of cases) {
      const res = await act(t, handler.token, id, { action: 'request_extension', ...body });
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const after = await detail();
    expect([after.version, after.dueAt, after.timeline.length, after.extension]).toEqual([before.version, before.dueAt, before.timeline.length, undefined]);
  });

  it('403 for roles that may not, 404 outside the scope, 409 when not 处置中', async () => {
    expect((await act(t, dispatcher.token, id, { action: 'request_extension', reason: 'x', extraWorkingDays: 1 })).status).toBe(403);
    expect((await act(t, viewer.token, id, { action: 'request_extension', reason: 'x', extraWorkingDays: 1 })).status).toBe(403);
    expect((await act(t, otherHandler.token, id, { action: 'request_extension', reason: 'x', extraWorkingDays: 1 })).status).toBe(404);
    expect((await act(t, otherDispatcher.token, id, { action: 'approve_extension' })).status).toBe(404);
    const notDispatched = await act(t, dispatcher.token, accepted, { action: 'approve_extension' });
    expect([notDispatched.status, notDispatched.body.error.code]).toEqual([409, 'invalid_transition']);
  });

  it('applies: pending, timeline 申请延期, dueAt unchanged; a second application is refused while one is pending', async () => {
    const before = await detail();
    clock = new Date('2026-11-03T03:00:00Z');
    const res = await act(t, handler.token, id, { action: 'request_extension', reason: '需协调产权单位', extraWorkingDays: 2, version: before.version });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('dispatched');
    expect(res.body.dueAt).toBe(before.dueAt);
    const asked = addWorkingHours(new Date(before.dueAt), 2 * WORKING_HOURS_PER_DAY).toISOString();
    expect(res.body.extension).toMatchObject({ state: 'pending', reason: '需协调产权单位', fromDueAt: before.dueAt, dueAt: asked, extraWorkingHours: 14, departmentName: dept.name });
    expect(res.body.timeline.at(-1)).toMatchObject({ type: 'extension_requested', label: '申请延期', reason: '需协调产权单位', deadline: asked });
    expect(res.body.extensionActions).toEqual([]);
    const again = await act(t, handler.token, id, { action: 'request_extension', reason: '再次申请', extraWorkingDays: 3 });
    expect([again.status, again.body.error.code]).toEqual([409, 'invalid_transition']);
    expect(again.body.error.message).toContain('待审批');
    expect((await detail()).extensionActions).toEqual(['approve_extension', 'refuse_extension']);
    expect((await act(t, handler.token, id, { action: 'approve_extension' })).status).toBe(403);
  });

  it('the centre refuses with a reason (dueAt unchanged); the department may apply again', async () => {
    const before = await detail();
    const noReason = await act(t, dispatcher.token, id, { action: 'refuse_extension' });
    expect([noReason.status, noReason.body.error.details[0].field]).toEqual([400, 'reason']);
    expect((await detail()).version).toBe(before.version);
    const res = await act(t, dispatcher.token, id, { action: 'refuse_extension', reason: '时限充足，请按期完成' });
    expect(res.status).toBe(200);
    expect(res.body.dueAt).toBe(before.dueAt);
    expect(res.body.extension).toMatchObject({ state: 'refused', refuseReason: '时限充足，请按期完成', decidedByName: dispatcher.displayName });
    expect(res.body.timeline.at(-1)).toMatchObject({ type: 'extension_refused', label: '驳回延期', reason: '时限充足，请按期完成' });
    expect((await act(t, dispatcher.token, id, { action: 'refuse_extension', reason: 'x' })).status).toBe(409);
    expect((await detail(handler.token)).extensionActions).toEqual(['request_extension']);
  });

  it('the centre approves: dueAt moves to the date asked for (18:00 that working day), counted once in 延期数', async () => {
    const before = await detail();
    const ask = await act(t, handler.token, id, { action: 'request_extension', reason: '雨天无法施工', newDueAt: '2026-11-20' });
    expect(ask.status).toBe(200);
    const res = await act(t, dispatcher.token, id, { action: 'approve_extension', note: '同意' });
    expect(res.status).toBe(200);
    const granted = fromShanghai('2026-11-20 18:00').toISOString();
    expect(res.body.dueAt).toBe(granted);
    expect(res.body.extension).toMatchObject({ state: 'approved', fromDueAt: before.dueAt, dueAt: granted });
    expect(res.body.timeline.at(-1)).toMatchObject({ type: 'extension_approved', label: '批准延期', deadline: granted, note: '同意' });
    expect((await act(t, dispatcher.token, id, { action: 'approve_extension' })).status).toBe(409);
    // the queue projection follows the new deadline
    const queue = await get(handler.token, '/api/v1/admin/tickets');
    expect(queue.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ dueAt: granted });
  });

  it('resolved after the old deadline but before the new one counts as 按期; 延期数 1; drill-down lists it', async () => {
    const before = await detail();
    expect(new Date(before.extension.fromDueAt).getTime()).toBeLessThan(fromShanghai('2026-11-16 10:00').getTime());
    clock = fromShanghai('2026-11-16 10:00');
    expect((await act(t, handler.token, id, { action: 'resolve', reply: '已清运' })).status).toBe(200);
    clock = new Date('2026-12-02T02:00:00Z');
    const res = await get(viewer.token, `/api/v1/admin/stats/assessment?from=2026-11-01&to=2026-11-30&unit=department`);
    const d = res.body.items.find((i: { id: string }) => i.id === dept.id);
    expect(d.indicators).toMatchObject({ extendedCount: 1, resolvedCount: 1, resolvedOnTimeCount: 1, resolvedLateCount: 0, extensionRate: 1, onTimeHandleRate: 1 });
    const district = await get(viewer.token, `/api/v1/admin/stats/assessment?from=2026-11-01&to=2026-11-30&unit=district`);
    expect(district.body.items.find((i: { code: string }) => i.code === JUNSHAN_CODE).indicators.extendedCount).toBe(1);
    const drill = await get(viewer.token, `/api/v1/admin/tickets?stat=extendedCount&statUnit=${dept.id}&from=2026-11-01&to=2026-11-30`);
    expect(drill.status).toBe(200);
    expect([drill.body.total, drill.body.items.map((i: { id: string }) => i.id)]).toEqual([1, [id]]);
  });
});

describe('延期 on the ticket’s own clock', () => {
  it('an urgent category (natural hours, 7×24) moves its deadline by natural hours', async () => {
    clock = new Date('2026-12-04T09:00:00Z'); // Friday 17:00 in Shanghai
    const resident = (await makeCitizen(t)).token;
    const urgent = (await fileReport(t, resident, { categoryCode: '01011', description: '燃气井盖缺失' })).body.id as string;
    for (const body of [{ action: 'accept' }, { action: 'dispatch', departmentId: dept.id }]) expect((await act(t, dispatcher.token, urgent, body)).status).toBe(200);
    const before = (await get(dispatcher.token, `/api/v1/admin/tickets/${urgent}`)).body;
    expect(before.slaClock).toBe('natural');
    const res = await act(t, handler.token, urgent, { action: 'request_extension', reason: '等待燃气公司到场', extraWorkingHours: 5 });
    expect(res.status).toBe(200);
    // 5 natural hours: Friday evening, not Monday morning
    expect(res.body.extension).toMatchObject({ dueAt: new Date(new Date(before.dueAt).getTime() + 5 * 3600_000).toISOString(), extraWorkingHours: 5 });
    expect((await act(t, dispatcher.token, urgent, { action: 'approve_extension' })).body.dueAt).toBe(res.body.extension.dueAt);
  });
});
