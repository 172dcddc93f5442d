import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureDemoStaff } from './demo-staff.js';
import { ensureDemoTickets } from './demo-tickets.js';

describe('demo data (npm start with DEMO_DATA=1)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t.close());

  it('creates one account per role; a demo handler can log in and belongs to a department of its district', async () => {
    const created = await ensureDemoStaff(t.deps.models);
    expect(created.length).toBe(DEMO_ACCOUNTS.length);
    expect(await ensureDemoStaff(t.deps.models)).toEqual([]);
    const handler = await t.deps.models.StaffUser.findOne({ username: 'junshan.zhongdui' }).lean();
    const dept = await t.deps.models.Department.findById(handler!.departmentIds[0]).lean();
    expect(dept?.districtCode).toBe('430611');
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'junshan.zhongdui', password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
  });

  it('drives demo tickets through the real commands into every state, once', async () => {
    expect(await ensureDemoTickets(t.deps, 9)).toBe(9);
    // through the driver: a test's look at every ticket, not a query of the server (the index-plan guard watches models)
    const statuses = (await t.deps.connection.db!.collection('tickets').find({}, { projection: { status: 1 } }).toArray()).map((x) => x.status as string).sort();
    expect(new Set(statuses)).toEqual(new Set(['submitted', 'accepted', 'dispatched', 'resolved', 'closed', 'rejected']));
    expect(await ensureDemoTickets(t.deps, 9)).toBe(0);
    // 延期 through the real command: one waiting for the centre, one approved
    const extensions = (await t.deps.connection.db!.collection('tickets').find({ status: 'dispatched' }, { projection: { extension: 1 } }).toArray()).map((x) => x.extension?.state);
    expect(extensions.sort()).toEqual(['approved', 'pending']);
    // they are in the staff queue (the list reads the queue projection)
    const admin = await t.deps.models.StaffUser.findOne({ username: 'zhihui' }).lean();
    expect(admin).toBeTruthy();
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'zhihui', password: DEMO_PASSWORD } });
    const list = await t.request('GET', '/api/v1/admin/tickets?pageSize=50', { token: login.body.token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(9);
    // nine tickets driven through every command on a loaded 2-core box take longer than the default 30 s
  }, 180_000);
});
