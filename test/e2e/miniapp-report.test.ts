import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff, loginAs } from '../../server/src/testing/staff-accounts.js';
import { act, departmentOf, JUNSHAN, JUNSHAN_CODE } from '../../server/src/testing/tickets.js';
import { artifactPath, launchBrowser, residentToken, H5_DEVICE } from './browser.js';


/**
 * Acceptance: the citizen H5 build served by the real server on FerretDB (DEMO_LOGIN=1).
 * demo login → 随手拍 with a photo at a 君山区 point → the first response is lost: the page says 正在确认提交结果…
 * and re-sends by itself with the same Idempotency-Key (one ticket, no failure shown) → tracking number + 君山区 → 我的诉求 → timeline; an outside point is
 * refused before submit; staff resolve it through the API → the resident sees the reply and rates it.
 */
/** Waits for Taro's page-transition animations to finish (a screenshot mid-slide shows half a page). */
const settle = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10_000 }).catch(() => undefined);

// the steps build on each other (one resident, one report): a retry would repeat a filing, so none
describe('H5 随手拍 against the real server', { retry: 0 }, () => {
  let t: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const photoPath = artifactPath('h5-sample-photo.png').replace(/screenshots\/h5-sample-photo\.png$/, 'h5-sample-photo.png');
  // shared between the steps below (they run in order)
  let token = '';
  let ticketId = '';
  let trackingNo = '';
  const postKeys: string[] = [];
  /** POSTs of the first report (the lost one and its re-sends) */
  let sentBefore = 0;

  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_LOGIN: '1' } });
    browser = await launchBrowser();
    // no geolocation permission: the automatic locate is refused and the resident types the point in
    ctx = await browser.newContext(H5_DEVICE);
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#6b8e23' },
    })
      .composite([{ input: Buffer.from('<svg width="640" height="480"><rect x="200" y="180" width="240" height="160" fill="#8b5a2b"/><text x="40" y="80" font-size="48" fill="#fff">test photo</text></svg>') }])
      .png()
      .toFile(photoPath);
  });
  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await t?.close();
  });

  const shot = async (name: string) => (await settle(page), page.screenshot({ path: artifactPath(`h5-${name}.png`), fullPage: true }));
  const mine = async () => (await t.request('GET', '/api/v1/reports/mine?pageSize=50', { token })).body as { nextCursor: string | null; items: { id: string; trackingNo: string }[] };

  async function enterPoint(lat: number, lng: number) {
    await page.locator('.loc__actions').getByText('手动输入', { exact: true }).click();
    await page.locator('.loc__manual-input input').nth(0).fill(String(lat));
    await page.locator('.loc__manual-input input').nth(1).fill(String(lng));
    await page.getByText('确定位置').click();
  }

  it('the test point resolves to 君山区 (430611)', async () => {
    const res = await t.request('GET', `/api/v1/routing/resolve?lat=${JUNSHAN.lat}&lng=${JUNSHAN.lng}&coordSys=gcj02`);
    expect(res.status).toBe(200);
    expect(res.body.district).toMatchObject({ code: JUNSHAN_CODE, name: '君山区' });
  });

  it('demo login → photo + 君山区 point → lost response: confirmed by itself → one ticket with tracking number and 君山区', async () => {
    // The server handles the first POST, but its answer never reaches the app (a dropped connection).
    // The re-send waits until the test has seen the locked form, so the confirming state is observable.
    let releaseResend = () => {};
    const resendGate = new Promise<void>((r) => (releaseResend = r));
    const bodies: string[] = [];
    await page.route('**/api/v1/reports', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      postKeys.push(route.request().headers()['idempotency-key'] ?? '');
      bodies.push(route.request().postData() ?? '');
      if (postKeys.length === 1) {
        const res = await route.fetch();
        expect(res.status()).toBe(201); // the server did file it
        return route.abort('connectionreset');
      }
      await resendGate;
      return route.continue();
    });

    await page.goto(`${t.url}/h5/#/pages/index/index`, { waitUntil: 'networkidle' });
    await page.locator('.home__entry', { hasText: '随手拍' }).waitFor({ timeout: 20_000 });
    await shot('01-home');
    await page.locator('.home__entry', { hasText: '随手拍' }).click();
    await page.locator('.photos__add').waitFor({ timeout: 20_000 });

    // the demo login happened on the first API call
    token = await residentToken(page, 15_000);
    expect(token.length).toBeGreaterThan(20);
    expect((await mine()).items).toHaveLength(0);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').click()]);
    await chooser.setFiles([photoPath]);
    await page.waitForFunction(() => document.querySelector('.photos__tile .photos__img') && !document.querySelector('.photos__overlay'), null, { timeout: 20_000 });

    await enterPoint(JUNSHAN.lat, JUNSHAN.lng);
    await expect.poll(() => page.locator('.routing__district').textContent().catch(() => ''), { timeout: 15_000 }).toBe('君山区');

    await page.getByText('请选择').click();
    await page.locator('.cats__chip', { hasText: '暴露垃圾' }).first().click();
    await page.locator('.report__desc textarea').fill('君山区柳林洲街道路边有暴露垃圾堆放，已经两天没人清理。');
    await shot('02-report-filled');

    await page.locator('.report__submit').click();
    await page.locator('.confirming__title').waitFor({ timeout: 20_000 });
    expect(await page.locator('.confirming__title').textContent()).toBe('正在确认提交结果…');
    // no failure is claimed, and the form is locked: a tap on the description lands on the overlay
    expect(await page.getByText('提交未成功').count()).toBe(0);
    expect(await page.getByText('网络连接失败').count()).toBe(0);
    // (the form's fields are under it wherever it is tapped, above the tab bar; while a re-send is in flight
    // the loading toast's mask lies over it too, which locks the form as well)
    for (const y of [100, 300, 500, 700]) {
      expect(await page.evaluate(([x, yy]) => !!document.elementFromPoint(x!, yy!)?.closest('.confirming, .taro__toast'), [195, y])).toBe(true);
    }
    // a restart meanwhile keeps the "sent, answer unknown" state in the stored draft
    const stored = await page.evaluate(() => {
      // Taro's H5 storage wraps the value: {"data": <the serialized draft>}
      const raw = JSON.parse(localStorage.getItem('cgt:report-draft') ?? 'null');
      return typeof raw?.data === 'string' ? JSON.parse(raw.data) : raw?.data;
    });
    expect(stored).toMatchObject({ awaitingAnswer: true, idempotencyKey: postKeys[0] });
    // no settle(): the spinner turns until the answer comes
    await page.screenshot({ path: artifactPath('h5-03-confirming.png'), fullPage: true });
    expect((await mine()).items).toHaveLength(1); // the server did create it
    releaseResend();

    await page.getByText('提交成功').waitFor({ timeout: 20_000 });
    trackingNo = (await page.locator('.result__no').textContent())!.trim();
    expect(trackingNo).toMatch(/^YY\d{8}-\d{6}$/);
    expect(await page.locator('.result__district').textContent()).toContain('君山区');
    await shot('04-success');

    // every re-send (one, unless the box is slow enough for a held one to time out too) is the same request
    expect(postKeys.length).toBeGreaterThanOrEqual(2);
    expect(postKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(postKeys)).toEqual(new Set([postKeys[0]]));
    expect(new Set(bodies)).toEqual(new Set([bodies[0]]));
    sentBefore = postKeys.length;
    const list = await mine();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.trackingNo).toBe(trackingNo);
    ticketId = list.items[0]!.id;
    // through the driver: a test's check of the source, not a query of the server (the index-plan guard watches models)
    expect(await t.deps.connection.db!.collection('tickets').countDocuments({})).toBe(1);
  });

  it('我的诉求 lists it; the detail shows the timeline', async () => {
    await page.locator('.result__actions').getByText('查看办理进度', { exact: true }).click();
    await page.locator('.tl__label').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.tl__label').allTextContents()).toEqual(['提交诉求']);
    expect(await page.locator('.detail').textContent()).toContain(trackingNo);
    await shot('05-detail');

    await page.goto(`${t.url}/h5/#/packages/reports/pages/list/index`);
    await page.locator('.mine__item', { hasText: trackingNo }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.mine__item').count()).toBe(1);
    await shot('06-my-reports');
  });

  it('a point outside the city is refused before submit', async () => {
    await page.goto(`${t.url}/h5/#/pages/report/index`);
    await page.locator('.photos__add, .result__actions').filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    // the tab page keeps the last success until 继续上报
    if (await page.getByText('继续上报').isVisible()) await page.getByText('继续上报').click();
    await page.locator('.photos__add').waitFor({ timeout: 20_000 });
    // an otherwise complete report…
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').click()]);
    await chooser.setFiles([photoPath]);
    await page.waitForFunction(() => document.querySelector('.photos__tile .photos__img') && !document.querySelector('.photos__overlay'), null, { timeout: 20_000 });
    await page.getByText('请选择').click();
    await page.locator('.cats__chip', { hasText: '暴露垃圾' }).first().click();
    await page.locator('.report__desc textarea').fill('长沙市区路边有暴露垃圾堆放。');
    // …at a point outside the city
    await enterPoint(28.19, 112.97); // 长沙
    await page.locator('.tip--danger').waitFor({ timeout: 15_000 });
    expect(await page.locator('.tip--danger').first().textContent()).toMatch(/不在岳阳市城管服务范围内/);
    expect(await page.locator('.report__submit').getAttribute('class')).toContain('btn--disabled');
    await page.locator('.report__submit').click();
    await page.getByText('该位置不在服务范围内，请重新选择位置').waitFor({ timeout: 5_000 });
    await shot('07-outside-refused');
    expect(postKeys).toHaveLength(sentBefore); // nothing was sent
  });

  it('staff accept, dispatch and resolve it; the resident sees the reply and rates it', async () => {
    const dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
    await createStaff(t.deps.models, { username: 'dispatcher_js', password: 'Test-pass-1234', roles: ['dispatcher'], districtCodes: [JUNSHAN_CODE], displayName: '调度员' });
    await createStaff(t.deps.models, { username: 'handler_js', password: 'Test-pass-1234', roles: ['handler'], districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id], displayName: '处置员' });
    const dispatcher = await loginAs(t, 'dispatcher_js', 'Test-pass-1234');
    const handler = await loginAs(t, 'handler_js', 'Test-pass-1234');
    expect((await act(t, dispatcher.token, ticketId, { action: 'accept' })).status).toBe(200);
    expect((await act(t, dispatcher.token, ticketId, { action: 'dispatch', departmentId: dept.id })).status).toBe(200);
    const resolved = await act(t, handler.token, ticketId, { action: 'resolve', reply: '垃圾已清运，现场已冲洗干净。' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');

    await page.goto(`${t.url}/h5/#/packages/reports/pages/detail/index?id=${ticketId}`);
    await page.locator('.reply__text').waitFor({ timeout: 20_000 });
    expect(await page.locator('.reply__text').textContent()).toBe('垃圾已清运，现场已冲洗干净。');
    expect(await page.locator('.reply__who').textContent()).toBe(dept.name);
    expect(await page.locator('.tl__label').count()).toBe(4);
    expect(await page.locator('.detail').textContent()).not.toMatch(/调度员|处置员/);
    // the reply once (under 处理回复, not again in the timeline); the 君山区 dispatcher's unit, not the city centre
    const text = (await page.locator('.detail').textContent()) ?? '';
    expect(text.split('垃圾已清运，现场已冲洗干净。').length - 1).toBe(1);
    expect(await page.locator('.tl__content', { hasText: '君山区城市管理指挥分中心' }).count()).toBe(2); // 受理, 派遣
    expect(text).not.toContain('城市管理指挥中心');
    // no address was typed: the place is still named
    expect(await page.locator('.detail__place').textContent()).toMatch(/^君山区/);
    await page.locator('.rate__opt').getByText('满意', { exact: true }).click();
    await page.locator('.rate__comment textarea').fill('处理很及时');
    await shot('08-resolved-rating');
    const submit = page.locator('.btn', { hasText: '提交评价' });
    await submit.scrollIntoViewIfNeeded();
    // a real tap at the button's centre (Playwright's actionability check trips over Taro's stacked
    // pull-to-refresh containers of earlier pages, although the button is the hit target there)
    const box = (await submit.boundingBox())!;
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.textContent, [box.x + box.width / 2, box.y + box.height / 2])).toBe('提交评价');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByText('我的评价').waitFor({ timeout: 20_000 });
    await shot('09-rated');

    const detail = await t.request('GET', `/api/v1/reports/${ticketId}`, { token });
    expect(JSON.stringify(detail.body.rating ?? detail.body.satisfaction)).toContain('satisfied');
    // the one deliberately dropped response surfaces as Taro's own unhandled 'Failed to fetch' rejection
    expect(errors.filter((e) => e !== 'Failed to fetch')).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
  });
});
