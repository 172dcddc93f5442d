import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedFerretDb, type EmbeddedDb } from '../../server/src/db/embedded-ferretdb.js';
import { startFakeWechat, type FakeWechat } from '../../server/src/integrations/wechat/fake-server.js';
import { spawnServer, waitForHealth, waitUntil, type ServerProcess } from './server-process.js';

/**
 * Acceptance run: two real server processes on one database and a fake WeChat server; residents
 * log in through WeChat, subscribe, file reports that are accepted and dispatched; both processes run the
 * outbox job. One process is SIGKILLed mid-run. Every (ticket, event) with a credit reaches WeChat exactly
 * once — never twice — and no delivery is left behind.
 */

const REPORTS = Number(process.env.OUTBOX_TEST_REPORTS ?? 200);
const JUNSHAN = { lat: 29.461106, lng: 113.006435 };
const TPL = { accepted: 'TPL_TWO_PROC_ACCEPTED_000000000000000000001', dispatched: 'TPL_TWO_PROC_DISPATCHED_0000000000000000002' };
const ADMIN_PASSWORD = 'Outbox-Test-2026!';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cgt-outbox-'));
  dirs.push(d);
  return d;
};
const servers: ServerProcess[] = [];
let db: EmbeddedDb | null = null;
let wx: FakeWechat | null = null;
afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.exited));
  await wx?.close();
  await db?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function call(port: number, method: string, p: string, o: { token?: string; body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.key) headers['idempotency-key'] = o.key;
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Calls the first live server, moving on to the next when one is gone (the killed one). */
async function callAny(ports: () => number[], method: string, p: string, o: Parameters<typeof call>[3] = {}) {
  let last: unknown;
  for (let attempt = 0; attempt < 6; attempt++) {
    for (const port of ports()) {
      try {
        const r = await call(port, method, p, o);
        if (r.status !== 409 || attempt === 5) return r;
      } catch (err) {
        last = err;
      }
    }
    await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
  }
  throw last instanceof Error ? last : new Error(`no server answered ${method} ${p}`);
}

describe('outbox with two server processes', () => {
  it(`${REPORTS} reports: one message per (ticket, event, credit), none twice, nothing lost after a SIGKILL`, async () => {
    db = await startEmbeddedFerretDb({ dataDir: tmp(), ephemeral: true, log: () => undefined });
    wx = await startFakeWechat();
    const dbName = `outbox_${randomBytes(4).toString('hex')}`;
    const env = {
      MONGODB_URI: `${db.uri}${dbName}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      // one PII key for both processes (each DATA_DIR would otherwise generate its own, and the second refuses to start)
      PII_KEY: randomBytes(32).toString('hex'),
      // 200 residents file from 127.0.0.1 here: that is the load, not abuse
      REPORTS_PER_HOUR_PER_RESIDENT: '1000000',
      REPORTS_PER_HOUR_PER_IP: '1000000',
      DEMO_LOGINS_PER_MINUTE_PER_IP: '1000000',
      ADMIN_PASSWORD,
      WECHAT_APPID: 'wx-two-process',
      WECHAT_SECRET: 'secret-two-process',
      WECHAT_API_BASE: wx.url,
      LOG_LEVEL: 'warn',
    };
    const a = await spawnServer({ ...env, DATA_DIR: tmp() });
    servers.push(a);
    await waitForHealth(a.port, 120_000);
    // the second process starts on the seeded database (two first starts would both seed)
    const b = await spawnServer({ ...env, DATA_DIR: tmp() });
    servers.push(b);
    await waitForHealth(b.port, 120_000);
    let bAlive = true;
    const live = () => (bAlive ? [a.port, b.port] : [a.port]);

    const client = new mongoose.mongo.MongoClient(env.MONGODB_URI);
    await client.connect();
    try {
      const store = client.db(dbName);
      const dept = await store.collection('departments').findOne({ districtCode: '430611' });
      expect(dept).toBeTruthy();
      const admin = await call(a.port, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
      expect(admin.status).toBe(200);
      const adminToken = admin.body.token as string;
      const put = await call(a.port, 'PUT', '/api/v1/admin/notification-templates', {
        token: adminToken,
        body: {
          items: [
            { event: 'ticket.accepted', templateId: TPL.accepted, page: 'packages/reports/pages/detail/index', fields: { character_string1: 'trackingNo', thing2: 'categoryName', phrase3: 'statusLabel' } },
            { event: 'ticket.dispatched', templateId: TPL.dispatched, page: 'packages/reports/pages/detail/index', fields: { character_string1: 'trackingNo', thing2: 'text' } },
          ],
        },
      });
      expect(put.status).toBe(200);

      const ticketIds: string[] = [];
      let filed = 0;
      const fileOne = async (i: number) => {
        const port = () => (i % 2 === 0 || !bAlive ? [a.port, ...live().filter((p) => p !== a.port)] : [b.port, a.port].filter((p) => live().includes(p)));
        const login = await callAny(port, 'POST', '/api/v1/auth/wechat', { body: { code: `two-proc-${i}` } });
        expect(login.status).toBe(200);
        const token = login.body.token as string;
        // residents 0, 3, 6, … subscribe to "accepted" only; the others to both templates
        const results = i % 3 === 0 ? { [TPL.accepted]: 'accept' } : { [TPL.accepted]: 'accept', [TPL.dispatched]: 'accept' };
        // one key for the answer, as the mini-program sends it: a call repeated on the other process after the kill counts once
        expect((await callAny(port, 'POST', '/api/v1/me/subscriptions', { token, body: { results }, key: randomUUID() })).status).toBe(200);
        const key = randomUUID();
        const report = await callAny(port, 'POST', '/api/v1/reports', {
          token,
          key,
          body: { categoryCode: '06010', description: `两进程测试 ${i}：路边有暴露垃圾`, location: JUNSHAN, address: '君山区某路口', photoIds: [] },
        });
        expect([200, 201]).toContain(report.status);
        const id = report.body.id as string;
        ticketIds.push(id);
        await moveTo(port, id, { action: 'accept' }, 'accepted');
        await moveTo(port, id, { action: 'dispatch', departmentId: String(dept!._id) }, 'dispatched');
        filed++;
      };

      /**
       * One transition, as a client would insist on it: a call cut off by the SIGKILL may have been applied
       * (then the ticket is already there) or may have left its version claim behind (then the next writer
       * waits out the 30-second lease and gets 409 meanwhile).
       */
      async function moveTo(port: () => number[], id: string, body: Record<string, unknown>, target: string) {
        const until = Date.now() + 90_000;
        for (;;) {
          const r = await callAny(port, 'POST', `/api/v1/admin/tickets/${id}/transitions`, { token: adminToken, body }).catch(() => null);
          if (r?.body?.status === target) return;
          const now = await store.collection('tickets').findOne({ _id: new mongoose.Types.ObjectId(id) }, { projection: { status: 1 } });
          if (now?.status === target) return;
          if (Date.now() > until) throw new Error(`ticket ${id} did not reach ${target}: ${JSON.stringify(r?.body)}`);
          await new Promise((res) => setTimeout(res, 2000));
        }
      }

      let next = 0;
      const killer = (async () => {
        // SIGKILL the second process once deliveries are flowing and the filing is about half done
        await waitUntil(() => wx!.messages.length >= Math.max(5, REPORTS / 5) && filed >= REPORTS / 2, 600_000);
        bAlive = false;
        b.child.kill('SIGKILL');
      })();
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          while (next < REPORTS) await fileOne(next++);
        }),
      );
      await killer;
      expect(await b.exited).toBe(null);

      // every delivery reaches a final state (a dead worker's lease runs out after 2 minutes)
      const open = () => store.collection('outbox_deliveries').countDocuments({ state: { $in: ['pending', 'sending'] } });
      const deadline = Date.now() + 300_000;
      while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
      expect(await open()).toBe(0);

      const recorded = await store.collection('outbox_deliveries').find({ channel: 'wechat_subscribe', event: { $in: ['accepted', 'dispatched'] } }).toArray();
      const sentKeys = wx.messages.map((m) => m.deliveryKey);
      // never twice
      expect(new Set(sentKeys).size).toBe(sentKeys.length);
      // a delivery is recorded before the ticket write that adds its entry (models/outbox-delivery.ts): when
      // the SIGKILL falls between the two, the client's retry on the other process writes a new entry, and
      // the orphaned intent ends `void`, never sent (this run caught one: 401 records for 400 entries)
      const voided = recorded.filter((d) => d.state === 'void');
      for (const d of voided) expect(sentKeys).not.toContain(String(d._id));
      expect(voided.length).toBeLessThanOrEqual(4);
      const deliveries = recorded.filter((d) => d.state !== 'void');
      // one "accepted" and one "dispatched" delivery per ticket; "dispatched" has a credit for 2 residents in 3
      expect(deliveries).toHaveLength(2 * REPORTS);
      const unpaid = Math.ceil(REPORTS / 3);
      const expected = 2 * REPORTS - unpaid;
      const byState: Record<string, number> = {};
      for (const d of deliveries) byState[d.state] = (byState[d.state] ?? 0) + 1;
      console.log('two-process outbox:', JSON.stringify(byState), 'void', voided.length, 'messages', wx.messages.length);
      expect(byState.skipped ?? 0).toBe(unpaid);
      expect(deliveries.filter((d) => d.state === 'skipped').every((d) => d.event === 'dispatched')).toBe(true);
      // a delivery that the killed process held mid-send is a dead letter "may have been delivered"; all others were sent
      const interrupted = deliveries.filter((d) => d.state === 'dead');
      for (const d of interrupted) expect(d.lastError?.errmsg).toMatch(/可能已送达/);
      expect(byState.sent ?? 0).toBe(expected - interrupted.length);
      expect(interrupted.length).toBeLessThanOrEqual(4);
      // every sent delivery reached WeChat exactly once; nothing reached it that was not a delivery
      const sentIds = new Set(deliveries.filter((d) => d.state === 'sent').map((d) => String(d._id)));
      for (const id of sentIds) expect(sentKeys.filter((k) => k === id)).toHaveLength(1);
      const allIds = new Set(deliveries.map((d) => String(d._id)));
      expect(sentKeys.every((k) => k !== null && allIds.has(k))).toBe(true);
      // one message per resident per template, and no credit left behind or spent twice
      const credits = await store.collection('subscription_credits').find({}).toArray();
      for (const c of credits) expect(c.credits).toBe(0);
      expect(new Set(ticketIds).size).toBe(REPORTS);
    } finally {
      await client.close();
    }
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
  }, 900_000);
});
