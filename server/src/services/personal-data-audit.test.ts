import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { fileReport, makeCitizen, makeStaff } from '../testing/tickets.js';
import { complaintBody, ID_A, makeOfficer } from '../testing/complaints.js';
import { purgeExpiredAudit } from '../jobs/audit-retention.js';
import { parseEnv } from '../config.js';

/**
 * Every read of personal data in full leaves one audit entry (who, what, when, IP, why = the route); the
 * entries are kept at least 180 days; the administrator can export them (streamed CSV, formulas neutralised).
 */

let t: TestServer;
let clock = new Date();

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const entries = (filter: Record<string, unknown>) => t.deps.connection.db!.collection('audit_logs').find(filter).toArray();

describe('reads of personal data are audited', () => {
  it('a ticket opened with the full phone: one entry for the dispatcher; none for a role that sees it masked', async () => {
    const resident = await makeCitizen(t);
    const filed = await fileReport(t, resident.token, { contactPhone: '13712345678' });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const dispatcher = await makeStaff(t, ['dispatcher'], { name: '调度员甲' });
    const viewer = await makeStaff(t, ['viewer']);
    const seen = await t.request('GET', `/api/v1/admin/tickets/${id}`, { token: dispatcher.token, headers: { 'x-forwarded-for': '10.9.9.9' } });
    expect(seen.status).toBe(200);
    expect(seen.body.reporter.phone).toBe('13712345678');
    const masked = await t.request('GET', `/api/v1/admin/tickets/${id}`, { token: viewer.token });
    expect(masked.status).toBe(200);
    expect(masked.body.reporter.phone).not.toBe('13712345678');
    const logged = await entries({ action: 'personal_data.ticket_phone', targetId: id });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorKind: 'staff', actorId: dispatcher.id, actorName: '调度员甲', targetType: 'ticket', ip: '127.0.0.1' });
    expect(logged[0]!.details).toMatchObject({ route: 'GET /api/v1/admin/tickets/:id', fields: 'phone' });
    expect(logged[0]!.at).toBeInstanceOf(Date);
    expect(JSON.stringify(logged[0])).not.toContain('13712345678');
  });

  it('an action\'s answer shows the ticket with the full phone: recorded like opening it', async () => {
    const resident = await makeCitizen(t);
    const filed = await fileReport(t, resident.token, { contactPhone: '13712345679' });
    const id = filed.body.id as string;
    const dispatcher = await makeStaff(t, ['dispatcher'], { name: '调度员丙' });
    const res = await t.request('POST', `/api/v1/admin/tickets/${id}/transitions`, { token: dispatcher.token, body: { action: 'accept' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', reporter: { phone: '13712345679' } });
    const logged = await entries({ action: 'personal_data.ticket_phone', targetId: id });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorId: dispatcher.id });
    expect(logged[0]!.details).toMatchObject({ route: 'POST /api/v1/admin/tickets/:id/transitions', fields: 'phone' });
  });

  it('a 信访 case file (phone), its ID number revealed, and a search by ID number: one entry each, the number never in clear', async () => {
    const officer = await makeOfficer(t, ['complaint_officer'], { name: '信访员乙' });
    const reg = await t.request('POST', '/api/v1/admin/complaints', { token: officer.token, body: { ...complaintBody(), channel: 'visit' } });
    expect(reg.status).toBe(201);
    const id = reg.body.id as string;
    const file = await t.request('GET', `/api/v1/admin/complaints/${id}`, { token: officer.token });
    expect(file.body.petitioner.idNumber).toBeUndefined();
    const phoneRead = await entries({ action: 'personal_data.complaint_phone', targetId: id });
    expect(phoneRead).toHaveLength(1);
    expect(phoneRead[0]!.details).toMatchObject({ route: 'GET /api/v1/admin/complaints/:id', fields: 'phone' });
    const revealed = await t.request('POST', `/api/v1/admin/complaints/${id}/reveal-id`, { token: officer.token });
    expect(revealed.body.idNumber).toBe(ID_A);
    const found = await t.request('POST', '/api/v1/admin/complaints/search', { token: officer.token, body: { idNumber: ID_A } });
    expect(found.status).toBe(200);
    const read = await entries({ action: 'personal_data.complaint_id_number', targetId: id });
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ actorId: officer.id, targetType: 'complaint', details: { route: 'POST /api/v1/admin/complaints/:id/reveal-id', fields: 'idNumber' } });
    const searched = await entries({ action: 'personal_data.complaint_search_id_number', actorId: officer.id });
    expect(searched).toHaveLength(1);
    expect(searched[0]!.details).toMatchObject({ route: 'POST /api/v1/admin/complaints/search', found: found.body.total, idNumberMasked: '430***********1237' });
    expect(JSON.stringify([...read, ...searched])).not.toContain(ID_A);
  });
});

async function csv(token: string, query = ''): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${t.url}/api/v1/admin/audit/export.csv${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('exports of residents\' reports are audited', () => {
  it('the 统计明细 Excel download leaves one entry naming the route', async () => {
    const admin = await makeStaff(t, ['admin']);
    const day = clock.toISOString().slice(0, 10);
    const res = await fetch(`${t.url}/api/v1/admin/tickets?stat=reportedCount&statUnit=430611&from=${day}&to=${day}&format=xlsx`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const logged = await entries({ action: 'personal_data.export', actorId: admin.id, targetType: 'ticket' });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toMatchObject({ route: 'GET /api/v1/admin/tickets', stat: 'reportedCount' });
  });
});

describe('the audit export', () => {
  it('admins only; filters by period, actor and action; formulas neutralised; the download itself is audited', async () => {
    const admin = await makeStaff(t, ['admin'], { name: '管理员' });
    const dispatcher = await makeStaff(t, ['dispatcher'], { name: '=HYPERLINK("http://x")' });
    const db = t.deps.connection.db!.collection('audit_logs');
    const base = { targetType: 'ticket', targetId: 'T1', ip: '1.2.3.4', details: {} };
    await db.insertMany([
      { ...base, actorKind: 'staff', actorId: dispatcher.id, actorName: '=HYPERLINK("http://x")', action: 'ticket.accept', at: new Date(clock.getTime() - 2 * 86400_000) },
      { ...base, actorKind: 'staff', actorId: dispatcher.id, actorName: '=HYPERLINK("http://x")', action: 'ticket.dispatch', at: new Date(clock.getTime() - 3 * 86400_000) },
      { ...base, actorKind: 'staff', actorId: dispatcher.id, actorName: 'x', action: 'ticket.accept', at: new Date(clock.getTime() - 60 * 86400_000) },
    ]);
    expect((await csv(dispatcher.token)).status).toBe(403);
    const all = await csv(admin.token, `?actorId=${dispatcher.id}`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/text\/csv/);
    expect(all.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = all.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('时间,操作人类型,操作人ID,操作人,操作,对象类型,对象ID,IP,访问途径,详情');
    expect(lines).toHaveLength(3); // default period: the last 30 days, newest first
    expect(lines[1]).toContain('ticket.accept');
    expect(lines[2]).toContain('ticket.dispatch');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    const accepts = await csv(admin.token, `?actorId=${dispatcher.id}&action=ticket.accept&from=${new Date(clock.getTime() - 90 * 86400_000).toISOString()}`);
    expect(accepts.text.trim().split('\r\n')).toHaveLength(3);
    const bad = await t.request('GET', `/api/v1/admin/audit/export.csv?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`, { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('query.from');
    const own = await entries({ action: 'personal_data.export', actorId: admin.id });
    expect(own).toHaveLength(2);
    expect(own[0]!.details).toMatchObject({ route: 'GET /api/v1/admin/audit/export.csv', actorId: dispatcher.id });
  });

  it('streams a large period without holding it: 3,000 entries come out complete', async () => {
    const admin = await makeStaff(t, ['admin']);
    const db = t.deps.connection.db!.collection('audit_logs');
    const at = new Date(clock.getTime() - 86400_000);
    await db.insertMany(Array.from({ length: 3000 }, (_, i) => ({ actorKind: 'system', actorId: 'bulk', actorName: '', action: 'bulk.test', targetType: 'x', targetId: String(i), ip: '', details: {}, at })));
    const r = await csv(admin.token, '?action=bulk.test');
    expect(r.status).toBe(200);
    expect(r.text.trim().split('\r\n')).toHaveLength(3001);
  });
});

describe('audit retention', () => {
  it('keeps entries younger than AUDIT_RETENTION_DAYS (never below 180), deletes older ones, once a day', async () => {
    expect(() => parseEnv({ AUDIT_RETENTION_DAYS: '90' })).toThrow(/AUDIT_RETENTION_DAYS:/);
    expect(parseEnv({}).AUDIT_RETENTION_DAYS).toBeGreaterThanOrEqual(180);
    const saved = t.deps.config.AUDIT_RETENTION_DAYS;
    t.deps.config.AUDIT_RETENTION_DAYS = 180;
    try {
      const db = t.deps.connection.db!.collection('audit_logs');
      const day = 86400_000;
      const mk = (ageDays: number, tag: string) => ({ actorKind: 'system', actorId: 'ret', actorName: '', action: 'retention.test', targetType: 'x', targetId: tag, ip: '', details: {}, at: new Date(clock.getTime() - ageDays * day) });
      await db.insertMany([mk(178.5, 'young'), mk(100, 'younger'), mk(180.1, 'old'), mk(400, 'older')]);
      await t.deps.connection.db!.collection('seed_stamps').deleteOne({ _id: 'audit_retention' as never });
      expect(await purgeExpiredAudit(t.deps)).toBe(2);
      expect((await entries({ action: 'retention.test' })).map((e) => e.targetId).sort()).toEqual(['young', 'younger']);
      // the same day again: nothing is scanned
      await db.insertOne(mk(500, 'later'));
      expect(await purgeExpiredAudit(t.deps)).toBe(0);
      clock = new Date(clock.getTime() + day);
      expect(await purgeExpiredAudit(t.deps)).toBe(1);
      expect((await entries({ action: 'retention.test' })).map((e) => e.targetId).sort()).toEqual(['young', 'younger']);
    } finally {
      t.deps.config.AUDIT_RETENTION_DAYS = saved;
    }
  });
});
