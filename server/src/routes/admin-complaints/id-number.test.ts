import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { complaintBody, fileComplaint, ID_A, ID_B, makeOfficer, makeResident } from '../../testing/complaints.js';
import { makeStaff } from '../../testing/tickets.js';

/**
 * The petitioner's ID number in the office console: masked in every view, the full number one audited
 * read (查看完整); the same number under another name flagged at registration; phones kept as typed.
 */

let t: TestServer;
type Officer = Awaited<ReturnType<typeof makeOfficer>>;
let officer: Officer;

beforeAll(async () => {
  t = await startTestServer();
  officer = await makeOfficer(t, ['complaint_officer'], { name: '信访专员丙' });
}, 60_000);
afterAll(async () => t?.close());

const register = (body: Record<string, unknown>, token = officer.token) =>
  t.request('POST', '/api/v1/admin/complaints', { token, body: { ...complaintBody(body), channel: 'visit' }, headers: { 'idempotency-key': randomUUID() } });
const reveal = (id: string, token?: string) => t.request('POST', `/api/v1/admin/complaints/${id}/reveal-id`, token ? { token } : {});
const reveals = (id: string) => t.deps.models.AuditLog.find({ action: 'personal_data.complaint_id_number', targetId: id }).lean();

describe('查看完整 (reveal the ID number)', () => {
  it('the case file shows the number masked; a reveal returns it and writes one audit entry without it', async () => {
    const reg = await register({});
    expect(reg.status).toBe(201);
    const id = reg.body.id as string;
    const file = await t.request('GET', `/api/v1/admin/complaints/${id}`, { token: officer.token });
    expect(file.status).toBe(200);
    expect(file.body.petitioner.idNumberMasked).toBe('430***********1237');
    expect(JSON.stringify(file.body)).not.toContain(ID_A);
    expect(await reveals(id)).toHaveLength(0);

    const r = await reveal(id, officer.token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ idNumber: ID_A });
    const log = await reveals(id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorKind: 'staff', actorId: officer.id, actorName: '信访专员丙', targetType: 'complaint' });
    expect(log[0]!.details).toMatchObject({ route: 'POST /api/v1/admin/complaints/:id/reveal-id', fields: 'idNumber', caseNo: reg.body.caseNo });
    expect(JSON.stringify(log)).not.toContain(ID_A);

    await reveal(id, officer.token);
    expect(await reveals(id)).toHaveLength(2); // every look is its own entry
  });

  it('only complaint officers and admins; an officer of another district sees no district case; nothing audited on refusal', async () => {
    const reg = await register({ districtCode: '430602' });
    const id = reg.body.id as string;
    expect((await reveal(id)).status).toBe(401);
    for (const role of ['dispatcher', 'handler', 'viewer'] as const) {
      const other = await makeStaff(t, [role]);
      const res = await reveal(id, other.token);
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const elsewhere = await makeOfficer(t, ['complaint_officer'], { districtCodes: ['430611'] });
    expect((await reveal(id, elsewhere.token)).status).toBe(404);
    expect((await reveal('f'.repeat(24), officer.token)).status).toBe(404);
    expect(await reveals(id)).toHaveLength(0);
    const admin = await makeStaff(t, ['admin']);
    expect((await reveal(id, admin.token)).body.idNumber).toBe(ID_A);
  });
});

describe('同号异名 (the same ID number under another name)', () => {
  it('is flagged on the new case (registration answer and case file), never on the same name', async () => {
    const first = await register({ petitioner: { ...complaintBody().petitioner, name: '李梅', idNumber: ID_B } });
    expect(first.status).toBe(201);
    expect(first.body.nameConflicts).toEqual([]);
    const sameName = await register({ request: '修复井盖', content: '人行道井盖破损', petitioner: { ...complaintBody().petitioner, name: '李 梅', idNumber: ID_B } });
    expect(sameName.body.nameConflicts).toEqual([]);

    const other = await register({ request: '清理垃圾', content: '楼下垃圾堆放多日无人清理', petitioner: { ...complaintBody().petitioner, name: '李美', idNumber: ID_B } });
    expect(other.status).toBe(201);
    expect(other.body.nameConflicts).toEqual([{ id: sameName.body.id, caseNo: sameName.body.caseNo, name: '李 梅' }]);
    const file = await t.request('GET', `/api/v1/admin/complaints/${other.body.id}`, { token: officer.token });
    expect(file.body.nameConflicts).toEqual(other.body.nameConflicts);
    const audit = await t.deps.models.AuditLog.findOne({ action: 'complaint.register', targetId: other.body.id }).lean();
    expect(audit!.details).toMatchObject({ nameConflicts: 1 });
    expect(JSON.stringify(audit)).not.toContain('李梅');
  });

  it('a resident filing online under another name is flagged too', async () => {
    const resident = await makeResident(t);
    const online = await fileComplaint(t, resident.token, { petitioner: { ...complaintBody().petitioner, name: '张伟', idNumber: ID_B } });
    expect(online.status).toBe(201);
    const file = await t.request('GET', `/api/v1/admin/complaints/${online.body.id}`, { token: officer.token });
    expect(file.body.nameConflicts.map((n: { name: string }) => n.name).sort()).toEqual(['李 梅', '李美'].sort());
  });
});

describe('petitioner phones', () => {
  it('are kept as typed (0730-8123456), a malformed one is refused with the shared message', async () => {
    const reg = await register({ petitioner: { ...complaintBody().petitioner, phone: '0730-8123456' } });
    expect(reg.status).toBe(201);
    const file = await t.request('GET', `/api/v1/admin/complaints/${reg.body.id}`, { token: officer.token });
    expect(file.body.petitioner.phone).toBe('0730-8123456');
    const stored = await t.deps.models.Complaint.findById(reg.body.id).lean();
    expect(stored!.petitioner.phone).toBe('0730-8123456');

    const bad = await register({ petitioner: { ...complaintBody().petitioner, phone: '0730-12' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'petitioner.phone', message: '请输入正确的手机号或带区号的固定电话' })]);
  });
});
