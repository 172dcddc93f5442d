import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAISED_LIMITS, startTestServer, type TestServer } from '../../testing/harness.js';
import { versionClaimId } from '../../db/versioned-write.js';
import { act, fileReport, JUNSHAN, JUNSHAN_CODE, makeCitizen, makeStaff, YUEYANGLOU_CODE, type StaffFixture } from '../../testing/tickets.js';

/**
 * FerretDB v1 (SQLite) does not isolate a conditional update: two concurrent findOneAndUpdate calls on
 * the same {_id, version} both report success. These races must still produce exactly one winner.
 */

let t: TestServer;
let d1: StaffFixture;
let d2: StaffFixture;
let resident: { id: string; token: string };

beforeAll(async () => {
  // one resident files every report of these races: not a test of the abuse limits
  t = await startTestServer({ env: { ...RAISED_LIMITS } });
  d1 = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  d2 = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  resident = await makeCitizen(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('concurrent transitions on one ticket', () => {
  it('accept vs reject vs accept, ten times over: exactly one wins each race and the timeline agrees', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await fileReport(t, resident.token, { location: { lat: JUNSHAN.lat + i * 0.001, lng: JUNSHAN.lng } });
      const id = r.body.id as string;
      const results = await Promise.all([
        act(t, d1.token, id, { action: 'accept' }),
        act(t, d2.token, id, { action: 'reject', reason: '不予立案' }),
        act(t, d1.token, id, { action: 'accept', note: 'second' }),
      ]);
      const wins = results.filter((x) => x.status === 200);
      expect(wins, JSON.stringify(results.map((x) => [x.status, x.body?.error?.code]))).toHaveLength(1);
      for (const lost of results.filter((x) => x.status !== 200)) {
        expect(lost.status).toBe(409);
        expect(['conflict', 'invalid_transition']).toContain(lost.body.error.code);
      }
      const stored = await t.deps.models.Ticket.findById(id).lean();
      expect(stored!.version).toBe(1);
      expect(stored!.timeline).toHaveLength(2);
      expect(stored!.status).toBe(wins[0]!.body.status);
      // one write entry (the winner's answer shows the full phone: its read is an entry of its own)
      expect(await t.deps.models.AuditLog.countDocuments({ targetId: id, action: { $not: /^personal_data\./ } })).toBe(1);
    }
  });

  it('accept vs transfer (transfer is legal after accept too): every 200 is one version step, nothing lost', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await fileReport(t, resident.token, { location: { lat: JUNSHAN.lat + 0.03 + i * 0.001, lng: JUNSHAN.lng } });
      const id = r.body.id as string;
      const results = await Promise.all([
        act(t, d1.token, id, { action: 'accept' }),
        act(t, d2.token, id, { action: 'transfer', districtCode: YUEYANGLOU_CODE, reason: '移交' }),
      ]);
      const wins = results.filter((x) => x.status === 200).length;
      expect(wins).toBeGreaterThanOrEqual(1);
      const stored = await t.deps.models.Ticket.findById(id).lean();
      expect(stored!.version).toBe(wins);
      expect(stored!.timeline).toHaveLength(1 + wins);
      expect(stored!.status).toBe('accepted');
      const row = await t.deps.models.TicketQueue.findById(id).lean();
      expect(row!.version).toBe(wins); // the list projection caught up
      expect(row!.districtCode).toBe(stored!.routing.districtCode);
    }
  });

  it('concurrent ratings: exactly one is stored', async () => {
    const r = await fileReport(t, resident.token, { location: { lat: JUNSHAN.lat - 0.01, lng: JUNSHAN.lng } });
    const id = r.body.id as string;
    await t.deps.models.Ticket.updateOne({ _id: id }, { $set: { status: 'resolved', assignedDepartmentId: 'x' } }); // test setup, no race
    const rs = await Promise.all(
      (['satisfied', 'dissatisfied', 'basically_satisfied'] as const).map((s) =>
        t.request('POST', `/api/v1/reports/${id}/rating`, { token: resident.token, body: { satisfaction: s } }),
      ),
    );
    expect(rs.filter((x) => x.status === 200)).toHaveLength(1);
    const stored = await t.deps.models.Ticket.findById(id).lean();
    expect(stored!.timeline.filter((e) => e.type === 'rated')).toHaveLength(1);
  });

  it('a claim left by a crashed writer blocks only until its lease expires', async () => {
    const r = await fileReport(t, resident.token, { location: { lat: JUNSHAN.lat - 0.02, lng: JUNSHAN.lng } });
    const id = r.body.id as string;
    await t.deps.models.Claim.create({ _id: versionClaimId('ticket', id, 0), at: new Date() });
    const blocked = await act(t, d1.token, id, { action: 'accept' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('conflict');
    await t.deps.models.Claim.updateOne({ _id: versionClaimId('ticket', id, 0) }, { $set: { at: new Date(Date.now() - 60_000) } });
    const ok = await act(t, d1.token, id, { action: 'accept' });
    expect(ok.status).toBe(200);
  });

  it('concurrent reports from many residents get distinct tracking numbers', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, () => makeCitizen(t)));
    const rs = await Promise.all(people.map((p, i) => fileReport(t, p.token, { location: { lat: JUNSHAN.lat + 0.02 + i * 0.001, lng: JUNSHAN.lng } })));
    expect(rs.map((x) => x.status)).toEqual(Array(8).fill(201));
    expect(new Set(rs.map((x) => x.body.trackingNo)).size).toBe(8);
  });
});
