import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff } from '../../server/src/testing/staff-accounts.js';
import { JUNSHAN, JUNSHAN_CODE } from '../../server/src/testing/tickets.js';
import { startFakeWechat, type FakeWechat } from '../../server/src/integrations/wechat/fake-server.js';
import { makeWeappResident } from '../../server/src/testing/notifications.js';
import { deliverDueOutbox } from '../../server/src/jobs/deliver-outbox.js';
import { artifactPath, launchBrowser } from './browser.js';

/**
 * 待审核 in the console: a report WeChat's content check calls risky is tagged in the queue; its page explains the
 * hold, offers 不予立案 but not 受理, and a dispatcher's 审核放行 lets it through at once (from the answer, no reload).
 * Screenshots: test-artifacts/screenshots/content-hold-*.png.
 */

const PASSWORD = `Hold-${randomBytes(4).toString('hex')}-pw`;
const UI_TIMEOUT = 45_000;

describe('console 待审核 (content hold)', () => {
  let t: TestServer;
  let wx: FakeWechat;
  let browser: Browser;
  const stamp = randomBytes(3).toString('hex');

  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await startTestServer({ env: { WECHAT_APPID: 'wx-e2e-hold', WECHAT_SECRET: 'secret-e2e', WECHAT_API_BASE: wx.url } });
    browser = await launchBrowser();
    await createStaff(t.deps.models, { username: `hold_dsp_${stamp}`, password: PASSWORD, roles: ['dispatcher'], districtCodes: [JUNSHAN_CODE], displayName: '君山调度员' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await wx?.close();
  });

  it('a held report is tagged, explained, and released by the dispatcher', async () => {
    const resident = await makeWeappResident(t);
    const res = await t.request('POST', '/api/v1/reports', {
      token: resident.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { categoryCode: '06010', description: `有人在路边聚众赌博，还乱扔垃圾 ${stamp}`, location: JUNSHAN, address: '君山区某路口', photoIds: [] },
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const trackingNo = res.body.trackingNo as string;
    await deliverDueOutbox(t.deps); // runs the content check
    expect((await t.deps.connection.db!.collection('tickets').findOne({ trackingNo }))?.contentHold).toMatchObject({ state: 'held' });

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${t.url}/admin/login`);
    await page.getByPlaceholder('用户名').fill(`hold_dsp_${stamp}`);
    await page.getByPlaceholder('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/tickets/, { timeout: UI_TIMEOUT });

    const row = page.locator('tr', { hasText: trackingNo });
    await row.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => row.getByTestId('content-held-tag').textContent(), { timeout: UI_TIMEOUT }).toBe('待审核');
    await page.screenshot({ path: artifactPath('content-hold-queue.png') });

    await page.goto(`${t.url}/admin/tickets/${id}`);
    const banner = page.getByTestId('content-hold-banner');
    await banner.waitFor({ timeout: UI_TIMEOUT });
    expect(await banner.textContent()).toContain('内容安全检测提示文字存在风险');
    const actions = page.getByTestId('ticket-actions');
    await expect.poll(() => actions.textContent(), { timeout: UI_TIMEOUT }).toContain('不予立案');
    expect(await actions.textContent()).not.toContain('受理');
    await page.screenshot({ path: artifactPath('content-hold-detail.png') });

    await page.getByTestId('content-release-button').click();
    await page.getByPlaceholder(/审核说明/).fill('看过描述，是正常的垃圾问题');
    await page.getByRole('button', { name: '确认放行' }).click();
    await page.getByTestId('content-hold-released').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('content-hold-released').textContent()).toContain('君山调度员');
    await expect.poll(() => actions.textContent(), { timeout: UI_TIMEOUT }).toContain('受理');
    expect(await page.getByTestId('content-held-tag').count()).toBe(0);
    await page.screenshot({ path: artifactPath('content-hold-released.png') });

    const stored = await t.deps.connection.db!.collection('tickets').findOne({ trackingNo });
    expect(stored?.contentHold).toMatchObject({ state: 'released', releasedByName: '君山调度员' });
    const audit = await t.deps.connection.db!.collection('audit_logs').findOne({ 'details.trackingNo': trackingNo, action: 'ticket.content_release' });
    expect(audit).toBeTruthy();
    await context.close();
  }, 240_000);
});
