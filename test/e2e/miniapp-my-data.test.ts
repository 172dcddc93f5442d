import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { artifactPath, launchBrowser, H5_DEVICE } from './browser.js';

/**
 * 个人信息保护法 in the H5 build against the real server: 我的 → 导出我的数据 downloads the
 * resident's data as JSON; 我的 → 注销账号 asks first, then deletes the account; the privacy page lists the
 * rights and the retention periods.
 */
describe('H5 我的: my data', () => {
  let t: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_LOGIN: '1' } });
    browser = await launchBrowser();
    ctx = await browser.newContext({ ...H5_DEVICE, acceptDownloads: true });
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await t?.close();
  });

  /** The one resident of this fresh database: the H5 demo login's. */
  const citizens = () => t.deps.connection.db!.collection('citizens').find({ source: 'demo' }).toArray();

  it('导出我的数据 downloads my profile as JSON', async () => {
    await page.goto(`${t.url}/h5/#/pages/me/index`, { waitUntil: 'networkidle' });
    await page.locator('.me__export').waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await page.locator('.me__name').textContent()) ?? '', { timeout: 20_000 }).not.toBe('未登录');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.locator('.me__export').click()]);
    expect(download.suggestedFilename()).toMatch(/^我的数据-\d{4}-\d{2}-\d{2}\.json$/);
    const file = artifactPath('h5-my-data.json');
    await download.saveAs(file);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data.profile.source).toBe('demo');
    expect(data.reports).toEqual([]);
    expect((await citizens()).map((c) => String(c._id))).toEqual([data.profile.id]);
    await page.screenshot({ path: artifactPath('h5-me-my-data.png'), fullPage: true });
  });

  it('注销账号 asks for confirmation; cancelling keeps the account, confirming deletes it', async () => {
    const [me] = await citizens();
    expect(me).toBeDefined();
    const exists = () => t.deps.connection.db!.collection('citizens').countDocuments({ _id: me!._id });
    await page.locator('.me__delete').click();
    await page.getByText('确认注销', { exact: true }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifactPath('h5-me-delete-confirm.png'), fullPage: true });
    await page.getByText('取消', { exact: true }).click();
    await page.waitForTimeout(500);
    expect(await exists()).toBe(1);
    await page.locator('.me__delete').click();
    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith('/api/v1/me'));
    await page.getByText('确认注销', { exact: true }).click();
    expect((await deleted).status()).toBe(200);
    await page.getByText('账号已注销').waitFor({ timeout: 10_000 });
    expect(await exists()).toBe(0);
  });

  it('the privacy page lists the rights and how long things are kept', async () => {
    await page.goto(`${t.url}/h5/#/packages/about/pages/privacy/index`, { waitUntil: 'networkidle' });
    await page.locator('.privacy-page').waitFor({ timeout: 20_000 });
    const text = (await page.locator('.privacy-page').textContent()) ?? '';
    for (const s of ['查阅与复制', '导出我的数据', '注销账号', '6 个月', '180 天']) expect(text).toContain(s);
    expect(errors).toEqual([]);
  });
});
