import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromShanghai } from '@cgt/shared/calendar/working-time';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { CONCLUDE, complaintBody, countStored, fileComplaint, ID_A, makeOfficer, makeResident, makeUpload, staffAct } from '../../testing/complaints.js';

/**
 * The whole statutory path through HTTP with a moved clock:
 * register → accept → assign → extend → conclude → request_review → conclude_review → request_recheck → conclude_recheck.
 */

let t: TestServer;
let clock = fromShanghai('2026-03-02 10:00');
let officer: Awaited<ReturnType<typeof makeOfficer>>;
let resident: { id: string; token: string };
let dept: { id: string; name: string };

const sh = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19) : null);

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
  officer = await makeOfficer(t, ['complaint_officer'], { name: '信访专员赵六' });
  resident = await makeResident(t);
  const d = await t.deps.models.Department.findOne({ active: true }).lean();
  dept = { id: String(d!._id), name: d!.name };
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('the full 信访 path', () => {
  it('register → … → final, with every deadline, the reply, ratings, timeline, audit and masking', async () => {
    const photo = await makeUpload(t, { kind: 'citizen', id: resident.id });
    const key = randomUUID();
    const created = await fileComplaint(t, resident.token, { photoIds: [photo] }, key);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'registered', statusLabel: '已登记', due: { kind: 'accept', daysLeft: 15, overdue: false, dueSoon: false } });
    expect(created.body.caseNo).toMatch(/^YYXF2026-\d{6}$/);
    expect(sh(created.body.deadlines.acceptBy)).toBe('2026-03-17 23:59:59');
    expect(created.body.deadlines.concludeBy).toBeNull();
    const id = created.body.id as string;

    // same key + same body → same answer (200); same key + other body → 422; no key → 400
    const again = await fileComplaint(t, resident.token, { photoIds: [photo] }, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);
    const reused = await fileComplaint(t, resident.token, { photoIds: [photo], request: '别的诉求' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const noKey = await t.request('POST', '/api/v1/complaints', { token: resident.token, body: complaintBody() });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe('idempotency_key_required');
    expect(await countStored(t)).toBe(1);

    // the ID number is stored encrypted: the clear number is nowhere in the document or the audit log
    const raw = await t.deps.models.Complaint.findById(id).lean();
    expect(JSON.stringify(raw)).not.toContain(ID_A);
    expect(raw!.petitioner.idNumberMasked).toBe('430***********1237');
    expect(raw!.petitioner.idNumberEnc).toMatch(/^v1\./);

    clock = fromShanghai('2026-03-05 09:00');
    const accepted = await staffAct(t, officer.token, id, { action: 'accept', note: '内部备注：材料齐全' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(sh(accepted.body.deadlines.concludeBy)).toBe('2026-05-04 23:59:59'); // Mar 5 + 60
    expect(accepted.body.due).toMatchObject({ kind: 'conclude', daysLeft: 60 });
    expect(accepted.body.allowedActions).toEqual(['assign', 'extend']);
    expect(accepted.body.petitioner).toMatchObject({ idNumberMasked: '430***********1237' });
    expect(accepted.body.petitioner.idNumber).toBeUndefined();

    const assigned = await staffAct(t, officer.token, id, { action: 'assign', departmentId: dept.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'handling', department: dept });

    clock = fromShanghai('2026-04-20 09:00');
    const extended = await staffAct(t, officer.token, id, { action: 'extend', days: 30, reason: '涉及多个部门，情况复杂' });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(sh(extended.body.deadlines.concludeBy)).toBe('2026-06-03 23:59:59'); // Mar 5 + 90
    expect(extended.body.extension).toMatchObject({ days: 30, reason: '涉及多个部门，情况复杂' });
    expect(extended.body.allowedActions).toEqual(['assign', 'conclude']);
    const second = await staffAct(t, officer.token, id, { action: 'extend', days: 5, reason: '再延' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_extended');

    clock = fromShanghai('2026-05-20 15:00');
    const missing = await staffAct(t, officer.token, id, { action: 'conclude', reply: '答复' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(['decision', 'basis']);
    const concluded = await staffAct(t, officer.token, id, { action: 'conclude', ...CONCLUDE });
    expect(concluded.status).toBe(200);
    expect(concluded.body.status).toBe('concluded');
    expect(concluded.body.due).toBeNull();
    expect(concluded.body.window).toMatchObject({ kind: 'review_request', daysLeft: 30 });
    expect(sh(concluded.body.deadlines.reviewRequestBy)).toBe('2026-06-19 23:59:59');

    // the resident sees the reply, without staff names or internal notes, ID masked
    const mine = await t.request('GET', `/api/v1/complaints/${id}`, { token: resident.token });
    expect(mine.status).toBe(200);
    expect(mine.body.replies).toEqual([expect.objectContaining({ stage: 'conclusion', decision: 'support', decisionLabel: '支持', text: CONCLUDE.reply, basis: CONCLUDE.basis })]);
    expect(mine.body.attachments.map((a: { id: string }) => a.id)).toEqual([photo]);
    expect(mine.body).toMatchObject({ canRate: true, canRequestReview: true, canRequestRecheck: false, petitioner: { idNumberMasked: '430***********1237' } });
    const text = JSON.stringify(mine.body);
    expect(text).not.toContain('信访专员赵六');
    expect(text).not.toContain('内部备注');
    expect(text).not.toContain(ID_A);
    expect(mine.body.extension).toMatchObject({ days: 30, reason: '涉及多个部门，情况复杂' });

    const rated = await t.request('POST', `/api/v1/complaints/${id}/rating`, { token: resident.token, body: { satisfaction: 'dissatisfied', comment: '不认可' } });
    expect(rated.status).toBe(200);
    expect(rated.body.ratings).toEqual([expect.objectContaining({ stage: 'conclusion', satisfaction: 'dissatisfied' })]);
    expect(rated.body.canRate).toBe(false);
    const twice = await t.request('POST', `/api/v1/complaints/${id}/rating`, { token: resident.token, body: { satisfaction: 'satisfied' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_rated');

    // 复查 requested online by the petitioner on day 30 (the last day of the window)
    clock = fromShanghai('2026-06-19 22:00');
    const review = await t.request('POST', `/api/v1/complaints/${id}/actions`, { token: resident.token, body: { action: 'request_review', reason: '处理结果未落实' } });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect(review.body.status).toBe('review_requested');
    expect(sh(review.body.deadlines.reviewBy)).toBe('2026-07-19 23:59:59');

    clock = fromShanghai('2026-07-10 10:00');
    const reviewed = await staffAct(t, officer.token, id, { action: 'conclude_review', reply: '复查维持原处理意见', decision: 'not_support', basis: '《信访工作条例》第三十五条' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.status).toBe('review_concluded');
    expect(sh(reviewed.body.deadlines.recheckRequestBy)).toBe('2026-08-09 23:59:59');

    // 复核 registered by the office from a letter
    clock = fromShanghai('2026-08-01 10:00');
    const recheck = await staffAct(t, officer.token, id, { action: 'request_recheck', reason: '来信申请复核' });
    expect(recheck.status).toBe(200);
    expect(sh(recheck.body.deadlines.recheckBy)).toBe('2026-08-31 23:59:59');
    const final = await staffAct(t, officer.token, id, { action: 'conclude_recheck', reply: '复核维持', decision: 'not_support', basis: '《信访工作条例》第三十六条' });
    expect(final.status).toBe(200);
    expect(final.body).toMatchObject({ status: 'final', statusLabel: '已终结', due: null, window: null, allowedActions: [] });
    expect(final.body.replies.map((r: { stage: string }) => r.stage)).toEqual(['conclusion', 'review', 'recheck']);

    // nothing after 终结
    for (const action of ['accept', 'request_review', 'request_recheck', 'conclude_recheck', 'extend']) {
      const r = await staffAct(t, officer.token, id, { action, reason: 'x', days: 1, ...CONCLUDE });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('invalid_transition');
    }

    // the case file: every action, with actor, time and note
    const file = await t.request('GET', `/api/v1/admin/complaints/${final.body.caseNo}`, { token: officer.token });
    expect(file.status).toBe(200);
    expect(file.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'registered', 'accept', 'assign', 'extend', 'conclude', 'rated', 'request_review', 'conclude_review', 'request_recheck', 'conclude_recheck',
    ]);
    expect(file.body.timeline[1]).toMatchObject({ actor: { kind: 'staff', name: '信访专员赵六' }, note: '内部备注：材料齐全', at: fromShanghai('2026-03-05 09:00').toISOString() });
    expect(file.body.timeline[6]).toMatchObject({ actor: { kind: 'citizen' }, reason: '处理结果未落实' });

    // every action audited, without the ID number
    const audits = await t.deps.models.AuditLog.find({ targetId: id, action: { $not: /^personal_data\./ } }).sort({ at: 1, _id: 1 }).lean(); // _id: two actions share a clock reading
    expect(audits.map((a) => a.action)).toEqual([
      'complaint.register', 'complaint.accept', 'complaint.assign', 'complaint.extend', 'complaint.conclude', 'complaint.rate',
      'complaint.request_review', 'complaint.conclude_review', 'complaint.request_recheck', 'complaint.conclude_recheck',
    ]);
    expect(JSON.stringify(audits)).not.toContain(ID_A);

    const list = await t.request('GET', '/api/v1/complaints/mine', { token: resident.token });
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id, status: 'final', hasReply: true });
  });
});
