import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff } from '../../server/src/testing/staff-accounts.js';
import { fileReport, JUNSHAN_CODE, makeCitizen } from '../../server/src/testing/tickets.js';
import { artifactPath, launchBrowser } from './browser.js';

/**
 * Daily use of the console: a slow answer to a list request the page no longer wants does not replace the rows
 * of the newer filter. Screenshots: test-artifacts/screenshots/daily-*.png.
 */

const PASSWORD = `Daily-${randomBytes(4).toString('hex')}-pw`;
const UI_TIMEOUT = 45_000;

describe('console daily use', () => {
  let t: TestServer;
  let browser: Browser;
  const stamp = randomBytes(3).toString('hex');
  const names = { dispatcher: `dl_dsp_${stamp}` };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    await createStaff(t.deps.models, { username: names.dispatcher, password: PASSWORD, roles: ['dispatcher'], districtCodes: [JUNSHAN_CODE], displayName: '君山调度员' });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function login(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    context.setDefaultTimeout(UI_TIMEOUT);
    const page = await context.newPage();
    await page.goto(`${t.url}/admin/login`);
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    return page;
  }

  it('a slow unfiltered answer arriving after the filtered one leaves the filtered rows', async () => {
    const resident = await makeCitizen(t);
    const old = await fileReport(t, resident.token, { description: `一月的旧垃圾堆 ${stamp}` });
    const wanted = await fileReport(t, resident.token, { description: `十一月的新垃圾堆 ${stamp}` });
    expect(old.status).toBe(201);
    expect(wanted.status).toBe(201);
    const oldNo = old.body.trackingNo as string;
    const wantedNo = wanted.body.trackingNo as string;

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    context.setDefaultTimeout(UI_TIMEOUT);
    const page = await context.newPage();
    // the first queue request (no keyword) is held back until the filtered one has been answered and painted
    let delayed = 0;
    let releaseSlow!: () => void;
    const slowReleased = new Promise<void>((resolve) => (releaseSlow = resolve));
    let slowDone!: () => void;
    const slowSettled = new Promise<void>((resolve) => (slowDone = resolve));
    await page.route(/\/api\/v1\/admin\/tickets\?/, async (route) => {
      const url = new URL(route.request().url());
      if (!url.searchParams.has('q') && delayed === 0) {
        delayed += 1;
        await slowReleased;
        // the page may have cancelled it meanwhile; then there is nothing to answer
        await route.continue().catch(() => undefined);
        slowDone();
        return;
      }
      await route.continue();
    });
    await page.goto(`${t.url}/admin/login`);
    await page.getByPlaceholder('用户名').fill(names.dispatcher);
    await page.getByPlaceholder('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/tickets/);
    await expect.poll(() => delayed, { timeout: UI_TIMEOUT }).toBe(1);

    // (查询 itself is a loading button while the first answer is outstanding; Enter in the field submits the form)
    await page.getByPlaceholder('工单编号 / 描述 / 地址').fill(wantedNo);
    await page.getByPlaceholder('工单编号 / 描述 / 地址').press('Enter');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.allTextContents(), { timeout: UI_TIMEOUT }).toEqual([expect.stringContaining(wantedNo)]);

    releaseSlow();
    await slowSettled;
    await page.waitForTimeout(1500); // time for a stale answer to be painted, were it accepted
    const texts = await rows.allTextContents();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(wantedNo);
    expect(texts.join('')).not.toContain(oldNo);
    await page.screenshot({ path: artifactPath('daily-stale-filter.png') });
  }, 240_000);
});
