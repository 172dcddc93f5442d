import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport, makeStaff, makeUploadDoc } from '../../testing/tickets.js';
import { complaintBody, ID_A } from '../../testing/complaints.js';
import { citizenLogin } from '../../commands/auth/citizen-login.js';
import { syncQueue } from '../../commands/tickets/queue.js';
import { purgeContactPhones, phoneCutoff } from '../../commands/tickets/purge-contact-phones.js';
import { shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { ERASED_CITIZEN } from '../../commands/me/delete-account.js';
import type { TicketRecord } from '../../models/ticket.js';
import { parseEnv } from '../../config.js';

/** 个人信息保护法: the resident's copy of their data, account deletion with the records kept anonymised, phone retention. */

let t: TestServer;
let clock = new Date();

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const db = () => t.deps.connection.db!;

async function resident(nickname: string) {
  const openid = `test:${randomUUID()}`;
  const s = await citizenLogin(t.deps, { openid, nickname }, 'demo');
  return { openid, id: String(s.citizen._id), token: s.token };
}

async function fileEverything(r: { id: string; token: string }, phone: string) {
  const report = await fileReport(t, r.token, { contactPhone: phone });
  expect(report.status).toBe(201);
  const complaint = await t.request('POST', '/api/v1/complaints', { token: r.token, body: complaintBody(), headers: { 'idempotency-key': randomUUID() } });
  expect(complaint.status).toBe(201);
  await t.deps.models.SubscriptionCredit.create({ _id: `${r.id}:tpl-status`, citizenId: r.id, templateId: 'tpl-status', credits: 2, choice: 'accept', updatedAt: clock });
  return { reportId: report.body.id as string, complaintId: complaint.body.id as string };
}

describe('GET /api/v1/me/export', () => {
  it("is the resident's own data only, as a JSON download, the ID number masked, and the download audited", async () => {
    const me = await resident('张三');
    const other = await resident('李四');
    const mine = await fileEverything(me, '13711112222');
    await fileEverything(other, '13733334444');
    const res = await fetch(`${t.url}/api/v1/me/export`, { headers: { authorization: `Bearer ${me.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({ id: me.id, nickname: '张三', source: 'demo' });
    expect(data.reports.map((x: { id: string }) => x.id)).toEqual([mine.reportId]);
    expect(data.reports[0].contactPhone).toBe('13711112222');
    expect(data.complaints.map((x: { id: string }) => x.id)).toEqual([mine.complaintId]);
    expect(data.subscriptions).toEqual([expect.objectContaining({ templateId: 'tpl-status', credits: 2, choice: 'accept' })]);
    expect(text).not.toContain('13733334444');
    expect(text).not.toContain(ID_A);
    const audit = await db().collection('audit_logs').find({ action: 'personal_data.export', actorId: me.id }).toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ route: 'GET /api/v1/me/export', reports: 1, complaints: 1 });
    expect((await t.request('GET', '/api/v1/me/export')).status).toBe(401);
  });
});

describe('GET /api/v1/me/export: 信访 attachments', () => {
  it('are private files: the export carries short-lived signed URLs, as the case page does, never the bare path', async () => {
    const me = await resident('赵六');
    const fileId = await makeUploadDoc(t, { kind: 'citizen', id: me.id });
    const c = await t.request('POST', '/api/v1/complaints', { token: me.token, body: complaintBody({ photoIds: [fileId] }), headers: { 'idempotency-key': randomUUID() } });
    expect(c.status).toBe(201);
    const res = await t.request('GET', '/api/v1/me/export', { token: me.token });
    expect(res.status).toBe(200);
    const [att] = res.body.complaints[0].attachments;
    expect(att.url).toMatch(new RegExp(`^/api/v1/files/${fileId}\\?exp=\\d+&sig=`));
    expect(att.thumbnailUrl).toMatch(/\/thumb\?exp=\d+&sig=/);
  });
});

describe('DELETE /api/v1/me', () => {
  it('deletes the account and its subscriptions; reports and cases stay, linked to nobody and without the phone; a new login is a new account', async () => {
    const me = await resident('王五');
    const mine = await fileEverything(me, '13755556666');
    const res = await t.request('DELETE', '/api/v1/me', { token: me.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: true, reports: 1, complaints: 1 });
    // the deleted account's token is dead at once (not after its 7 days)
    const stale = await t.request('GET', '/api/v1/reports/mine', { token: me.token });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('token_revoked');

    expect(await db().collection('citizens').findOne({ _id: new Types.ObjectId(me.id) })).toBeNull();
    expect(await db().collection('subscription_credits').countDocuments({ citizenId: me.id })).toBe(0);
    const ticket = await db().collection('tickets').findOne({ _id: new Types.ObjectId(mine.reportId) });
    expect(ticket!.reporter.citizenId).toBe(ERASED_CITIZEN);
    expect(ticket!.reporter.phone).toBeUndefined();
    expect((await db().collection('ticket_rows').findOne({ _id: new Types.ObjectId(mine.reportId) }))!.citizenId).toBe(ERASED_CITIZEN);
    const complaint = await db().collection('complaints').findOne({ _id: new Types.ObjectId(mine.complaintId) });
    expect(complaint!.citizenId).toBeNull();
    expect(complaint!.petitioner.phone).toBe('');
    expect((await db().collection('complaint_rows').findOne({ _id: new Types.ObjectId(mine.complaintId) }))!.citizenId).toBeNull();
    expect(JSON.stringify(ticket)).not.toContain(me.openid);

    // the bureau still has the record
    const dispatcher = await makeStaff(t, ['dispatcher']);
    const seen = await t.request('GET', `/api/v1/admin/tickets/${mine.reportId}`, { token: dispatcher.token });
    expect(seen.status).toBe(200);
    expect(seen.body.reporter.phone).toBeUndefined();

    // the same WeChat identity logs in again: a new, empty account
    const again = await citizenLogin(t.deps, { openid: me.openid, nickname: '王五' }, 'demo');
    expect(String(again.citizen._id)).not.toBe(me.id);
    const list = await t.request('GET', '/api/v1/reports/mine', { token: again.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const cases = await t.request('GET', '/api/v1/complaints/mine', { token: again.token });
    expect(cases.status).toBe(200);
    expect(cases.body.items).toEqual([]);

    const audit = await db().collection('audit_logs').find({ action: 'me.delete', actorId: me.id }).toArray();
    expect(audit).toHaveLength(1);
  });
});

describe('contact phones are purged N months after a ticket became final', () => {
  async function closedTicket(phone: string, closedDaysAgo: number): Promise<string> {
    const r = await resident('赵六');
    const filed = await fileReport(t, r.token, { contactPhone: phone });
    const id = new Types.ObjectId(filed.body.id as string);
    const at = new Date(clock.getTime() - closedDaysAgo * 86400_000);
    // as if it had been closed then (the workflow itself is tested elsewhere): status, timeline, rows
    await db().collection('tickets').updateOne({ _id: id }, { $set: { status: 'closed', closedAt: at, updatedAt: at }, $push: { timeline: { type: 'closed', at, actor: { kind: 'system', id: '', name: '', label: '' }, fromStatus: 'submitted', toStatus: 'closed' } } as never });
    await syncQueue(t.deps, (await db().collection('tickets').findOne({ _id: id })) as unknown as TicketRecord);
    return String(id);
  }
  const phoneOf = async (id: string) => (await db().collection('tickets').findOne({ _id: new Types.ObjectId(id) }))!.reporter.phone as string | undefined;

  it('after 6 months by default: older ones lose the phone, younger and open ones keep it; a second run changes nothing', { timeout: 120_000 }, async () => {
    expect(parseEnv({}).CONTACT_PHONE_RETENTION_MONTHS).toBe(6);
    const old = await closedTicket('13700000001', 200);
    const young = await closedTicket('13700000002', 150);
    const openOne = (await fileReport(t, (await resident('钱七')).token, { contactPhone: '13700000003' })).body.id as string;
    // the first run walks FIRST_RUN_DAYS of finalisation days one equality each; a year is enough here
    const purged = await purgeContactPhones(t.deps, { firstRunDays: 400 });
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await phoneOf(old)).toBeUndefined();
    expect(await phoneOf(young)).toBe('13700000002');
    expect(await phoneOf(openOne)).toBe('13700000003');
    expect((await db().collection('tickets').findOne({ _id: new Types.ObjectId(old) }))!.status).toBe('closed');
    expect(await purgeContactPhones(t.deps)).toBe(0);
    // two months on, the younger one is due too (the walk resumes from where it stopped)
    clock = new Date(clock.getTime() + 60 * 86400_000);
    expect(await purgeContactPhones(t.deps)).toBe(1);
    expect(await phoneOf(young)).toBeUndefined();
  });

  it('a backlog is worked off a few days per run, each finished day stamped', { timeout: 120_000 }, async () => {
    await t.deps.models.SeedStamp.deleteOne({ _id: 'contact_phone_purge' }); // as on a database imported with a year of history
    const a = await closedTicket('13700000011', 300);
    const b = await closedTicket('13700000012', 299);
    const c = await closedTicket('13700000013', 298);
    // a run stops at the end of the first day that reaches maxRows: one day's ticket per run here
    expect(await purgeContactPhones(t.deps, { firstRunDays: 400, maxRows: 1 })).toBe(1);
    expect([await phoneOf(a), await phoneOf(b), await phoneOf(c)]).toEqual([undefined, '13700000012', '13700000013']);
    const stamp = (await t.deps.models.SeedStamp.findById('contact_phone_purge').lean())!.version;
    expect(stamp < shanghaiDay(new Date(clock.getTime() - 299 * 86400_000))).toBe(true);
    expect(await purgeContactPhones(t.deps, { maxRows: 1 })).toBe(1);
    expect([await phoneOf(b), await phoneOf(c)]).toEqual([undefined, '13700000013']);
    expect(await purgeContactPhones(t.deps)).toBe(1);
    expect(await phoneOf(c)).toBeUndefined();
  });

  it('the cutoff is calendar months back', () => {
    expect(phoneCutoff(new Date('2026-08-31T10:00:00Z'), 6).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(phoneCutoff(new Date('2026-07-15T00:00:00Z'), 6).toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });
});
