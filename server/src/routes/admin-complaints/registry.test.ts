import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromShanghai } from '@cgt/shared/calendar/working-time';
import { RAISED_LIMITS, startTestServer, type TestServer } from '../../testing/harness.js';
import { versionClaimId } from '../../db/versioned-write.js';
import { clearComplaints, CONCLUDE, complaintBody, countStored, fileComplaint, ID_A, ID_B, makeOfficer, makeResident, staffAct } from '../../testing/complaints.js';

/** 重复信访 links, the 积案 list with deadline flags, and concurrent writers (one wins). */

let t: TestServer;
let clock = fromShanghai('2026-03-02 10:00');
type Officer = Awaited<ReturnType<typeof makeOfficer>>;
let o1: Officer;
let o2: Officer;

beforeAll(async () => {
  // one resident files five cases in a race below: not a test of the abuse limits
  t = await startTestServer({ now: () => clock, env: { ...RAISED_LIMITS } });
  o1 = await makeOfficer(t);
  o2 = await makeOfficer(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);
const BBQ_AGAIN = { request: '依法取缔门口烧烤摊', content: '我之前反映过小区门口烧烤摊夜间噪音油烟扰民，至今仍未解决' };
const MANHOLE = { request: '尽快修复井盖', content: '人行道上的井盖破损，老人差点摔倒' };

describe('重复信访 (repeat petitions)', () => {
  it('links a similar matter of the same account or the same ID number, and nothing else', async () => {
    const wang = await makeResident(t);
    const li = await makeResident(t);
    const first = await fileComplaint(t, wang.token);
    expect(first.status).toBe(201);
    const again = await fileComplaint(t, wang.token, BBQ_AGAIN);
    // the office registers a call from the same person (same ID number, no account)
    const call = await t.request('POST', '/api/v1/admin/complaints', { token: o1.token, body: { ...complaintBody(BBQ_AGAIN), channel: 'phone' } });
    expect(call.status).toBe(201);
    expect(call.body.repeatOf.map((r: { id: string }) => r.id)).toEqual([first.body.id, again.body.id]);
    // same person, different matter; different person, same matter
    const manhole = await fileComplaint(t, wang.token, MANHOLE);
    const neighbour = await fileComplaint(t, li.token, { petitioner: { ...complaintBody().petitioner, name: '李梅', idNumber: ID_B } });

    const detail = async (id: string) => (await t.request('GET', `/api/v1/admin/complaints/${id}`, { token: o1.token })).body;
    expect((await detail(again.body.id)).repeatOf.map((r: { caseNo: string }) => r.caseNo)).toEqual([first.body.caseNo]);
    expect((await detail(manhole.body.id)).repeatOf).toEqual([]);
    expect((await detail(neighbour.body.id)).repeatOf).toEqual([]);
    const d1 = await detail(first.body.id);
    expect(d1.repeatOf).toEqual([]);
    expect(d1.repeatedBy.map((r: { id: string }) => r.id)).toEqual([again.body.id, call.body.id]);

    const repeats = await t.request('GET', '/api/v1/admin/complaints?repeat=true&pageSize=100', { token: o1.token });
    expect(ids(repeats).sort()).toEqual([again.body.id, call.body.id].sort());
    expect(repeats.body.items.find((i: { id: string }) => i.id === again.body.id)).toMatchObject({ isRepeat: true, repeatOfCaseNos: [first.body.caseNo] });

    // a repeat of a case that reached 终结 is flagged for the officer (same matter is not accepted again)
    await t.deps.models.Complaint.updateOne({ _id: first.body.id }, { $set: { status: 'final' } }); // test setup, no race
    expect((await detail(again.body.id)).repeatsFinalCase).toBe(true);
    expect((await detail(manhole.body.id)).repeatsFinalCase).toBe(false);
    // the resident's own view says nothing about the link
    const mine = await t.request('GET', `/api/v1/complaints/${again.body.id}`, { token: wang.token });
    expect(mine.body.repeatOf).toBeUndefined();
    await clearComplaints(t);
  });
});

describe('积案 (backlog) and deadline flags', () => {
  it('open cases past their office deadline, most overdue first; due-soon flags', async () => {
    const r = await makeResident(t);
    clock = fromShanghai('2026-03-02 10:00');
    const a = (await fileComplaint(t, r.token, MANHOLE)).body.id as string; // acceptBy 03-17
    const b = (await fileComplaint(t, r.token, { request: '拆除违章建筑', content: '邻居楼顶违建' })).body.id as string;
    expect((await staffAct(t, o1.token, b, { action: 'accept' })).status).toBe(200); // concludeBy 05-01
    clock = fromShanghai('2026-03-12 10:00');
    const c = (await fileComplaint(t, r.token, { request: '路灯不亮', content: '某路段路灯不亮' })).body.id as string; // acceptBy 03-27

    clock = fromShanghai('2026-03-15 09:00');
    let backlog = await t.request('GET', '/api/v1/admin/complaints/backlog', { token: o1.token });
    expect(backlog.status).toBe(200);
    expect(backlog.body.total).toBe(0);
    const soon = await t.request('GET', '/api/v1/admin/complaints?dueSoon=true', { token: o1.token });
    expect(ids(soon)).toEqual([a]);
    expect(soon.body.items[0].due).toMatchObject({ kind: 'accept', daysLeft: 2, overdue: false, dueSoon: true });

    clock = fromShanghai('2026-03-18 00:00');
    backlog = await t.request('GET', '/api/v1/admin/complaints/backlog', { token: o1.token });
    expect(ids(backlog)).toEqual([a]);
    expect(backlog.body.items[0].due).toMatchObject({ kind: 'accept', daysLeft: -1, overdue: true, dueSoon: false });
    expect(ids(await t.request('GET', '/api/v1/admin/complaints?overdue=true', { token: o1.token }))).toEqual([a]);
    expect(ids(await t.request('GET', '/api/v1/admin/complaints?overdue=false&sort=registeredAt', { token: o1.token }))).toEqual([b, c]);

    clock = fromShanghai('2026-05-02 09:00');
    backlog = await t.request('GET', '/api/v1/admin/complaints/backlog', { token: o1.token });
    expect(ids(backlog)).toEqual([a, c, b]); // by due date: 03-17, 03-27, 05-01
    expect(backlog.body.items.map((i: { due: { daysLeft: number } }) => i.due.daysLeft)).toEqual([-46, -36, -1]);
    // deciding a case takes it off the list
    expect((await staffAct(t, o1.token, a, { action: 'not_accept', reason: '非本机关职责', redirectTo: '请向街道办事处反映' })).status).toBe(200);
    expect(ids(await t.request('GET', '/api/v1/admin/complaints/backlog', { token: o1.token }))).toEqual([c, b]);
    // the resident's list carries the same flags
    const mine = await t.request('GET', '/api/v1/complaints/mine', { token: r.token });
    expect(mine.body.items.find((i: { id: string }) => i.id === b).due).toMatchObject({ kind: 'conclude', overdue: true });
    clock = fromShanghai('2026-03-02 10:00');
    await clearComplaints(t);
  });
});

describe('concurrent writers (FerretDB conditional updates are not atomic: the CAS claim decides)', () => {
  it('accept vs not_accept vs transfer, five times over: exactly one wins and the document agrees', async () => {
    const r = await makeResident(t);
    for (let i = 0; i < 5; i++) {
      const id = (await fileComplaint(t, r.token, { request: `诉求${i}`, content: `内容${i}` })).body.id as string;
      const results = await Promise.all([
        staffAct(t, o1.token, id, { action: 'accept' }),
        staffAct(t, o2.token, id, { action: 'not_accept', reason: '不属于受理范围', redirectTo: '法院' }),
        staffAct(t, o1.token, id, { action: 'transfer', transferTo: '住建局' }),
      ]);
      const wins = results.filter((x) => x.status === 200);
      expect(wins, JSON.stringify(results.map((x) => [x.status, x.body?.error?.code]))).toHaveLength(1);
      for (const lost of results.filter((x) => x.status !== 200)) {
        expect(lost.status).toBe(409);
        expect(['conflict', 'invalid_transition']).toContain(lost.body.error.code);
      }
      const stored = await t.deps.models.Complaint.findById(id).lean();
      expect(stored!.version).toBe(1);
      expect(stored!.timeline).toHaveLength(2);
      expect(stored!.status).toBe(wins[0]!.body.status);
      expect(await t.deps.models.AuditLog.countDocuments({ targetId: id })).toBe(2); // register + the winner
    }
  });

  it('two concurrent extensions: one is stored', async () => {
    const r = await makeResident(t);
    const id = (await fileComplaint(t, r.token)).body.id as string;
    await staffAct(t, o1.token, id, { action: 'accept' });
    const rs = await Promise.all([
      staffAct(t, o1.token, id, { action: 'extend', days: 10, reason: '甲' }),
      staffAct(t, o2.token, id, { action: 'extend', days: 30, reason: '乙' }),
    ]);
    expect(rs.map((x) => x.status).sort()).toEqual([200, 409]);
    const stored = await t.deps.models.Complaint.findById(id).lean();
    expect(stored!.extension!.days).toBe(rs.find((x) => x.status === 200)!.body.extension.days);
    expect(stored!.timeline.filter((e) => e.type === 'extend')).toHaveLength(1);
  });

  it('concurrent ratings: exactly one stored', async () => {
    const r = await makeResident(t);
    const id = (await fileComplaint(t, r.token)).body.id as string;
    for (const body of [{ action: 'accept' }, { action: 'assign', departmentId: String((await t.deps.models.Department.findOne().lean())!._id) }, { action: 'conclude', ...CONCLUDE }]) {
      expect((await staffAct(t, o1.token, id, body)).status).toBe(200);
    }
    const rs = await Promise.all(
      (['satisfied', 'dissatisfied', 'basically_satisfied'] as const).map((s) =>
        t.request('POST', `/api/v1/complaints/${id}/rating`, { token: r.token, body: { satisfaction: s } }),
      ),
    );
    expect(rs.filter((x) => x.status === 200)).toHaveLength(1);
    expect((await t.deps.models.Complaint.findById(id).lean())!.ratings).toHaveLength(1);
  });

  it('the same Idempotency-Key sent twice at once: one case; many residents at once: distinct case numbers', async () => {
    const r = await makeResident(t);
    const key = randomUUID();
    const same = await Promise.all([fileComplaint(t, r.token, {}, key), fileComplaint(t, r.token, {}, key)]);
    expect(same.map((x) => x.status).sort()).toEqual([200, 201]);
    expect(same[0]!.body.id).toBe(same[1]!.body.id);
    expect(await countStored(t, { citizenId: r.id })).toBe(1);

    const people = await Promise.all(Array.from({ length: 6 }, () => makeResident(t)));
    const rs = await Promise.all(people.map((p) => fileComplaint(t, p.token)));
    expect(rs.map((x) => x.status)).toEqual(Array(6).fill(201));
    expect(new Set(rs.map((x) => x.body.caseNo)).size).toBe(6);
  });

  it('a claim left by a crashed writer blocks only until its lease expires', async () => {
    const r = await makeResident(t);
    const id = (await fileComplaint(t, r.token)).body.id as string;
    await t.deps.models.Claim.create({ _id: versionClaimId('complaint', id, 0), at: new Date(), by: 'crashed' });
    const blocked = await staffAct(t, o1.token, id, { action: 'accept' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('conflict');
    await t.deps.models.Claim.updateOne({ _id: versionClaimId('complaint', id, 0) }, { $set: { at: new Date(Date.now() - 60_000) } });
    const ok = await staffAct(t, o1.token, id, { action: 'accept' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(1);
  });
});
