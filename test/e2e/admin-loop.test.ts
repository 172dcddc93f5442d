import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff, loginAs } from '../../server/src/testing/staff-accounts.js';
import { departmentOf, JUNSHAN, JUNSHAN_CODE } from '../../server/src/testing/tickets.js';
import { artifactPath, launchBrowser } from './browser.js';


/**
 * Acceptance: the staff console (built admin/dist served at /admin/) against the real server + FerretDB.
 * A resident report (API, with a real photo) → the 君山区 dispatcher logs in through the login page, finds it
 * under 待受理, 受理, 派遣 to a 君山区 department → that department's handler (who sees only its department's
 * tickets) resolves with a 常用语 reply and an after-photo → the resident rates (API) → the dispatcher 核查通过
 * → 已结案. A handler of another district is refused (page and API), five wrong passwords show the lockout
 * message, and an admin's users page. The `it` blocks share state and run in order.
 */

const HUARONG_CODE = '430623'; // 华容县
const PASSWORD = `Loop-${randomBytes(4).toString('hex')}-pw`;
const VIEWPORT = { width: 1440, height: 900 };
const UI_TIMEOUT = 30_000; // per wait: the 2-core test machine is often busy with other suites

async function png(color: string): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: color } }).png().toBuffer();
}

interface Actor {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

describe('admin console: the full ticket loop in a real browser', () => {
  let t: TestServer;
  let browser: Browser;
  const actors: Actor[] = [];

  const stamp = randomBytes(3).toString('hex');
  const names = {
    dispatcher: `jsdisp_${stamp}`,
    handler: `jshw_${stamp}`,
    otherHandler: `hrhw_${stamp}`,
    locked: `lock_${stamp}`,
    admin: `admin_${stamp}`,
  };
  let sanitation: { id: string; name: string }; // 君山区环卫所 (the routing rule's suggestion for 06010)
  let enforcement: { id: string; name: string }; // another 君山区 department
  let dispatcherToken: string;
  let handlerToken: string;
  let otherToken: string;
  let citizenToken: string;
  const template = { title: `垃圾已清理-${stamp}`, text: '您好，您反映的垃圾问题已安排环卫人员清理完毕，现场已冲洗，感谢您的支持！' };
  let report: { id: string; trackingNo: string };
  let beforePhotoId: string;
  let otherDeptTicket: { id: string; trackingNo: string };
  let dispatcher: Actor;

  const api = (method: string, p: string, token?: string, body?: unknown, headers?: Record<string, string>) =>
    t.request(method, `/api/v1${p}`, { token, body, headers });

  async function fileReport(token: string, body: Record<string, unknown>): Promise<{ id: string; trackingNo: string; body: any }> {
    const res = await api('POST', '/reports', token, { categoryCode: '06010', photoIds: [], ...body }, { 'idempotency-key': randomUUID() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id, trackingNo: res.body.trackingNo, body: res.body };
  }

  async function newActor(): Promise<Actor> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(UI_TIMEOUT);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const actor = { context, page, errors };
    actors.push(actor);
    return actor;
  }

  /** Logs in through the login page; resolves on the workbench with the user's name in the header. */
  async function login(username: string, displayName: string): Promise<Actor> {
    const actor = await newActor();
    const { page } = actor;
    await page.goto(`${t.url}/admin/login`);
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(PASSWORD);
    const [res] = await Promise.all([loginResponse(page), page.getByRole('button', { name: /登\s*录/ }).click()]);
    expect(res.status()).toBe(200);
    await page.waitForURL(/\/admin\/tickets/);
    await expect.poll(() => page.getByTestId('header-user').textContent(), { timeout: UI_TIMEOUT }).toBe(displayName);
    return actor;
  }

  const loginResponse = (page: Page) =>
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  const transitionResponse = (page: Page) =>
    page.waitForResponse((r) => /\/api\/v1\/admin\/tickets\/[^/]+\/transitions$/.test(r.url()) && r.request().method() === 'POST');
  const ticketResponse = (page: Page, id: string) =>
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/admin/tickets/${id}`) && r.request().method() === 'GET');

  /** The page header's status tag (the title holds the tracking number and the tag). */
  const headerStatus = (page: Page) => page.locator('.ant-page-header-heading-title .ant-tag').first();

  /** Clicks an action button, lets `fill` complete the dialog, confirms; checks the response and the result. */
  async function act(page: Page, label: string, nextStatus: string, fill?: () => Promise<void>): Promise<Response> {
    await page.getByTestId('ticket-actions').getByRole('button', { name: label, exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: `${label} · ${report.trackingNo}` });
    await dialog.waitFor();
    if (fill) await fill();
    // the page shows the ticket from the action's own answer: it does not read the ticket again
    const rereads: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/v1/admin/tickets/${report.id}`) rereads.push(r.url());
    };
    page.on('request', onRequest);
    const [res] = await Promise.all([transitionResponse(page), dialog.getByRole('button', { name: `确认${label}` }).click()]);
    expect(res.status(), await res.text()).toBe(200);
    await page.getByText(`${label}成功，当前状态：${nextStatus}`).first().waitFor();
    await expect.poll(() => headerStatus(page).textContent(), { timeout: UI_TIMEOUT }).toBe(nextStatus);
    await dialog.waitFor({ state: 'hidden' });
    page.off('request', onRequest);
    expect(rereads).toEqual([]);
    return res;
  }

  /** Waits until the ECharts map has painted (non-blank canvas) and stopped changing between two samples. */
  async function mapSettled(map: Locator): Promise<void> {
    await map.locator('canvas').first().waitFor();
    let previous = '';
    await expect
      .poll(
        async () => {
          const sig = await map.evaluate((el) => {
            const canvas = el.querySelector('canvas');
            const ctx = canvas?.getContext('2d');
            if (!canvas || !ctx || canvas.width === 0) return '';
            const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            let sum = 0;
            for (let i = 0; i < data.length; i += 4 * 97) {
              if (data[i + 3]! > 0) painted++;
              sum = (sum + data[i]! * 3 + data[i + 1]! * 5 + data[i + 2]! * 7) % 1_000_000_007;
            }
            return painted > 100 ? `${painted}:${sum}` : '';
          });
          const stable = sig !== '' && sig === previous;
          previous = sig;
          return stable;
        },
        { timeout: UI_TIMEOUT, interval: 300 },
      )
      .toBe(true);
  }

  /** Every <img> on the page has finished loading with real pixels. */
  async function imagesLoaded(page: Page): Promise<void> {
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0), undefined, {
      timeout: UI_TIMEOUT,
    });
  }

  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_LOGIN: '1' } });
    browser = await launchBrowser();
    const m = t.deps.models;
    sanitation = await departmentOf(t, JUNSHAN_CODE, '环卫所');
    enforcement = await departmentOf(t, JUNSHAN_CODE, '城管执法中队');
    const huarong = await departmentOf(t, HUARONG_CODE, '环卫所');
    const staff = { password: PASSWORD };
    await createStaff(m, { ...staff, username: names.dispatcher, displayName: '君山调度员', roles: ['dispatcher'], districtCodes: [JUNSHAN_CODE] });
    await createStaff(m, { ...staff, username: names.handler, displayName: '君山环卫处置员', roles: ['handler'], districtCodes: [JUNSHAN_CODE], departmentIds: [sanitation.id] });
    await createStaff(m, { ...staff, username: names.otherHandler, displayName: '华容环卫处置员', roles: ['handler'], districtCodes: [HUARONG_CODE], departmentIds: [huarong.id] });
    await createStaff(m, { ...staff, username: names.locked, displayName: '锁定测试', roles: ['viewer'], districtCodes: [JUNSHAN_CODE] });
    await createStaff(m, { ...staff, username: names.admin, displayName: '测试管理员', roles: ['admin'] });
    dispatcherToken = (await loginAs(t, names.dispatcher, PASSWORD)).token;
    handlerToken = (await loginAs(t, names.handler, PASSWORD)).token;
    otherToken = (await loginAs(t, names.otherHandler, PASSWORD)).token;
    const adminToken = (await loginAs(t, names.admin, PASSWORD)).token;

    // a 常用语 for 06010 (the admin's API; the console's templates page is another test's business)
    const tpl = await api('POST', '/admin/reply-templates', adminToken, { ...template, categoryCode: '06010' });
    expect(tpl.status, JSON.stringify(tpl.body)).toBe(201);

    // the resident: demo login, a real PNG through POST /uploads, a report at a 君山区 point
    const demo = await api('POST', '/auth/demo', undefined, { nickname: `居民${stamp}` });
    expect(demo.status, JSON.stringify(demo.body)).toBe(200);
    citizenToken = demo.body.token;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png('#c08040'))], { type: 'image/png' }), 'before.png');
    const up = await fetch(`${t.url}/api/v1/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${citizenToken}` } });
    expect(up.status).toBe(201);
    beforePhotoId = ((await up.json()) as { id: string }).id;
    const r = await fileReport(citizenToken, {
      description: `君山公园东门垃圾满溢，无人清理 ${stamp}`,
      location: JUNSHAN,
      address: '君山区君山公园东门',
      photoIds: [beforePhotoId],
      contactPhone: '13812341234',
    });
    expect(r.body).toMatchObject({ status: 'submitted', district: { code: JUNSHAN_CODE, name: '君山区' }, department: { id: sanitation.id } });
    report = { id: r.id, trackingNo: r.trackingNo };

    // another 君山区 ticket, ~1 km away, dispatched (API) to another department: the handler must not see it
    const o = await fileReport(citizenToken, {
      description: `另一部门的工单 ${stamp}`,
      location: { lat: JUNSHAN.lat + 0.01, lng: JUNSHAN.lng },
      address: '君山区某路口',
    });
    otherDeptTicket = { id: o.id, trackingNo: o.trackingNo };
    expect((await api('POST', `/admin/tickets/${o.id}/transitions`, dispatcherToken, { action: 'accept' })).status).toBe(200);
    const d = await api('POST', `/admin/tickets/${o.id}/transitions`, dispatcherToken, { action: 'dispatch', departmentId: enforcement.id });
    expect(d.body).toMatchObject({ status: 'dispatched', departmentId: enforcement.id });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the 君山区 dispatcher logs in, finds the report under 待受理, 受理 and 派遣 to a 君山区 department', async () => {
    dispatcher = await login(names.dispatcher, '君山调度员');
    const { page } = dispatcher;
    // the dispatcher's default queue is 待受理; the badge counts it
    await page.getByTestId('tab-submitted').click();
    const row = page.locator('.ant-table-row', { hasText: report.trackingNo });
    await row.waitFor();
    expect(await row.textContent()).toContain('君山区');
    expect(await row.textContent()).toContain(`${sanitation.name}（建议）`);
    await expect.poll(() => page.getByTestId('tab-submitted').textContent(), { timeout: UI_TIMEOUT }).toMatch(/待受理\s*1/);
    expect(await page.locator('.ant-table-row', { hasText: otherDeptTicket.trackingNo }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('admin-workbench.png'), fullPage: true });

    // detail: facts, the resident's photo, the map, the routing reason, the full phone for the dispatcher
    await Promise.all([ticketResponse(page, report.id), row.getByRole('link', { name: report.trackingNo }).click()]);
    await page.waitForURL(new RegExp(`/admin/tickets/${report.id}$`));
    await expect.poll(() => headerStatus(page).textContent(), { timeout: UI_TIMEOUT }).toBe('待受理');
    await mapSettled(page.getByTestId('ticket-map'));
    expect(await page.getByTestId('routing-reason').textContent()).toBeTruthy();
    expect(await page.getByTestId('contact-phone').textContent()).toBe('13812341234');
    await page.getByRole('img', { name: '现场照片' }).and(page.locator(`img[src*="${beforePhotoId}"]`)).waitFor();
    await imagesLoaded(page);
    await page.screenshot({ path: artifactPath('admin-ticket-detail.png'), fullPage: true });

    await act(page, '受理', '已立案');
    await act(page, '派遣', '处置中', async () => {
      const dialog = page.getByRole('dialog').filter({ hasText: '派遣 ·' });
      // the picker offers only the ticket's district's departments, the routing suggestion preselected
      await dialog.getByText(`${sanitation.name}（系统建议）`).waitFor();
      await dialog.locator('.ant-select-selector').first().click();
      const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
      await options.first().waitFor();
      const labels = await options.allTextContents();
      expect(labels.length).toBeGreaterThanOrEqual(2);
      for (const label of labels) expect(label).toMatch(/^君山区/);
      await options.filter({ hasText: sanitation.name }).click();
    });
    const after = await api('GET', `/admin/tickets/${report.id}`, dispatcherToken);
    expect(after.body).toMatchObject({ status: 'dispatched', departmentId: sanitation.id });
    expect(dispatcher.errors).toEqual([]);
  });

  it("the department's handler sees only its department's tickets and resolves with a 常用语 reply and an after-photo", async () => {
    expect(report).toBeTruthy();
    const handler = await login(names.handler, '君山环卫处置员');
    const { page } = handler;
    // a handler's default queue is 处置中: this ticket, not the one dispatched to 执法中队
    await page.locator('.ant-table-row', { hasText: report.trackingNo }).waitFor();
    expect(await page.locator('.ant-table-row', { hasText: otherDeptTicket.trackingNo }).count()).toBe(0);
    const list = await api('GET', '/admin/tickets?status=dispatched', handlerToken);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([report.id]);
    expect((await api('GET', `/admin/tickets/${otherDeptTicket.id}`, handlerToken)).status).toBe(404);

    await Promise.all([
      ticketResponse(page, report.id),
      page.locator('.ant-table-row', { hasText: report.trackingNo }).getByRole('link', { name: report.trackingNo }).click(),
    ]);
    await expect.poll(() => headerStatus(page).textContent(), { timeout: UI_TIMEOUT }).toBe('处置中');
    expect(await page.getByTestId('contact-phone').textContent()).toBe('138****1234'); // masked for a handler

    const afterPng = await png('#3ca05a');
    let afterPhotoId = '';
    const res = await act(page, '处置反馈', '待核查', async () => {
      const dialog = page.getByRole('dialog').filter({ hasText: '处置反馈 ·' });
      await dialog.locator('.ant-select-selector').first().click();
      const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: template.title });
      await option.click();
      await expect.poll(() => dialog.locator('textarea').first().inputValue(), { timeout: UI_TIMEOUT }).toBe(template.text);
      const [upload] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/uploads') && r.request().method() === 'POST'),
        dialog.locator('input[type=file]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: afterPng }),
      ]);
      expect(upload.status()).toBe(201);
      afterPhotoId = ((await upload.json()) as { id: string }).id;
      await dialog.locator('.ant-upload-list-item-done').first().waitFor();
      await dialog.locator('.ant-upload-list-item-done img').first().waitFor();
      await page.screenshot({ path: artifactPath('admin-resolve-dialog.png') });
    });
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ action: 'resolve', reply: template.text, photoIds: [afterPhotoId] });
    await page.getByText('处置后照片').waitFor();

    const mine = await api('GET', `/reports/${report.id}`, citizenToken);
    expect(mine.body).toMatchObject({ status: 'resolved', canRate: true });
    expect(mine.body.replies).toEqual([expect.objectContaining({ text: template.text, departmentName: sanitation.name })]);
    expect(mine.body.afterPhotos.map((p: { id: string }) => p.id)).toEqual([afterPhotoId]);
    expect(handler.errors).toEqual([]);
  });

  it('the resident rates through the API, the dispatcher 核查通过 → 已结案', async () => {
    expect(dispatcher).toBeTruthy();
    const rated = await api('POST', `/reports/${report.id}/rating`, citizenToken, { satisfaction: 'satisfied', comment: '处理很及时' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);

    const { page } = dispatcher;
    await Promise.all([ticketResponse(page, report.id), page.reload()]);
    await expect.poll(() => headerStatus(page).textContent(), { timeout: UI_TIMEOUT }).toBe('待核查');
    const rating = page.locator('.ant-card', { hasText: '上报人评价' });
    await rating.waitFor();
    expect(await rating.textContent()).toMatch(/满意\s*处理很及时/);
    await act(page, '核查通过', '已结案');
    await page.getByText('当前无可执行的操作').waitFor();
    await page.getByText('处置后照片').waitFor();
    await imagesLoaded(page);
    await page.screenshot({ path: artifactPath('admin-ticket-closed.png'), fullPage: true });

    const staffView = await api('GET', `/admin/tickets/${report.id}`, dispatcherToken);
    expect(staffView.body.status).toBe('closed');
    const mine = await api('GET', `/reports/${report.id}`, citizenToken);
    expect(mine.body).toMatchObject({ status: 'closed', statusLabel: '已办结', satisfaction: { value: 'satisfied' } });
    expect(mine.body.closedAt).toBeTruthy();

    // the workbench's 已结案 queue has it
    await page.goto(`${t.url}/admin/tickets?tab=closed`);
    await page.locator('.ant-table-row', { hasText: report.trackingNo }).waitFor();
    expect(dispatcher.errors).toEqual([]);
  });

  it('a handler of another district cannot open the ticket: the page says so, the API answers 404', async () => {
    expect(report).toBeTruthy();
    const other = await login(names.otherHandler, '华容环卫处置员');
    const { page } = other;
    expect(await page.locator('.ant-table-row', { hasText: report.trackingNo }).count()).toBe(0);
    const [res] = await Promise.all([ticketResponse(page, report.id), page.goto(`${t.url}/admin/tickets/${report.id}`)]);
    expect(res.status()).toBe(404);
    await page.getByText('工单不存在或无权查看').waitFor();
    expect(await page.getByText(report.trackingNo).count()).toBe(0);
    await page.screenshot({ path: artifactPath('admin-other-district.png') });
    expect((await api('GET', `/admin/tickets/${report.id}`, otherToken)).status).toBe(404);
    expect((await api('POST', `/admin/tickets/${report.id}/transitions`, otherToken, { action: 'rework', reason: 'x' })).status).toBe(404);
    expect(other.errors).toEqual([]);
  });

  it('five wrong passwords lock the account; the login page shows the lockout message with the unlock time', async () => {
    const { page, errors } = await newActor();
    await page.goto(`${t.url}/admin/login`);
    const alert = page.getByTestId('login-error');
    for (let i = 1; i <= 5; i++) {
      await page.getByPlaceholder('用户名').fill(names.locked);
      await page.getByPlaceholder('密码').fill(`wrong-${i}-password`);
      const [res] = await Promise.all([loginResponse(page), page.getByRole('button', { name: /登\s*录/ }).click()]);
      expect(res.status()).toBe(i < 5 ? 401 : 423);
      await alert.waitFor();
      // the button is busy until the answer is handled; wait for it before the next try
      await page.locator('button[type=submit]:not(.ant-btn-loading)').waitFor();
      if (i < 5) await expect.poll(() => alert.textContent(), { timeout: UI_TIMEOUT }).not.toMatch(/锁定/);
    }
    await expect.poll(() => alert.textContent(), { timeout: UI_TIMEOUT }).toMatch(/账号因多次密码错误已被临时锁定，请于 (\d+月\d+日 )?\d{2}:\d{2} 后重试/);
    await page.screenshot({ path: artifactPath('admin-lockout.png') });
    expect(page.url()).toMatch(/\/admin\/login/);
    // even the right password is refused now
    const right = await api('POST', '/auth/login', undefined, { username: names.locked, password: PASSWORD });
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
    expect(errors).toEqual([]);
  });

  it('an admin logs in and sees the staff users page', async () => {
    const admin = await login(names.admin, '测试管理员');
    const { page } = admin;
    await page.getByRole('menuitem', { name: /用户管理/ }).click();
    await page.waitForURL(/\/admin\/users/);
    for (const username of Object.values(names)) await page.locator('.ant-table-row', { hasText: username }).first().waitFor();
    await page.screenshot({ path: artifactPath('admin-users.png'), fullPage: true });
    expect(admin.errors).toEqual([]);
  });
});
