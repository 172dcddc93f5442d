import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { complaintBody, ID_A, makeOfficer, makeResident } from '../../testing/complaints.js';

/** The ID number never reaches the logs: not in access-log URLs, not in error lines, not in audit entries. */

let t: TestServer;
let lines: string[] = [];
let base = '';
let close: () => Promise<void>;

beforeAll(async () => {
  t = await startTestServer();
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  // the same app, with a logger that records everything at debug level
  const { app } = createApp({ ...t.deps, logger: pino({ level: 'debug' }, sink) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((r) => server.close(() => r()));
}, 60_000);
afterAll(async () => {
  await close?.();
  await t?.close();
});

async function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('ID numbers stay out of the logs', () => {
  it('filing, a refused filing, a search and the case file', async () => {
    lines = [];
    const r = await makeResident(t);
    const officer = await makeOfficer(t);
    const ok = await call('POST', '/api/v1/complaints', r.token, complaintBody(), { 'idempotency-key': randomUUID() });
    expect(ok.status).toBe(201);
    const bad = await call('POST', '/api/v1/complaints', r.token, complaintBody({ petitioner: { ...complaintBody().petitioner, idNumber: '430602198503121238' } }), {
      'idempotency-key': randomUUID(),
    });
    expect(bad.status).toBe(400);
    expect((await call('POST', '/api/v1/admin/complaints/search', officer.token, { idNumber: ID_A })).status).toBe(200);
    const file = await call('GET', `/api/v1/admin/complaints/${String(ok.body.id)}`, officer.token);
    expect(file.status).toBe(200);
    const revealed = await call('POST', `/api/v1/admin/complaints/${String(ok.body.id)}/reveal-id`, officer.token);
    expect(revealed.body.idNumber).toBe(ID_A);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(4); // one access line per request at least
    expect(log).not.toContain(ID_A);
    expect(log).not.toContain('430602198503121238');
    const audits = await t.deps.models.AuditLog.find({ targetType: 'complaint' }).lean();
    expect(JSON.stringify(audits)).not.toContain(ID_A);
  });
});
