import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { staffToken } from '../../server/src/testing/staff-token.js';
import { JUNSHAN_CODE } from '../../server/src/testing/tickets.js';
import { artifactPath, launchBrowser, signedInConsole } from './browser.js';

/**
 * The intake desk in the built console (admin/dist): a 受理员 enters a 12345 转办 work order through 新建工单
 * and lands on the new ticket (source 12345转办 with its number, routed to 君山区); entering the same number
 * again opens that same ticket, and the database holds one. An admin sees the categories' clocks.
 */
describe('admin console: the intake desk (受理员, 新建工单)', () => {
  let t: TestServer;
  let browser: Browser;
  let token: string;
  let adminToken: string;
  let clerkId: string;
  const workOrder = `YY${Date.now()}${randomBytes(2).toString('hex')}`;

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    token = await staffToken(t, ['intake'], `e2e_intake_${randomBytes(3).toString('hex')}`);
    adminToken = await staffToken(t, ['admin'], `e2e_admin_${randomBytes(3).toString('hex')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function consolePage(as: string, route: string): Promise<{ page: Page; errors: string[] }> {
    const me = await t.request('GET', '/api/v1/auth/me', { token: as });
    expect(me.status).toBe(200);
    const ctx = await signedInConsole(browser, { token: as, user: me.body });
    ctx.setDefaultTimeout(30_000);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/admin${route}`, { waitUntil: 'networkidle' });
    return { page, errors };
  }

  async function pick(page: Page, testId: string, text: string) {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  }

  async function enterWorkOrder(page: Page, description: string) {
    await page.locator('label:has([data-testid="channel-hotline12345"])').click();
    await page.getByTestId('external-no').fill(workOrder);
    await page.getByTestId('caller-name').fill('王先生');
    await page.getByTestId('caller-phone').fill('0730-8123456');
    await pick(page, 'intake-category', '暴露垃圾');
    await pick(page, 'intake-unit', '君山区');
    await page.getByTestId('intake-address').fill('君山区柳林洲街道建设路口');
    await page.getByTestId('intake-description').fill(description);
  }

  it('a 受理员 enters a 12345 work order: the ticket opens with its source and district', async () => {
    clerkId = (await t.request('GET', '/api/v1/auth/me', { token })).body.id;
    const { page, errors } = await consolePage(token, '/tickets');
    // the workbench offers 新建工单 to the intake desk
    await page.getByTestId('new-ticket').click();
    await page.getByTestId('new-ticket-form').waitFor();
    await enterWorkOrder(page, '12345 转办：建设路口有暴露垃圾，已堆放两天');
    await page.screenshot({ path: artifactPath('admin-intake-form.png') });
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/admin\/tickets\/[0-9a-f]{24}$/);
    await expect.poll(async () => page.getByTestId('ticket-source').textContent()).toContain(`12345转办 · ${workOrder}`);
    expect(await page.getByTestId('ticket-external-no').textContent()).toBe(workOrder);
    expect(await page.locator('body').textContent()).toContain('君山区');
    await page.screenshot({ path: artifactPath('admin-intake-ticket.png'), fullPage: true });
    const id = page.url().split('/').pop()!;
    const ticket = await t.request('GET', `/api/v1/admin/tickets/${id}`, { token: adminToken });
    expect(ticket.body).toMatchObject({ districtCode: JUNSHAN_CODE, source: { channel: 'hotline12345', externalNo: workOrder }, reporter: { phone: '07308123456' } });
    expect(errors).toEqual([]);
  });

  it('the same work order entered again opens the same ticket: one ticket in all', async () => {
    const { page, errors } = await consolePage(token, '/tickets/new');
    await page.getByTestId('new-ticket-form').waitFor();
    await enterWorkOrder(page, '同一 12345 工单再次转办');
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/admin\/tickets\/[0-9a-f]{24}$/);
    await expect.poll(async () => page.getByTestId('ticket-source').textContent()).toContain(workOrder);
    // the first entry's description, not the second's
    expect(await page.locator('body').textContent()).toContain('已堆放两天');
    await page.screenshot({ path: artifactPath('admin-intake-again.png'), fullPage: true });
    expect(await t.deps.models.TicketRow.countDocuments({ citizenId: `staff:${clerkId}` })).toBe(1);
    // the queue lists it with its source
    const list = await t.request('GET', `/api/v1/admin/tickets?q=${encodeURIComponent(workOrder)}`, { token: adminToken });
    expect(list.status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('the category editor shows each category\'s clock: 燃气隐患 2 小时 (7×24), 暴露垃圾 in working hours', async () => {
    const { page, errors } = await consolePage(adminToken, '/masterdata');
    await page.getByRole('tab', { name: /问题类别/ }).click();
    const search = async (q: string) => {
      await page.locator('.ant-pro-query-filter #q:visible').fill(q);
      await page.locator('.ant-pro-query-filter:visible').getByRole('button', { name: /查\s*询/ }).click();
    };
    await search('燃气隐患');
    await expect.poll(async () => page.getByTestId('sla-90003').textContent()).toContain('2 小时');
    expect(await page.getByTestId('sla-90003').textContent()).toContain('7×24');
    await page.screenshot({ path: artifactPath('admin-category-clocks.png') });
    await search('06010');
    await expect.poll(async () => page.getByTestId('sla-06010').textContent()).toContain('工作小时');
    expect(errors).toEqual([]);
  });
});
