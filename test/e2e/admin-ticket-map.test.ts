import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RAISED_LIMITS, startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff } from '../../server/src/testing/staff-accounts.js';
import { fileReport, JUNSHAN, makeCitizen, YUEYANGLOU } from '../../server/src/testing/tickets.js';
import { artifactPath, launchBrowser } from './browser.js';

/**
 * 工单地图 (console): a dispatcher opens the map from the menu, sees the open tickets as clustered markers
 * over the district outlines with "共 N 个", narrows to 君山区, opens a cluster and clicks a marker → the
 * ticket's page. A handler has no menu entry.
 */
const PASSWORD = `Map-${randomBytes(4).toString('hex')}-pw`;
const UI_TIMEOUT = 45_000;

describe('console ticket map', () => {
  let t: TestServer;
  let browser: Browser;
  const ids: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ env: { ...RAISED_LIMITS } });
    await createStaff(t.deps.models, { username: 'map_disp', password: PASSWORD, displayName: '调度员', roles: ['dispatcher'] });
    await createStaff(t.deps.models, { username: 'map_handler', password: PASSWORD, displayName: '处置员', roles: ['handler'] });
    const resident = (await makeCitizen(t)).token;
    for (const p of [JUNSHAN, { lat: JUNSHAN.lat + 0.002, lng: JUNSHAN.lng + 0.002 }, YUEYANGLOU]) {
      const r = await fileReport(t, resident, { location: p });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function login(username: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/admin/login`);
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/tickets/, { timeout: UI_TIMEOUT });
    return page;
  }

  it('dispatcher: markers over the outlines, filter, cluster → marker → the ticket page', async () => {
    const page = await login('map_disp');
    await page.getByRole('menuitem', { name: /工单地图/ }).click();
    await page.waitForURL(/\/admin\/ticket-map/);
    const map = page.getByTestId('ticket-map');
    await map.locator('.tmap__label--district', { hasText: '君山区' }).waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => page.locator('.tmap__summary').textContent(), { timeout: UI_TIMEOUT }).toBe('共 3 个未办结工单');
    await expect.poll(() => map.locator('.tmap__marker, .tmap__cluster').count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: artifactPath('admin-ticket-map-01-city.png') });

    // the queue's district filter
    await page.locator('.tmap__filters .ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: /^君山区$/ }).click();
    await expect.poll(() => page.locator('.tmap__summary').textContent(), { timeout: UI_TIMEOUT }).toBe('共 2 个未办结工单');

    // clusters open by zooming in, until single markers show
    for (let i = 0; i < 8 && (await map.locator('.tmap__marker').count()) === 0; i++) {
      await map.locator('.tmap__cluster').first().click();
      await page.waitForTimeout(800);
    }
    const marker = map.locator('.tmap__marker').first();
    await marker.waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: artifactPath('admin-ticket-map-02-junshan.png') });
    await marker.click();
    await page.waitForURL(/\/admin\/tickets\/[0-9a-f]{24}$/, { timeout: UI_TIMEOUT });
    const id = page.url().split('/').pop()!;
    expect(ids.slice(0, 2)).toContain(id);
    expect(errors).toEqual([]);
  });

  it('a handler has no 工单地图 in the menu', async () => {
    const page = await login('map_handler');
    await page.locator('.ant-menu').first().waitFor();
    expect(await page.getByRole('menuitem', { name: /工单地图/ }).count()).toBe(0);
  });
});
