import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../http/auth.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { CONCLUDE, fileComplaint, makeResident } from '../../testing/complaints.js';
import { fileReport } from '../../testing/tickets.js';
import { applyComplaintAction } from './actions.js';
import { citizenComplaintActor, findComplaint, staffComplaintActor } from './common.js';
import { linkTicket } from './link-ticket.js';
import { rateComplaint } from './rate-complaint.js';
import { unlinkTicket } from './unlink-ticket.js';

/** The 信访 commands write their own audit entries (as the ticket commands do), one per change. */

let t: TestServer;
const IP = '198.51.100.4';
const officer = { kind: 'staff', userId: 'a'.repeat(24), username: 'xf', displayName: '信访专员甲', roles: ['complaint_officer'], districtCodes: [], departmentIds: [] } as StaffPrincipal;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t?.close());

const load = async (id: string) => (await findComplaint(t.deps, id)) as ComplaintRecord;
const actions = async (id: string) => (await t.deps.models.AuditLog.find({ targetType: 'complaint', targetId: id }).sort({ at: 1 }).lean()).map((e) => e.action);

describe('complaint commands audit', () => {
  it('actions, rating and ticket links each leave one entry by their actor; a refused action none', async () => {
    const resident = await makeResident(t);
    const filed = await fileComplaint(t, resident.token);
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;

    const accepted = await applyComplaintAction(t.deps, await load(id), 'accept', {}, staffComplaintActor(officer), IP);
    expect(accepted.status).toBe('accepted');
    const entry = await t.deps.models.AuditLog.findOne({ targetId: id, action: 'complaint.accept' }).lean();
    expect(entry).toMatchObject({ actorKind: 'staff', actorId: officer.userId, actorName: '信访专员甲', ip: IP, details: { caseNo: accepted.caseNo, from: 'registered', to: 'accepted' } });

    // accepting twice is an invalid transition: nothing written, nothing audited
    await expect(applyComplaintAction(t.deps, accepted, 'accept', {}, staffComplaintActor(officer), IP)).rejects.toMatchObject({ code: 'invalid_transition' });

    const dept = await t.deps.models.Department.findOne({ active: true }).lean();
    await applyComplaintAction(t.deps, await load(id), 'assign', { departmentId: String(dept!._id) }, staffComplaintActor(officer), IP);
    const concluded = await applyComplaintAction(t.deps, await load(id), 'conclude', { ...CONCLUDE, decision: 'support' }, staffComplaintActor(officer), IP);
    await rateComplaint(t.deps, concluded, { satisfaction: 'satisfied' }, citizenComplaintActor(resident.id), IP);
    const rated = await t.deps.models.AuditLog.findOne({ targetId: id, action: 'complaint.rate' }).lean();
    expect(rated).toMatchObject({ actorKind: 'citizen', actorId: resident.id, details: { satisfaction: 'satisfied' } });

    const report = await fileReport(t, resident.token);
    expect(report.status).toBe(201);
    const linked = await linkTicket(t.deps, await load(id), report.body.trackingNo, staffComplaintActor(officer), IP);
    // linking the same ticket again changes nothing and is not audited again
    await linkTicket(t.deps, linked, report.body.trackingNo, staffComplaintActor(officer), IP);
    await unlinkTicket(t.deps, await load(id), report.body.id, staffComplaintActor(officer), IP);

    expect(await actions(id)).toEqual(['complaint.register', 'complaint.accept', 'complaint.assign', 'complaint.conclude', 'complaint.rate', 'complaint.link_ticket', 'complaint.unlink_ticket']);
  });
});
