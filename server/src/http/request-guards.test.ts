import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { createStaff, loginAs } from '../testing/staff-accounts.js';
import { pathOfNul } from './validate.js';

/**
 * What the OpenAPI fuzz run (test/fuzz/run.ts) found answered with 5xx: U+0000 in any string that reaches
 * FerretDB on PostgreSQL (jsonb cannot hold it: SQLSTATE 22P05), and methods the router has never heard of
 * (TRACE → 501). Both are the client's mistake: 400 naming the field, 405 with Allow.
 */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('U+0000 in an input', () => {
  it('a body field: 400 naming it, and the login throttle counts nothing', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { body: { username: 'ad\u0000min', password: 'whatever-password' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ field: 'username', code: 'nul_character' }] });
    expect(res.body.error.message).toContain('username');
  });

  it('an array item and a query parameter: 400 naming them', async () => {
    await createStaff(t.deps.models, { username: 'guard_dispatcher', password: 'Guard-Test-2026!', roles: ['dispatcher'] });
    const staff = await loginAs(t, 'guard_dispatcher', 'Guard-Test-2026!');
    const read = await t.request('POST', '/api/v1/admin/notifications/read', { token: staff.token, body: { ids: ['a', 'b\u0000'] } });
    expect(read.status, JSON.stringify(read.body)).toBe(400);
    expect(read.body.error.details[0].field).toBe('ids[1]');
    const list = await t.request('GET', '/api/v1/admin/tickets?districtCode=%00', { token: staff.token });
    expect(list.status).toBe(400);
    expect(list.body.error.details[0].field).toBe('query.districtCode');
    // the same requests without it are answered normally
    expect((await t.request('GET', '/api/v1/admin/tickets?districtCode=430602', { token: staff.token })).status).toBe(200);
  });

  it('finds it in nested values and keys; other strings (lone surrogates, control characters) are left to the schemas', () => {
    expect(pathOfNul({ a: [{ b: 'x' }, { c: 'y\u0000' }] }, '')).toBe('a[1].c');
    expect(pathOfNul({ ['k\u0000']: 1 }, 'query')).toBe('query.k\u0000');
    expect(pathOfNul({ a: '\ud800', b: '\u0001', d: new Date() }, '')).toBeNull();
  });
});

describe('methods', () => {
  it('a method the router does not know (TRACE) is 405 with Allow, in the error format', async () => {
    // fetch refuses to send TRACE at all: node:http does, as any client may
    const res = await new Promise<{ status: number; allow: string; body: string }>((resolve, reject) => {
      const req = http.request(`${t.url}/api/v1/categories`, { method: 'TRACE' }, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode!, allow: String(r.headers.allow ?? ''), body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body).error.code).toBe('method_not_allowed');
    expect(res.allow).toContain('GET');
  });

  it('a known method a path does not serve is 405 in the error format too', async () => {
    const res = await t.request('DELETE', '/api/v1/categories');
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('method_not_allowed');
    expect(res.body.error.details[0].message).toContain('GET');
  });
});
