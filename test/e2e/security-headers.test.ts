import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff } from '../../server/src/testing/staff-accounts.js';
import { artifactPath, launchBrowser } from './browser.js';

/**
 * The console, the H5 app and /api/docs run under a strict Content-Security-Policy (no inline script,
 * no eval). A page that breaks the policy reports it (securitypolicyviolation event, "Refused to …" console
 * error): either fails this test. Each page is used a little (console login and its ticket list, the H5 home
 * page, the API docs rendered from the OpenAPI document), so lazily loaded code is exercised too.
 */

const PASSWORD = `Csp-${randomBytes(4).toString('hex')}-Pw1`;
let t: TestServer;
let browser: Browser;
beforeAll(async () => {
  t = await startTestServer({ env: { DEMO_LOGIN: '1' } });
  await createStaff(t.deps.models, { username: 'csp_admin', password: PASSWORD, roles: ['admin'], displayName: 'CSP 管理员' });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

interface Watched {
  page: Page;
  violations: string[];
}

async function watchedPage(opts: Parameters<Browser['newPage']>[0]): Promise<Watched> {
  const page = await browser.newPage(opts);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply|evaluate|connect|frame)/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (/Content Security Policy|unsafe-eval|unsafe-inline/i.test(e.message)) violations.push(`pageerror: ${e.message}`);
  });
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(`event: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return { page, violations };
}

describe('Content-Security-Policy in a real browser', () => {
  it('the console (login page, then the ticket list) runs without a CSP violation', async () => {
    const { page, violations } = await watchedPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const res = await page.goto(`${t.url}/admin/login`, { waitUntil: 'networkidle' });
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByPlaceholder('用户名').fill('csp_admin');
    await page.getByPlaceholder('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/tickets/, { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('header-user').textContent(), { timeout: 30_000 }).toBe('CSP 管理员');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: artifactPath('csp-admin.png') });
    expect(violations).toEqual([]);
  }, 120_000);

  it('the H5 app renders its home page at the rem size its script sets, without a CSP violation', async () => {
    const { page, violations } = await watchedPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const res = await page.goto(`${t.url}/h5/`, { waitUntil: 'networkidle' });
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(async () => (await page.textContent('body'))?.trim().length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    // the rem script ran (from /h5/flexible.js): 40 × 390 / 750 = 20.8px
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('20.8px');
    await page.screenshot({ path: artifactPath('csp-h5.png') });
    expect(violations).toEqual([]);
  }, 120_000);

  it('/api/docs renders the API from the OpenAPI document without a CSP violation', async () => {
    const { page, violations } = await watchedPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    // Swagger UI renders the tag sections as they come near the viewport, not all at once: walk the page and
    // wait until every tag of the document has been rendered (a count of what is on screen depends on the box)
    const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as { info: { title: string }; paths: Record<string, Record<string, { tags?: string[] }>> };
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    const tags = new Set(operations.flatMap((op) => (op.tags?.length ? op.tags : ['default'])));
    expect(tags.size).toBeGreaterThan(3);
    const res = await page.goto(`${t.url}/api/docs`, { waitUntil: 'networkidle', timeout: 60_000 });
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(async () => (await page.locator('.info .title').first().textContent({ timeout: 2_000 }).catch(() => '')) ?? '', { timeout: 60_000 }).toContain(doc.info.title);
    const rendered = new Set<string>();
    const walkPage = async () => {
      const step = await page.evaluate(() => window.innerHeight / 2);
      for (let y = 0; y <= (await page.evaluate(() => document.documentElement.scrollHeight)) + step; y += step) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.waitForTimeout(100);
        for (const tag of await page.locator('.opblock-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag') ?? ''))) rendered.add(tag);
      }
      return [...tags].filter((tag) => !rendered.has(tag));
    };
    await expect.poll(walkPage, { timeout: 60_000, interval: 500 }).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifactPath('csp-docs.png') });
    expect(violations).toEqual([]);
  }, 180_000);

  it('an inline script is refused and reported (the watch above can fail)', async () => {
    const { page, violations } = await watchedPage({ viewport: { width: 800, height: 600 } });
    await page.goto(`${t.url}/api/docs`, { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1';
      document.body.appendChild(s);
    });
    await expect.poll(() => violations.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  }, 60_000);
});
