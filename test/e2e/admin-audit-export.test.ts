import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff } from '../../server/src/testing/staff-accounts.js';
import { artifactPath, launchBrowser } from './browser.js';

/**
 * In the console: the audit page reads as words (action labels, the actor's name, the record as a link,
 * the details as labelled fields, the raw record one click away), and 导出 CSV downloads the entries of the
 * list's filters with the raw codes.
 */

const PASSWORD = `Audit-${randomBytes(4).toString('hex')}-Pw9`;
const UI_TIMEOUT = 30_000;

describe('console audit export', () => {
  let t: TestServer;
  let browser: Browser;
  const username = `audit_admin_${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    await createStaff(t.deps.models, { username, password: PASSWORD, roles: ['admin'], displayName: '审计管理员' });
    await t.deps.connection.db!.collection('audit_logs').insertOne({ actorKind: 'staff', actorId: 'someone', actorName: '=cmd|calc', action: 'personal_data.ticket_phone', targetType: 'ticket', targetId: 'T-E2E', ip: '10.0.0.1', details: { route: 'GET /api/v1/admin/tickets/:id' }, at: new Date() });
    await t.deps.connection.db!.collection('audit_logs').insertOne({ actorKind: 'staff', actorId: 'officer1', actorName: '信访员王五', action: 'complaint.register', targetType: 'complaint', targetId: '0123456789abcdef01234567', ip: '10.0.0.2', details: { caseNo: 'XF20261203-0001', channel: 'visit' }, at: new Date() });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('导出 CSV on the audit page', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/admin/login`);
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/(tickets|stats)/, { timeout: UI_TIMEOUT });
    await page.goto(`${t.url}/admin/audit`);
    await page.getByText('查看工单联系电话（完整）').first().waitFor({ timeout: UI_TIMEOUT });
    const registered = page.locator('.ant-table-row', { hasText: '登记信访件' });
    await registered.waitFor({ timeout: UI_TIMEOUT });
    expect(await registered.textContent()).toContain('信访员王五');
    expect(await registered.textContent()).toContain('信访件编号：XF20261203-0001');
    expect(await registered.textContent()).not.toContain('complaint.register');
    expect(await registered.getByRole('link', { name: '信访件 XF20261203-0001' }).getAttribute('href')).toBe('/admin/complaints/0123456789abcdef01234567');
    await registered.getByTestId('audit-raw').click();
    const raw = page.getByTestId('audit-raw-json');
    await raw.waitFor();
    expect(JSON.parse((await raw.textContent()) ?? '{}')).toMatchObject({ action: 'complaint.register', targetType: 'complaint', details: { caseNo: 'XF20261203-0001' } });
    await expect.poll(() => page.locator('.ant-zoom-appear-active, .ant-zoom-enter-active').count()).toBe(0);
    await page.screenshot({ path: artifactPath('admin-audit-raw.png') });
    await page.locator('.ant-modal-close').click();
    await raw.waitFor({ state: 'hidden' });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT }), page.getByRole('button', { name: /导出 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = artifactPath('admin-audit-export.csv');
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\ufeff时间,操作人类型')).toBe(true);
    expect(text).toContain('personal_data.ticket_phone');
    expect(text).toContain("'=cmd|calc");
    await page.screenshot({ path: artifactPath('admin-audit-export.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
