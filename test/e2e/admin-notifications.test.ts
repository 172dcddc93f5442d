import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff, loginAs } from '../../server/src/testing/staff-accounts.js';
import { departmentOf, JUNSHAN, JUNSHAN_CODE } from '../../server/src/testing/tickets.js';
import { startFakeWechat, type FakeWechat } from '../../server/src/integrations/wechat/fake-server.js';
import { makeWeappResident, TEMPLATE_CONFIG, TEMPLATES } from '../../server/src/testing/notifications.js';
import { deliverDueOutbox } from '../../server/src/jobs/deliver-outbox.js';
import { artifactPath, launchBrowser } from './browser.js';

/**
 * In the console: a handler's bell shows the dispatch alert and opens the ticket; an admin sees the
 * subscribe-message templates and a dead letter (47003 naming the key) and sends it again. Screenshots in
 * test-artifacts/screenshots/notifications-*.png.
 */

const PASSWORD = `Bell-${randomBytes(4).toString('hex')}-pw`;
const UI_TIMEOUT = 30_000;

describe('console notifications', () => {
  let t: TestServer;
  let wx: FakeWechat;
  let browser: Browser;
  const stamp = randomBytes(3).toString('hex');
  let ticketId = '';
  let deadId = '';

  async function login(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${t.url}/admin/login`);
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/tickets/, { timeout: UI_TIMEOUT });
    return page;
  }

  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await startTestServer({ env: { WECHAT_APPID: 'wx-e2e-bell', WECHAT_SECRET: 'secret-e2e', WECHAT_API_BASE: wx.url } });
    browser = await launchBrowser();
    const m = t.deps.models;
    const dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
    await createStaff(m, { username: `bell_admin_${stamp}`, password: PASSWORD, roles: ['admin'], displayName: '管理员' });
    await createStaff(m, { username: `bell_hw_${stamp}`, password: PASSWORD, roles: ['handler'], districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id], displayName: '环卫所处置员' });
    const admin = await loginAs(t, `bell_admin_${stamp}`, PASSWORD);
    expect((await t.request('PUT', '/api/v1/admin/notification-templates', { token: admin.token, body: { items: TEMPLATE_CONFIG } })).status).toBe(200);
    const resident = await makeWeappResident(t);
    await t.request('POST', '/api/v1/me/subscriptions', { token: resident.token, body: { results: { [TEMPLATES.accepted]: 'accept' } } });
    const r = await t.request('POST', '/api/v1/reports', {
      token: resident.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { categoryCode: '06010', description: '路边有一堆暴露垃圾，已经好几天了', location: JUNSHAN, address: '君山区某路口', photoIds: [] },
    });
    expect(r.status).toBe(201);
    ticketId = r.body.id;
    const move = (body: Record<string, unknown>) => t.request('POST', `/api/v1/admin/tickets/${ticketId}/transitions`, { token: admin.token, body });
    expect((await move({ action: 'accept' })).status).toBe(200);
    expect((await move({ action: 'dispatch', departmentId: dept.id })).status).toBe(200);
    wx.sendReplies.push({ errcode: 47003, errmsg: 'argument invalid! data.thing2.value exceeds limit' });
    await deliverDueOutbox(t.deps);
    await deliverDueOutbox(t.deps);
    const dead = await t.deps.connection.db!.collection('outbox_deliveries').findOne({ ticketId, state: 'dead' });
    expect(dead).toBeTruthy();
    deadId = String(dead!._id);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await wx?.close();
  });

  it('the handler’s bell counts the dispatch alert and opens the ticket', async () => {
    const page = await login(`bell_hw_${stamp}`);
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: UI_TIMEOUT }).toBe('提醒，1 条未读');
    await bell.click();
    const list = page.getByTestId('notification-list');
    await list.getByText(/新派遣工单/).waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: artifactPath('notifications-bell.png') });
    await list.getByText(/新派遣工单/).click();
    await page.waitForURL(new RegExp(`/admin/tickets/${ticketId}`), { timeout: UI_TIMEOUT });
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: UI_TIMEOUT }).toBe('提醒，0 条未读');
    await page.context().close();
  });

  it('the admin sees the templates and a dead letter naming the key, and sends it again', async () => {
    const page = await login(`bell_admin_${stamp}`);
    await page.goto(`${t.url}/admin/notifications`);
    await page.getByTestId('tpl-id-ticket.accepted').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('tpl-id-ticket.accepted').inputValue()).toBe(TEMPLATES.accepted);
    // WeChat is configured here without PUBLIC_BASE_URL / push token: the page says photos are not checked
    expect(await page.getByTestId('wechat-media-checks-off').textContent()).toContain('图片不做内容安全检测');
    await page.screenshot({ path: artifactPath('notifications-templates.png'), fullPage: true });
    await page.getByRole('tab', { name: '投递记录' }).click();
    const row = page.locator('tr', { hasText: '47003' });
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.textContent()).toContain('[thing2]');
    await page.screenshot({ path: artifactPath('notifications-dead-letters.png') });
    const retried = page.waitForResponse((r) => r.url().endsWith(`/api/v1/admin/outbox/${deadId}/retry`) && r.request().method() === 'POST');
    await row.getByText('重发').click();
    expect((await retried).status()).toBe(200);
    const stored = await t.deps.connection.db!.collection('outbox_deliveries').findOne({ _id: deadId as never });
    expect(stored).toMatchObject({ state: 'pending' });
    await page.context().close();
  });
});
