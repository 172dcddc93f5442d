import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { JUNSHAN_CODE, makeStaff, YUEYANGLOU_CODE, type StaffFixture } from '../../server/src/testing/tickets.js';
import { artifactPath, launchBrowser, signedInConsole } from './browser.js';

/**
 * 常用语 in the console, as a 君山区 dispatcher: the built-in ones are there on a new install and read-only
 * to them; a new one goes to 君山区 (the only unit they may write for), fits a whole category group, and can
 * be edited by them; a 岳阳楼区 dispatcher does not see it.
 */
describe('admin console: 常用语', () => {
  let t: TestServer;
  let browser: Browser;
  let junshan: StaffFixture;
  let yueyanglou: StaffFixture;
  const title = `君山区垃圾清运-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    junshan = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE], name: '君山调度' });
    yueyanglou = await makeStaff(t, ['dispatcher'], { districtCodes: [YUEYANGLOU_CODE], name: '岳阳楼调度' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function templatesPage(as: StaffFixture): Promise<{ page: Page; errors: string[] }> {
    const me = await t.request('GET', '/api/v1/auth/me', { token: as.token });
    expect(me.status).toBe(200);
    const ctx = await signedInConsole(browser, { token: as.token, user: me.body });
    ctx.setDefaultTimeout(30_000);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/admin/templates`, { waitUntil: 'networkidle' });
    await page.locator('.ant-table-row').first().waitFor();
    return { page, errors };
  }

  const row = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });

  it('built-ins are listed read-only; a new one goes to 君山区, fits a group, and its author edits it', async () => {
    const { page, errors } = await templatesPage(junshan);
    const builtIn = row(page, '垃圾已清运');
    await expect.poll(() => builtIn.count()).toBe(1);
    expect(await builtIn.textContent()).toContain('系统预置');
    expect(await builtIn.textContent()).toContain('事件-市容环境（整类）');
    expect(await builtIn.textContent()).toContain('只读');
    expect(await builtIn.getByText('编辑').count()).toBe(0);
    await page.screenshot({ path: artifactPath('admin-templates-list.png') });

    await page.getByRole('button', { name: /新建常用语/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建常用语' });
    await dialog.waitFor();
    // the only unit a district dispatcher writes for is preselected
    await expect.poll(() => dialog.getByTestId('template-place').textContent()).toContain('君山区');
    await dialog.getByLabel('标题').fill(title);
    await dialog.getByLabel('回复内容（将告知上报人）').fill('您好，君山区环卫所已清运完毕。');
    await dialog.getByTestId('template-fit').click();
    await page.keyboard.type('市容环境');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '事件-市容环境（整类）' }).click();
    await page.screenshot({ path: artifactPath('admin-templates-new.png') });
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/reply-templates') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: '保存' }).click(),
    ]);
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({ scope: 'district', districtCode: JUNSHAN_CODE, categoryGroup: '06', editable: true });

    const mine = row(page, title);
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.textContent()).toContain('君山区');
    expect(await mine.textContent()).toContain('君山调度');
    await mine.getByText('编辑').click();
    const edit = page.getByRole('dialog').filter({ hasText: '编辑常用语' });
    await edit.getByLabel('回复内容（将告知上报人）').fill('您好，君山区环卫所已清运并冲洗完毕。');
    const [patched] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/admin/reply-templates/') && r.request().method() === 'PATCH'),
      edit.getByRole('button', { name: '保存' }).click(),
    ]);
    expect(patched.status()).toBe(200);
    await expect.poll(() => mine.textContent()).toContain('已清运并冲洗完毕');
    await page.screenshot({ path: artifactPath('admin-templates-own.png') });
    expect(errors).toEqual([]);
  });

  it('a dispatcher of another district does not see 君山区\'s template', async () => {
    const { page, errors } = await templatesPage(yueyanglou);
    await expect.poll(() => row(page, '垃圾已清运').count()).toBe(1);
    expect(await row(page, title).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
