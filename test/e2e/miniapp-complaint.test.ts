import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { makeOfficer, staffAct } from '../../server/src/testing/complaints.js';
import { artifactPath, launchBrowser, H5_DEVICE } from './browser.js';

/**
 * In the H5 build against the real server: a resident files a 信访 (client checks incl. the ID
 * checksum), sees it in 我的信访 with its deadline; an officer accepts, assigns, extends once (a second
 * extension is refused), concludes; the resident sees the written reply and rates it.
 */
const VALID_ID = '430602198503121237';
const BAD_CHECKSUM_ID = '430602198503121238';

/** Waits for Taro's page-transition animations to finish (a screenshot mid-slide shows half a page). */
const settle = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10_000 }).catch(() => undefined);

describe('H5 我要信访', () => {
  let t: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  let complaintId = '';
  let caseNo = '';

  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_LOGIN: '1' } });
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

  const shot = async (name: string) => (await settle(page), page.screenshot({ path: artifactPath(`h5-complaint-${name}.png`), fullPage: true }));
  const fill = (cls: string, v: string) => page.locator(`.${cls} input, .${cls} textarea`).first().fill(v);

  it('首页 → 我要信访: the form checks the real-name fields (ID checksum) and files the complaint', async () => {
    await page.goto(`${t.url}/h5/#/pages/index/index`, { waitUntil: 'networkidle' });
    await page.locator('.home__entry', { hasText: '我要信访' }).click({ timeout: 20_000 });
    await page.locator('.complaint-intro').waitFor({ timeout: 20_000 });
    expect(await page.locator('.complaint-intro').textContent()).toContain('随手拍');

    // empty submit: every required field says what is missing, nothing is sent
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/complaints')) posts++;
    });
    await page.locator('.complaint-submit').click();
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThanOrEqual(7);
    await shot('01-form-errors');

    await page.locator('.complaint-type', { hasText: '申诉求决' }).click();
    await fill('complaint-content', '小区门口烧烤摊每晚营业到凌晨两点，油烟和噪音扰民严重，影响老人孩子休息。');
    await fill('complaint-request', '依法取缔小区门口的夜间烧烤摊');
    await fill('complaint-facts', '已多次向物业和社区反映，没有结果。');
    await fill('complaint-name', '王建国');
    await fill('complaint-idNumber', BAD_CHECKSUM_ID);
    await fill('complaint-phone', '139 1234 5678');
    await fill('complaint-address', '岳阳楼区某小区 3 栋 2 单元');
    await page.locator('.complaint-submit').click();
    await expect.poll(() => page.locator('.field-error').allTextContents()).toEqual(['身份证号码校验位不正确，请核对']);
    expect(posts).toBe(0);
    await shot('02-form-bad-id');

    await fill('complaint-idNumber', VALID_ID);
    await page.locator('.complaint-name input').click(); // blur re-checks
    await expect.poll(() => page.locator('.field-error').count()).toBe(0);
    await shot('03-form-filled');
    await page.locator('.complaint-submit').click();
    await page.locator('.complaint-done').waitFor({ timeout: 20_000 });
    caseNo = (await page.locator('.complaint-done__no').textContent())!.trim();
    expect(caseNo.length).toBeGreaterThan(6);
    expect(await page.locator('.complaint').first().textContent()).toContain('受理告知');
    await shot('04-filed');
    expect(posts).toBe(1);

    const stored = await t.deps.models.Complaint.findOne({ caseNo }).lean();
    expect(stored).toBeTruthy();
    expect(stored!.status).toBe('registered');
    expect(JSON.stringify(stored)).not.toContain(VALID_ID); // encrypted at rest
    complaintId = String(stored!._id);
  });

  it('我的信访 lists it with its deadline; the detail shows the masked ID and the timeline', async () => {
    await page.locator('.complaint-actions .btn', { hasText: '我的信访' }).click();
    const item = page.locator('.complaint-item', { hasText: caseNo });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.textContent()).toContain('已登记');
    expect(await item.locator('.complaint-due').textContent()).toMatch(/受理告知期限 \d{4}-\d{2}-\d{2} · 剩 1[45] 天/);
    await shot('05-list');
    await item.click();
    await page.locator('.complaint-detail__no').waitFor({ timeout: 20_000 });
    expect(await page.locator('.complaint-detail').textContent()).toContain('430***********1237');
    expect(await page.locator('.complaint-detail').textContent()).not.toContain(VALID_ID);
    expect(await page.locator('.tl__label').count()).toBeGreaterThanOrEqual(1);
    await shot('06-detail-registered');
  });

  it('the office accepts, extends once (second refused), concludes; the resident sees the reply and rates it', async () => {
    const officer = await makeOfficer(t, ['complaint_officer'], { name: '信访专员' });
    const d = await t.deps.models.Department.findOne({ active: true }).lean();
    expect((await staffAct(t, officer.token, complaintId, { action: 'accept' })).status).toBe(200);
    expect((await staffAct(t, officer.token, complaintId, { action: 'assign', departmentId: String(d!._id) })).status).toBe(200);
    const ext = await staffAct(t, officer.token, complaintId, { action: 'extend', days: 30, reason: '需要多个部门联合核查' });
    expect(ext.status).toBe(200);
    expect((await staffAct(t, officer.token, complaintId, { action: 'extend', days: 10, reason: '再次延期' })).status).toBe(409);
    const reply = '经核查，该烧烤摊属占道经营，已依法责令停止夜间经营并纳入日常巡查。';
    const concluded = await staffAct(t, officer.token, complaintId, { action: 'conclude', reply, decision: 'support', basis: '《城市市容和环境卫生管理条例》第十四条' });
    expect(concluded.status).toBe(200);
    expect(concluded.body.status).toBe('concluded');

    await page.reload();
    await page.locator('.complaint-reply').waitFor({ timeout: 20_000 });
    expect(await page.locator('.complaint-reply__text').textContent()).toBe(reply);
    expect(await page.locator('.complaint-reply__decision').textContent()).toBe('处理意见：支持');
    expect(await page.locator('.complaint-detail__status').textContent()).toBe('已答复');
    expect(await page.locator('.complaint-detail').textContent()).toContain('已延期 30 天');
    expect(await page.locator('.complaint-detail').textContent()).not.toContain('信访专员');
    await shot('07-detail-replied');

    await page.locator('.complaint-rate .rate__opt').getByText('满意', { exact: true }).click();
    await page.locator('.complaint-rate__comment textarea').fill('处理及时');
    const submit = page.locator('.complaint-rate__submit');
    await submit.scrollIntoViewIfNeeded();
    const box = (await submit.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.complaint-rated').waitFor({ timeout: 20_000 });
    expect(await page.locator('.complaint-rated').textContent()).toContain('满意：处理及时');
    expect(await page.locator('.complaint-rate').count()).toBe(0);
    await shot('08-rated');

    const mine = await t.deps.models.Complaint.findById(complaintId).lean();
    expect(JSON.stringify(mine)).toContain('satisfied');

    // not content with the conclusion: 申请复查 online (within 30 days of the reply)
    await page.locator('.complaint-review textarea').fill('烧烤摊仍在夜间营业，处理没有落实');
    const req = page.locator('.complaint-review__submit');
    await req.scrollIntoViewIfNeeded();
    const b = (await req.boundingBox())!;
    // the 已评价 toast covers the page for a moment: tap once the button is the hit target again
    await expect
      .poll(() => page.evaluate(([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('.complaint-review__submit'), [b.x + b.width / 2, b.y + b.height / 2]), { timeout: 10_000 })
      .toBe(true);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/complaints/${complaintId}/actions`)),
      page.mouse.click(b.x + b.width / 2, b.y + b.height / 2),
    ]);
    expect(resp.status(), await resp.text()).toBe(200);
    await expect.poll(() => page.locator('.complaint-detail__status').textContent(), { timeout: 15_000 }).toBe('复查中');
    expect(await page.locator('.complaint-review').count()).toBe(0);
    await shot('09-review-requested');
    expect((await t.deps.models.Complaint.findById(complaintId).lean())!.status).toBe('review_requested');
    expect(errors).toEqual([]);
  });
});
