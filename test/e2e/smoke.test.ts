import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { artifactPath, launchBrowser } from './browser.js';

describe('browser smoke: the server serves both web apps from one origin', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens the admin console at /admin/', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(`${t.url}/admin/`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    await expect.poll(async () => (await page.textContent('body'))?.trim().length ?? 0).toBeGreaterThan(0);
    expect(await page.textContent('body')).toMatch(/城管通/);
    await page.screenshot({ path: artifactPath('smoke-admin.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('opens the citizen H5 app at /h5/', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(`${t.url}/h5/`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    await expect.poll(async () => (await page.textContent('body'))?.trim().length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('smoke-h5.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('a deep link under /admin/ falls back to the app shell; a missing asset is 404', async () => {
    expect((await fetch(`${t.url}/admin/tickets/123`)).status).toBe(200);
    expect((await fetch(`${t.url}/admin/assets/nope.js`)).status).toBe(404);
  });
});
