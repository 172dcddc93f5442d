import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff, loginAs } from '../../server/src/testing/staff-accounts.js';
import { artifactPath, launchBrowser } from './browser.js';

/**
 * In the console: an account with an initial password is led to the change-password dialog, which
 * shows the password rule and checks it as the server does; 退出登录 ends the session (the old token is
 * refused); an administrator unlocks a locked account with the 解锁 button. Screenshots in
 * test-artifacts/screenshots/account-*.png.
 */

const PASSWORD = `Acct-${randomBytes(4).toString('hex')}-Pw1`;
const UI_TIMEOUT = 30_000;

describe('console account security', () => {
  let t: TestServer;
  let browser: Browser;
  const stamp = randomBytes(3).toString('hex');
  const names = { admin: `sec_admin_${stamp}`, fresh: `sec_fresh_${stamp}`, locked: `sec_locked_${stamp}`, leaver: `sec_leaver_${stamp}` };

  async function openLogin(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/admin/login`);
    return { page, errors };
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/(?!login)/, { timeout: UI_TIMEOUT });
  }

  beforeAll(async () => {
    t = await startTestServer({ seed: false });
    browser = await launchBrowser();
    const m = t.deps.models;
    await createStaff(m, { username: names.admin, password: PASSWORD, roles: ['admin'], displayName: '安全管理员' });
    await createStaff(m, { username: names.locked, password: PASSWORD, roles: ['viewer'], displayName: '被锁定的人' });
    await createStaff(m, { username: names.leaver, password: PASSWORD, roles: ['dispatcher'], displayName: '下班的人' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an initial password leads to the change-password dialog, which shows and checks the rule', async () => {
    // created here, so that a retry of this test starts from an initial password again
    const fresh = `${names.fresh}_${randomBytes(2).toString('hex')}`;
    const admin = await loginAs(t, names.admin, PASSWORD);
    const created = await t.request('POST', '/api/v1/admin/users', { token: admin.token, body: { username: fresh, displayName: '新同事', password: 'Initial-Pass-2026', roles: ['dispatcher'] } });
    expect(created.status).toBe(201);
    const { page, errors } = await openLogin();
    await signIn(page, fresh, 'Initial-Pass-2026');
    const dialog = page.getByRole('dialog', { name: '首次登录，请修改密码' });
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => dialog.getByTestId('password-policy').textContent(), { timeout: UI_TIMEOUT }).toBe(
      '至少 10 位，包含大写字母、小写字母、数字、符号中的至少 3 类，不能与用户名相同，不能与最近 5 次使用过的密码相同',
    );
    await dialog.getByLabel('原密码').fill('Initial-Pass-2026');
    let posted = 0;
    page.on('request', (r) => r.url().endsWith('/api/v1/auth/password') && posted++);
    // two classes only: refused in the form, nothing is sent
    await dialog.getByLabel('新密码', { exact: true }).fill('onlylowercase-letters');
    await dialog.getByLabel('确认新密码').fill('onlylowercase-letters');
    await dialog.getByRole('button', { name: /确认修改/ }).click();
    await dialog.getByText('密码需包含大写字母、小写字母、数字、符号中的至少 3 类').waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: artifactPath('account-change-password.png') });
    expect(posted).toBe(0);
    await dialog.getByLabel('新密码', { exact: true }).fill('Lakeside-walk-2027');
    await dialog.getByLabel('确认新密码').fill('Lakeside-walk-2027');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password'), { timeout: UI_TIMEOUT }),
      dialog.getByRole('button', { name: /确认修改/ }).click(),
    ]);
    expect(res.status()).toBe(200);
    await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    // the staff routes answer now (they were 403 password_change_required before)
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('cgt.admin.session') ?? '{}').token as string);
    expect((await t.request('GET', '/api/v1/admin/tickets', { token })).status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('退出登录 ends the session: the token it held is refused at once', async () => {
    const { page, errors } = await openLogin();
    await signIn(page, names.leaver, PASSWORD);
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('cgt.admin.session') ?? '{}').token as string);
    expect((await t.request('GET', '/api/v1/auth/me', { token })).status).toBe(200);
    await page.getByTestId('header-user').hover();
    await page.getByRole('menuitem', { name: /退出登录/ }).click();
    await page.waitForURL(/\/admin\/login/, { timeout: UI_TIMEOUT });
    const after = await t.request('GET', '/api/v1/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('session_ended');
    expect(errors).toEqual([]);
  });

  it('an administrator unlocks a locked account with 解锁', async () => {
    for (let i = 0; i < 5; i++) await t.request('POST', '/api/v1/auth/login', { body: { username: names.locked, password: `Wrong-guess-${i}x` } });
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: names.locked, password: PASSWORD } })).status).toBe(423);
    const { page, errors } = await openLogin();
    await signIn(page, names.admin, PASSWORD);
    await page.goto(`${t.url}/admin/users`);
    const row = page.locator('.ant-table-row', { hasText: names.locked });
    await row.getByText(/锁定至/).waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: artifactPath('account-unlock.png'), fullPage: true });
    await row.getByTestId(`unlock-${names.locked}`).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/unlock'), { timeout: UI_TIMEOUT }),
      page.getByRole('button', { name: /解\s*锁/ }).last().click(),
    ]);
    expect(res.status()).toBe(200);
    await row.getByText('正常').waitFor({ timeout: UI_TIMEOUT });
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: names.locked, password: PASSWORD } })).status).toBe(200);
    expect(errors).toEqual([]);
  });
});
