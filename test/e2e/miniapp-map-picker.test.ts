import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { fileReport, JUNSHAN } from '../../server/src/testing/tickets.js';
import { streetsChanged } from '../../server/src/services/map-base.js';
import { artifactPath, launchBrowser, residentToken, H5_DEVICE } from './browser.js';

/**
 * H5 地图选点: the map opens on our own outlines (no tile provider configured: the vector base alone),
 * the resident drags the pin into 君山区 and the place reads "君山区 · 柳林洲街道"; after 确定 the routing
 * preview of the report page says 君山区. With a tile provider configured (a local tile server here) the
 * tiles load under the outlines. The report detail shows the point on a small map.
 */
const settle = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10_000 }).catch(() => undefined);

async function openPicker(page: Page, url: string) {
  await page.goto(`${url}/h5/#/pages/index/index`, { waitUntil: 'networkidle' });
  await page.locator('.home__entry', { hasText: '随手拍' }).click();
  await page.locator('.loc__actions').waitFor({ timeout: 20_000 });
  await page.locator('.loc__actions').getByText('地图选点', { exact: true }).click();
  await page.locator('.map-picker .cgt-map__label--district', { hasText: '君山区' }).waitFor({ timeout: 20_000 });
}

/** Drags the pin so that its tip lands on the centre of the given element. */
async function dragPinOnto(page: Page, selector: string) {
  const pin = (await page.locator('.map-picker .cgt-map__pin').boundingBox())!;
  const target = (await page.locator(selector).boundingBox())!;
  const grab = { x: pin.x + pin.width / 2, y: pin.y + pin.height / 3 };
  const tip = { x: pin.x + pin.width / 2, y: pin.y + pin.height };
  const dest = { x: target.x + target.width / 2, y: target.y + target.height / 2 + 12 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + (dest.x - tip.x) / 2, grab.y + (dest.y - tip.y) / 2, { steps: 8 });
  await page.mouse.move(grab.x + dest.x - tip.x, grab.y + dest.y - tip.y, { steps: 8 });
  await page.mouse.up();
}

describe('H5 map picker', () => {
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_LOGIN: '1' } });
    // the street units' seats are not in the seed data: the test gives 柳林洲街道 (君山区's 街道) one
    await t.deps.models.Street.updateOne({ name: '柳林洲街道' }, { $set: { center: { lat: JUNSHAN.lat, lng: JUNSHAN.lng } } });
    streetsChanged(t.deps);
    browser = await launchBrowser();
    ctx = await browser.newContext(H5_DEVICE);
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await t?.close();
  });

  it('no tile provider: the vector base shows; drag the pin into 君山区 → 君山区 · 柳林洲街道, and the report page routes to 君山区', async () => {
    await openPicker(page, t.url);
    expect(await page.locator('.map-picker .leaflet-tile').count()).toBe(0);
    expect(await page.locator('.map-picker path.leaflet-interactive, .map-picker svg path').count()).toBeGreaterThanOrEqual(9);
    await expect.poll(() => page.locator('.map-picker__label').textContent(), { timeout: 10_000 }).toMatch(/区/); // the city centre resolves first
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-map-picker-01-open.png') });

    await dragPinOnto(page, '.map-picker .cgt-map__label--district:has-text("君山区")');
    await expect.poll(() => page.locator('.map-picker__label').textContent(), { timeout: 10_000 }).toBe('君山区 · 柳林洲街道');
    await page.screenshot({ path: artifactPath('h5-map-picker-02-junshan.png') });

    await page.locator('.map-picker__ok').click();
    await page.locator('.map-picker').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.routing__district').textContent(), { timeout: 10_000 }).toBe('君山区');
    await page.screenshot({ path: artifactPath('h5-map-picker-03-report.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('the report detail shows the point on a small map', async () => {
    const token = await residentToken(page);
    const r = await fileReport(t, token, {});
    expect(r.status).toBe(201);
    await page.goto(`${t.url}/h5/#/packages/reports/pages/detail/index?id=${r.body.id}`, { waitUntil: 'networkidle' });
    await page.locator('.pin-map .cgt-map__pin').waitFor({ state: 'attached', timeout: 20_000 });
    await settle(page);
    await page.locator('.pin-map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('h5-map-picker-04-detail.png'), fullPage: true });
    await page.locator('.pin-map .cgt-map__pin').waitFor({ timeout: 5_000 });
    await page.locator('.pin-map .cgt-map__label--district', { hasText: '君山区' }).waitFor();
    await page.screenshot({ path: artifactPath('h5-map-picker-04-detail.png'), fullPage: true });
  });
});

describe('H5 map picker with a tile provider', () => {
  let tiles: Server;
  const tileHits: string[] = [];
  let t: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#cfe3c4' } })
      .composite([{ input: Buffer.from('<svg width="256" height="256"><rect x="0" y="0" width="256" height="256" fill="none" stroke="#9bb" stroke-width="2"/></svg>') }])
      .png()
      .toBuffer();
    tiles = createServer((req, res) => {
      tileHits.push(req.url ?? '');
      if (!/^\/tiles\/\d+\/\d+\/\d+\.png\?key=test-key$/.test(req.url ?? '')) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    await new Promise<void>((r) => tiles.listen(0, '127.0.0.1', r));
    const port = (tiles.address() as AddressInfo).port;
    t = await startTestServer({
      env: { DEMO_LOGIN: '1', MAP_TILE_URL: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png?key={key}`, MAP_TILE_KEY: 'test-key', MAP_TILE_ATTRIBUTION: '测试底图' },
    });
    browser = await launchBrowser();
    page = await (await browser.newContext(H5_DEVICE)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await new Promise((r) => tiles?.close(r));
  });

  it('tiles from the configured provider load under our outlines (and the CSP lets them in)', async () => {
    await openPicker(page, t.url);
    await expect.poll(() => page.locator('.map-picker img.leaflet-tile-loaded').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(tileHits.some((u) => u.startsWith('/tiles/11/'))).toBe(true);
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('测试底图');
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-map-picker-05-tiles.png') });
  });
});
