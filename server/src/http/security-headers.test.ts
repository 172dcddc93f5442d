import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { DEFAULT_MOUNTS } from './static-apps.js';
import { fileReport, makeCitizen, makeStaff } from '../testing/tickets.js';

/** CSP on the pages, no-store on sign-in and personal data, HSTS behind a TLS proxy. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { DEMO_LOGIN: '1', TRUST_PROXY: '1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const scriptSrc = (csp: string | null) => csp?.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';

describe('Content-Security-Policy', () => {
  it.each(['/admin/', '/admin/tickets', '/h5/', '/api/docs'])('%s: scripts only from our origin, no inline, no eval', async (p) => {
    const res = await fetch(t.url + p);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy');
    expect(scriptSrc(csp)).toBe("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
  });

  it.each(DEFAULT_MOUNTS.map((m) => [m.prefix, m.root] as const))('the built %s index.html has no inline script', (_prefix, root) => {
    const html = readFileSync(path.join(root, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
  });
});

describe('Cache-Control', () => {
  it('sign-in responses are no-store, failed ones too', async () => {
    const demo = await t.request('POST', '/api/v1/auth/demo', { body: { nickname: '缓存测试' } });
    expect(demo.status).toBe(200);
    expect(demo.headers.get('cache-control')).toBe('no-store');
    const bad = await t.request('POST', '/api/v1/auth/login', { body: { username: 'nobody_here', password: 'wrong-password-1' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('cache-control')).toBe('no-store');
  });

  it('responses with personal data are no-store; public reference data is not', async () => {
    const c = await makeCitizen(t);
    const filed = await fileReport(t, c.token, { contactPhone: '13712345678' });
    expect(filed.headers.get('cache-control')).toBe('no-store');
    const mine = await t.request('GET', '/api/v1/reports/mine', { token: c.token });
    expect(mine.headers.get('cache-control')).toBe('no-store');
    const admin = await makeStaff(t, ['admin']);
    const staffView = await t.request('GET', `/api/v1/admin/tickets/${filed.body.trackingNo}`, { token: admin.token });
    expect(staffView.status).toBe(200);
    expect(staffView.headers.get('cache-control')).toBe('no-store');
    const categories = await t.request('GET', '/api/v1/categories');
    expect(categories.status).toBe(200);
    expect(categories.headers.get('cache-control')).not.toBe('no-store');
  });
});

describe('Strict-Transport-Security', () => {
  it('only behind the trusted proxy when the request came over https', async () => {
    const https = await fetch(t.url + '/healthz', { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    const plain = await fetch(t.url + '/healthz');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('never without TRUST_PROXY (a client could claim https)', async () => {
    const t2 = await startTestServer({ seed: false });
    try {
      const res = await fetch(t2.url + '/healthz', { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await t2.close();
    }
  });
});
