import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DEFAULT_MOUNTS, serveSpas } from './static-apps.js';

/** The app shells and their icons, served from folders laid out like the builds (no build needed). */
describe('serveSpas: icons', () => {
  let server: Server;
  let base = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'cgt-spa-'));
  const admin = path.join(dir, 'admin');
  const h5 = path.join(dir, 'h5');
  const noIcon = path.join(dir, 'bare');
  beforeAll(async () => {
    for (const d of [admin, h5, noIcon]) {
      mkdirSync(d);
      writeFileSync(path.join(d, 'index.html'), `<!doctype html><title>${path.basename(d)}</title>`);
    }
    writeFileSync(path.join(admin, 'favicon.ico'), Buffer.from([0, 0, 1, 0, 1, 0]));
    writeFileSync(path.join(h5, 'favicon.ico'), Buffer.from([0, 0, 1, 0, 2, 0]));
    writeFileSync(path.join(h5, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const app = new Koa();
    app.use(serveSpas([{ prefix: '/admin', root: admin, title: 'a' }, { prefix: '/h5', root: h5, title: 'h' }]));
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('/favicon.ico answers with the first app that has one (no 404 in the browser console)', async () => {
    const res = await fetch(`${base}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/icon/);
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(res.headers.get('cache-control')).toContain('max-age=86400');
  });

  it('each app serves its own icons under its prefix; a missing one is a 404, not the app shell', async () => {
    const ico = await fetch(`${base}/h5/favicon.ico`);
    expect([...new Uint8Array(await ico.arrayBuffer())]).toEqual([0, 0, 1, 0, 2, 0]);
    const svg = await fetch(`${base}/h5/favicon.svg`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect((await fetch(`${base}/admin/favicon.svg`)).status).toBe(404);
  });

  it('no app with an icon: /favicon.ico falls through (404)', async () => {
    const app = new Koa();
    app.use(serveSpas([{ prefix: '/x', root: noIcon, title: 'x' }]));
    const s = app.listen(0);
    const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/favicon.ico`);
    expect(res.status).toBe(404);
    await new Promise<void>((r) => s.close(() => r()));
  });

  it('the default mounts are the console first, then H5', () => {
    expect(DEFAULT_MOUNTS.map((m) => m.prefix)).toEqual(['/admin', '/h5']);
  });
});
