import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { act, departmentOf, fileReport, JUNSHAN_CODE, makeStaff } from '../../server/src/testing/tickets.js';
import { artifactPath, launchBrowser, residentToken, H5_DEVICE } from './browser.js';

/**
 * The H5 build against the real server: 我的诉求's tabs (全部 / 处理中 / 待评价 / 已办结, filtered by the
 * server), pull-to-refresh, and the title bar with 返回 that every H5 subpage has (tab pages have none).
 */
const settle = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10_000 }).catch(() => undefined);

describe('H5 我的诉求 tabs and the subpage title bar', () => {
  let t: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  let token = '';
  const ids: Record<'submitted' | 'dispatched' | 'resolved' | 'closedRated' | 'rejected', string> = {} as never;
  const groupsAsked: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_LOGIN: '1' } });
    browser = await launchBrowser();
    ctx = await browser.newContext(H5_DEVICE);
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/v1/reports/mine') groupsAsked.push(u.searchParams.get('group') ?? 'all');
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await t?.close();
  });

  const shot = async (name: string) => (await settle(page), page.screenshot({ path: artifactPath(`h5-${name}.png`) }));
  const listed = () => page.locator('.mine__item .muted').allTextContents();
  /** the tracking numbers the list shows, in order */
  const shown = async () => (await listed()).map((s) => s.split(' · ')[0]!.trim()).filter((s) => /^YY/.test(s));
  const tracking: Record<string, string> = {};

  it('the resident (demo login) has a report in each situation', async () => {
    await page.goto(`${t.url}/h5/#/pages/me/index`, { waitUntil: 'networkidle' });
    token = await residentToken(page, 20_000);
    const dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
    const dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
    const handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id] });
    const ok = async (p: Promise<{ status: number }>) => expect((await p).status).toBe(200);
    for (const k of ['submitted', 'dispatched', 'resolved', 'closedRated', 'rejected'] as const) {
      const r = await fileReport(t, token, { description: `${k}：路边有暴露垃圾堆放` });
      expect(r.status).toBe(201);
      ids[k] = r.body.id;
      tracking[k] = r.body.trackingNo;
    }
    for (const k of ['dispatched', 'resolved', 'closedRated'] as const) {
      await ok(act(t, dispatcher.token, ids[k], { action: 'accept' }));
      await ok(act(t, dispatcher.token, ids[k], { action: 'dispatch', departmentId: dept.id }));
    }
    for (const k of ['resolved', 'closedRated'] as const) await ok(act(t, handler.token, ids[k], { action: 'resolve', reply: '已清理' }));
    await ok(act(t, dispatcher.token, ids.closedRated, { action: 'verify' }));
    await ok(t.request('POST', `/api/v1/reports/${ids.closedRated}/rating`, { token, body: { satisfaction: 'satisfied' } }));
    await ok(act(t, dispatcher.token, ids.rejected, { action: 'reject', reason: '不属于城管职责' }));
  });

  it('tab pages have no title bar; 我 → 我的诉求 has one with the title and 返回', async () => {
    await page.locator('.cell', { hasText: '我的诉求' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.h5-header').count()).toBe(0);
    await page.locator('.cell', { hasText: '我的诉求' }).click();
    await page.locator('.mine__item').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.h5-header__title').textContent(), { timeout: 10_000 }).toBe('我的诉求');
    expect(await page.locator('.h5-header__back').textContent()).toBe('返回');
    // the bar does not cover the page: the tabs start below it
    const bar = (await page.locator('.h5-header').boundingBox())!;
    const tabs = (await page.locator('.mine__tabs').boundingBox())!;
    expect(bar.y).toBe(0);
    expect(tabs.y).toBeGreaterThanOrEqual(bar.y + bar.height);
    expect(await page.locator('.mine__tab').allTextContents()).toEqual(['全部', '处理中', '待评价', '已办结']);
    expect(new Set(await shown())).toEqual(new Set(Object.values(tracking)));
    await shot('mine-tabs-all');
  });

  it('each tab lists what the server filters for it', async () => {
    const want = {
      处理中: [tracking.submitted, tracking.dispatched],
      待评价: [tracking.resolved],
      已办结: [tracking.closedRated, tracking.rejected],
    };
    for (const [label, nos] of Object.entries(want)) {
      const asked = groupsAsked.length;
      await page.locator('.mine__tab', { hasText: label }).click();
      await expect.poll(async () => new Set(await shown()), { timeout: 15_000 }).toEqual(new Set(nos));
      expect(await page.locator('.mine__tab--on').textContent()).toBe(label);
      expect(groupsAsked.slice(asked)).toEqual([{ 处理中: 'active', 待评价: 'to_rate', 已办结: 'done' }[label]]);
      if (label === '待评价') await shot('mine-tab-to-rate');
    }
  });

  it('pull to refresh shows a report filed meanwhile', async () => {
    await page.locator('.mine__tab', { hasText: '处理中' }).click();
    await expect.poll(async () => (await shown()).length, { timeout: 15_000 }).toBe(2);
    const r = await fileReport(t, token, { description: '新的：路边有暴露垃圾堆放' });
    expect(r.status).toBe(201);
    const asked = groupsAsked.length;
    // a finger dragging the page down from the top, as on a phone
    const cdp = await ctx.newCDPSession(page);
    const x = 195;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: 200 }] });
    for (let y = 210; y <= 520; y += 15) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      await page.waitForTimeout(16);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => (await shown())[0], { timeout: 15_000 }).toBe(r.body.trackingNo);
    expect(groupsAsked.slice(asked)).toContain('active');
    expect(await shown()).toHaveLength(3);
  });

  it('返回 goes back to 我的; a subpage opened directly goes home', async () => {
    await page.locator('.h5-header__back').click();
    await page.locator('.cell', { hasText: '我的诉求' }).waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => page.locator('.h5-header').count(), { timeout: 10_000 }).toBe(0);
    expect(page.url()).toContain('/pages/me/index');

    await page.goto(`${t.url}/h5/#/packages/reports/pages/detail/index?id=${ids.resolved}`, { waitUntil: 'networkidle' });
    await page.locator('.tl__label').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.h5-header__title').textContent(), { timeout: 10_000 }).toBe('诉求详情');
    await shot('detail-header');
    await page.locator('.h5-header__back').click();
    await page.locator('.home__entry').first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(page.url()).toContain('/pages/index/index');
    expect(errors).toEqual([]);
  });
});
