import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { sweepComplaintDeadlines } from '../../commands/notifications/complaint-sweep.js';
import { fileComplaint, makeOfficer, makeResident } from '../../testing/complaints.js';
import { JUNSHAN_CODE } from '../../testing/tickets.js';

let t: TestServer;
let clock: Date | null = null;
beforeAll(async () => {
  t = await startTestServer({ now: () => clock ?? new Date() });
}, 90_000);
afterAll(async () => {
  await t?.close();
});

const DAY = 24 * 3600_000;
const alertsOf = (staffId: string, complaintId: string) =>
  t.deps.connection.db!.collection('staff_alerts').find({ staffId, complaintId }).toArray();

describe('信访 deadline alerts', () => {
  it('the office hears 3 days before the 受理告知 deadline and again when it is 积案, each once; the bell links the case', async () => {
    const cityOfficer = await makeOfficer(t);
    const elsewhere = await makeOfficer(t, ['complaint_officer'], { districtCodes: [JUNSHAN_CODE] });
    const resident = await makeResident(t);
    const r = await fileComplaint(t, resident.token);
    expect(r.status).toBe(201);
    const id = r.body.id as string;
    const open = await t.deps.connection.db!.collection('complaint_open').findOne({ _id: new Types.ObjectId(id) });
    const dueAt = open!.dueAt as Date;
    expect(open!.status).toBe('registered');
    try {
      clock = new Date(dueAt.getTime() - 5 * DAY);
      expect(await sweepComplaintDeadlines(t.deps)).toMatchObject({ complaint_due_soon: 0, complaint_overdue: 0 });

      clock = new Date(dueAt.getTime() - 2 * DAY);
      await Promise.all([sweepComplaintDeadlines(t.deps), sweepComplaintDeadlines(t.deps)]);
      await sweepComplaintDeadlines(t.deps);
      const soon = await alertsOf(cityOfficer.id, id);
      expect(soon.map((a) => a.kind)).toEqual(['complaint_due_soon']);
      expect(soon[0]!.text).toMatch(/^信访件 .+ 的受理告知期限 \d\d-\d\d 到期$/);

      clock = new Date(dueAt.getTime() + 3600_000);
      await Promise.all([sweepComplaintDeadlines(t.deps), sweepComplaintDeadlines(t.deps)]);
      expect((await alertsOf(cityOfficer.id, id)).map((a) => a.kind).sort()).toEqual(['complaint_due_soon', 'complaint_overdue']);
      expect(await alertsOf(elsewhere.id, id)).toHaveLength(0);
      // the bell, read on that day
      const bell = await t.request('GET', '/api/v1/admin/notifications?pageSize=5', { token: cityOfficer.token });
      const item = bell.body.items.find((i: { kind: string }) => i.kind === 'complaint_overdue');
      expect(item).toMatchObject({ complaintId: id, caseNo: expect.any(String), ticketId: null });
      expect(item.text).toContain('列入积案');
    } finally {
      clock = null;
    }
  });
});
