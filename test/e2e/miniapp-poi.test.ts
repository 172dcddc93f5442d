import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { staffToken } from '../../server/src/testing/staff-token.js';
import { artifactPath, launchBrowser } from './browser.js';

/**
 * In the H5 build against the real server (demo car parks and toilets seeded): 找车位 and 找厕所
 * — consent before location, fallback to the city centre with a notice, filters, free/total with
 * freshness (stale > 15 min), 示例数据 marks, the static sketch, 导航, and 报告问题 → 随手拍 pre-filled.
 */
const CITY_CENTRE = { lat: 29.3572, lng: 113.1289 };

/** Waits for Taro's page-transition animations to finish (a screenshot mid-slide shows half a page). */
const settle = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10_000 }).catch(() => undefined);

describe('H5 找车位 / 找厕所', () => {
  let t: TestServer;
  let browser: Browser;
  let offsetMs = 0; // moves the server clock (to write an old occupancy reading)

  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_LOGIN: '1' }, now: () => new Date(Date.now() + offsetMs) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function mobile(opts: { geolocation?: { latitude: number; longitude: number } } = {}): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      ...(opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {}),
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { ctx, page, errors };
  }

  const names = (page: Page, item: string) => page.locator(`${item} .poi-item__name`).allTextContents();

  it('找车位: consent refused → city centre with a notice; free/total with freshness; 有空位; sketch; 导航', async () => {
    // two car parks near the centre get an operator feed: one reading 20 minutes old (stale), one fresh
    const near = await t.request('GET', `/api/v1/parking/nearby?lat=${CITY_CENTRE.lat}&lng=${CITY_CENTRE.lng}&radius=3000&limit=30`);
    expect(near.status).toBe(200);
    expect(near.body.items.length).toBeGreaterThan(3);
    const [staleOne, freshOne] = near.body.items as { id: string; name: string; totalSpaces: number; location: { lat: number; lng: number } }[];
    const admin = await staffToken(t, ['admin']);
    const op = await t.request('POST', '/api/v1/admin/parking/operators', { token: admin, body: { name: '测试运营方', parkingIds: [staleOne!.id, freshOne!.id] } });
    expect(op.status).toBe(201);
    const put = (id: string, freeSpaces: number) => t.request('PUT', `/api/v1/parking/${id}/occupancy`, { body: { freeSpaces }, headers: { 'x-api-key': op.body.apiKey } });
    offsetMs = -20 * 60_000;
    expect((await put(staleOne!.id, 5)).status).toBe(200);
    offsetMs = 0;
    expect((await put(freshOne!.id, 7)).status).toBe(200);

    const { ctx, page, errors } = await mobile();
    await page.goto(`${t.url}/h5/#/pages/index/index`, { waitUntil: 'networkidle' });
    await page.locator('.home__entry', { hasText: '找车位' }).click({ timeout: 20_000 });
    await page.locator('.poi-consent').waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('/packages/poi/pages/parking/index');
    expect(await page.locator('.poi-origin__text').textContent()).toBe('距离按岳阳市中心计算');
    await page.locator('.parking-item').first().waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-poi-01-parking-consent.png'), fullPage: true });

    await page.locator('.poi-consent__no').click();
    await page.locator('.poi-notice').waitFor();
    expect(await page.locator('.poi-notice').textContent()).toContain('您未允许使用位置信息，当前显示岳阳市中心附近的停车场');
    expect(await page.locator('.poi-consent').count()).toBe(0);

    // every item: distance, 示例数据, free/total, fee and hours; sorted as the server sorted them
    const list = page.locator('.parking-item');
    expect(await names(page, '.parking-item')).toEqual(near.body.items.map((i: { name: string }) => i.name));
    expect(await list.locator('.poi-demo').count()).toBe(await list.count());
    expect(await list.first().locator('.poi-item__dist').textContent()).toMatch(/^\d+ 米$|^\d+\.\d 公里$/);
    const stale = list.nth(0); // names are not unique: the first two are the ones with a feed
    expect(await stale.locator('.parking-item__free-no').textContent()).toBe('5');
    expect(await stale.locator('.parking-item__total').textContent()).toBe(`/${staleOne!.totalSpaces}`);
    expect(await stale.locator('.parking-item__fresh').textContent()).toMatch(/^数据可能已过期（2\d 分钟前更新）$/);
    const fresh = list.nth(1);
    expect(await fresh.locator('.parking-item__free-no').textContent()).toBe('7');
    expect(await fresh.locator('.parking-item__fresh').textContent()).toBe('刚刚更新');
    expect(await list.first().textContent()).toMatch(/收费.+开放(开放中|未开放)/);
    // the static sketch: district outlines + numbered dots, as an SVG image
    const sketch = await page.locator('.poi-sketch__img img, img.poi-sketch__img').first().getAttribute('src');
    expect(sketch).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent(sketch!)).toContain('<path d="M');
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-poi-02-parking-list.png'), fullPage: true });

    // 有空位: the fresh one drops to 0 and disappears from the filtered list
    await put(freshOne!.id, 0);
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/v1/parking/nearby') && r.url().includes('hasFree=true')),
      page.locator('.poi-chip', { hasText: '有空位' }).click(),
    ]);
    expect(req).toBeTruthy();
    const withFree = await t.request('GET', `/api/v1/parking/nearby?lat=${CITY_CENTRE.lat}&lng=${CITY_CENTRE.lng}&radius=3000&limit=30&hasFree=true`);
    expect(withFree.body.items.map((i: { id: string }) => i.id)).not.toContain(freshOne!.id);
    await expect.poll(() => names(page, '.parking-item'), { timeout: 15_000 }).toEqual(withFree.body.items.map((i: { name: string }) => i.name));
    for (const no of await list.locator('.parking-item__free-no').allTextContents()) expect(Number(no)).toBeGreaterThan(0);
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-poi-03-parking-has-free.png'), fullPage: true });

    // 导航 outside WeChat opens the Amap marker page at the car park (GCJ-02)
    await page.evaluate(() => {
      (window as unknown as { __opened: string[] }).__opened = [];
      window.open = ((u: string) => {
        (window as unknown as { __opened: string[] }).__opened.push(u);
        return null;
      }) as typeof window.open;
    });
    const first = list.first();
    const firstName = (await first.locator('.poi-item__name').textContent())!;
    await first.locator('.poi-nav').click();
    const opened = await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain('https://uri.amap.com/marker?position=');
    expect(decodeURIComponent(opened[0]!)).toContain(firstName);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('找厕所: location after consent; type labels 固定公厕/移动公厕; clustered sketch; filters 开放中 / 无障碍 / 母婴室; browser refusal falls back with a notice', async () => {
    // WGS-84 from the browser (converted to GCJ-02 by the app), near the city centre
    const { ctx, page, errors } = await mobile({ geolocation: { latitude: 29.3598, longitude: 113.1235 } });
    await page.goto(`${t.url}/h5/#/packages/poi/pages/toilets/index`, { waitUntil: 'networkidle' });
    await page.locator('.poi-consent').waitFor({ timeout: 20_000 });
    await page.locator('.toilet-item').first().waitFor({ timeout: 20_000 });
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/v1/toilets/nearby') && !r.url().includes(`lat=${CITY_CENTRE.lat}&`)),
      page.locator('.poi-consent__yes').click(),
    ]);
    const u = new URL(req.url());
    expect(Number(u.searchParams.get('lat'))).toBeCloseTo(29.3598 - 0.0025, 2); // GCJ-02 shift
    await expect.poll(() => page.locator('.poi-origin__text').textContent()).toBe('距离按您的当前位置计算');
    expect(await page.locator('.poi-notice').count()).toBe(0);
    const items = page.locator('.toilet-item');
    await items.first().waitFor();
    expect(await items.locator('.poi-demo').count()).toBe(await items.count());
    // type labels are whole words (固定公厕 / 移动公厕), never the bare import codes
    const metas = await items.locator('.poi-item__meta').allTextContents()
    expect(metas.some((m) => /固定公厕|移动公厕|沿街单位开放厕所/.test(m))).toBe(true)
    for (const m of metas) expect(m).not.toMatch(/· (固定|移动)( ·|$)/)
    // the sketch: dots that would overlap are one bubble with a count; nothing sits on the scale bar
    const toiletSketch = decodeURIComponent((await page.locator('.poi-sketch__img img, img.poi-sketch__img').first().getAttribute('src'))!)
    const svgH = Number(/<svg[^>]* height="(\d+)"/.exec(toiletSketch)![1])
    const dots = [...toiletSketch.matchAll(/<circle (class="cluster" )?cx="([\d.-]+)" cy="([\d.-]+)" r="(15|22)"/g)]
      .filter((m) => m[4] === '15' || m[1]) // not the search centre's halo (r 22, no class)
      .map((m) => ({ r: Number(m[4]), x: Number(m[2]), y: Number(m[3]) }))
    expect(dots.length).toBeGreaterThan(0)
    for (const [i, a] of dots.entries()) {
      expect(a.y + a.r).toBeLessThanOrEqual(svgH - 44 + 15)
      for (const b of dots.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.r + b.r)
    }
    // every result is on the sketch: single dots plus the counts in the bubbles
    const inBubbles = [...toiletSketch.matchAll(/class="cluster-count"[^>]*>(\d+)处<\/text>/g)].reduce((n, m) => n + Number(m[1]), 0)
    expect(dots.filter((d) => d.r === 15).length + inBubbles).toBe(await items.count())
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-poi-04-toilets.png'), fullPage: true });

    for (const [label, check] of [
      ['开放中', async () => expect(new Set(await items.locator('.poi-open, .poi-closed').allTextContents())).toEqual(new Set(['开放中']))],
      ['无障碍', async () => expect(await items.filter({ hasNot: page.locator('.poi-tag', { hasText: '无障碍' }) }).count()).toBe(0)],
      ['母婴室', async () => expect(await items.filter({ hasNot: page.locator('.poi-tag', { hasText: '母婴室' }) }).count()).toBe(0)],
    ] as const) {
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/toilets/nearby') && r.url().includes(label === '开放中' ? 'openNow=true' : label === '无障碍' ? 'accessible=true' : 'babyRoom=true')),
        page.locator('.poi-chip', { hasText: label }).click(),
      ]);
      await expect.poll(() => page.locator('.poi-chip--on', { hasText: label }).count()).toBe(1);
      await expect.poll(async () => (await items.count()) > 0 || (await page.locator('.poi-empty').count()) > 0, { timeout: 15_000 }).toBe(true);
      await check();
    }
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-poi-05-toilets-filtered.png'), fullPage: true });
    expect(errors).toEqual([]);
    await ctx.close();

    // the browser refuses: city centre, and a notice saying so
    const denied = await mobile();
    await denied.page.goto(`${t.url}/h5/#/packages/poi/pages/toilets/index`, { waitUntil: 'networkidle' });
    await denied.page.locator('.poi-consent__yes').click({ timeout: 20_000 });
    await denied.page.locator('.poi-notice').waitFor({ timeout: 20_000 });
    expect(await denied.page.locator('.poi-notice').textContent()).toContain('未能获取您的位置');
    expect(await denied.page.locator('.poi-origin__text').textContent()).toBe('距离按岳阳市中心计算');
    await settle(denied.page);
    await denied.page.screenshot({ path: artifactPath('h5-poi-06-toilets-location-refused.png'), fullPage: true });
    await denied.ctx.close();
  });

  it('报告问题 on a toilet opens 随手拍 pre-filled with 公厕问题 (90004) and the toilet’s location', async () => {
    const { ctx, page, errors } = await mobile();
    await page.goto(`${t.url}/h5/#/packages/poi/pages/toilets/index`, { waitUntil: 'networkidle' });
    await page.locator('.poi-consent__no').click({ timeout: 20_000 });
    const first = page.locator('.toilet-item').first();
    await first.waitFor({ timeout: 20_000 });
    const name = (await first.locator('.poi-item__name').textContent())!;
    const res = await t.request('GET', `/api/v1/toilets/nearby?lat=${CITY_CENTRE.lat}&lng=${CITY_CENTRE.lng}&radius=3000&limit=30`);
    const toilet = (res.body.items as { name: string; location: { lat: number; lng: number }; districtName: string }[]).find((i) => i.name === name)!;
    await first.locator('.poi-report').click();

    await page.locator('.report__prefill').waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('/pages/report/index');
    expect(await page.locator('.report__prefill').textContent()).toContain(`公厕「${name}」`);
    await expect.poll(() => page.locator('.picker-row__value').first().textContent()).toBe('公厕问题');
    expect(await page.locator('.card__title-extra').filter({ hasText: /^\d+\.\d+, \d+\.\d+$/ }).textContent()).toBe(
      `${toilet.location.lat.toFixed(5)}, ${toilet.location.lng.toFixed(5)}`,
    );
    expect(await page.locator('.report .field-input input').first().inputValue()).toContain(name);
    await expect.poll(() => page.locator('.routing__district').textContent().catch(() => ''), { timeout: 15_000 }).toBe(toilet.districtName);
    expect(await page.locator('.report__desc textarea').inputValue()).toBe(`${name}：`);
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-poi-07-toilet-report-prefilled.png'), fullPage: true });

    // a second 报告问题 while that draft has content: asked first, then replaced (fresh draft, the other toilet)
    // (switchTab closed the toilet page, as on WeChat: open it again; the consent answer is remembered)
    await page.goto(`${t.url}/h5/#/packages/poi/pages/toilets/index`);
    const second = page.locator('.toilet-item').nth(1);
    await second.waitFor({ timeout: 20_000 });
    const name2 = (await second.locator('.poi-item__name').textContent())!;
    await second.locator('.poi-report').click();
    await page.getByText('替换当前草稿？').waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: artifactPath('h5-poi-08-toilet-report-replace.png'), fullPage: true });
    await page.getByText('替换', { exact: true }).click();
    await expect.poll(() => page.locator('.report__prefill').textContent(), { timeout: 15_000 }).toContain(`公厕「${name2}」`);
    expect(await page.locator('.report__desc textarea').inputValue()).toBe(`${name2}：`);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
