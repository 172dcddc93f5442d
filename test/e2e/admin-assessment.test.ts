import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { addCalendarDays, fromShanghai, isWorkingDay } from '@cgt/shared/calendar/working-time';
import { addMonths, lastDayOfMonth } from '@cgt/shared/stats/period';
import { RAISED_LIMITS, startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { createStaff } from '../../server/src/testing/staff-accounts.js';
import { act, departmentOf, fileReport, JUNSHAN, JUNSHAN_CODE, makeCitizen } from '../../server/src/testing/tickets.js';
import { staffSessionToken } from '../../server/src/testing/staff-session-token.js';
import { artifactPath, launchBrowser } from './browser.js';

/** The part of exceljs the test reads files with. */
interface Workbook {
  xlsx: { readFile(path: string): Promise<unknown> };
  worksheets: { name: string; eachRow(cb: (row: { values: unknown }) => void): void }[];
}
// exceljs is the server's dependency (it writes the files); the test reads them back with the same library
const ExcelJS = createRequire(new URL('../../server/package.json', import.meta.url))('exceljs') as { Workbook: new () => Workbook };

/** Every row of a sheet as plain cell values (rich text and formulas reduced to their text/result). */
function sheetRows(sheet: Workbook['worksheets'][number]): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((r) =>
    rows.push(
      (r.values as unknown[]).slice(1).map((v) => {
        if (v && typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((p) => p.text).join('');
        if (v && typeof v === 'object' && 'result' in v) return (v as { result: unknown }).result;
        return v;
      }),
    ),
  );
  return rows;
}

/**
 * Acceptance (console): a leader (viewer, 局领导) opens 考核, switches to last month, sees the map
 * coloured by grade, clicks 君山区's 按期处置率 and lands on exactly the tickets behind it, exports the ranking
 * and the drill-down list to Excel (read back with exceljs), opens the 月度考核通报 and prints it to PDF
 * (page count with pdfinfo, Chinese text with pdftotext); 督办 from the ticket detail shows in the timeline
 * and as a red tag in the handler's queue; the admin's weights page. The history is made through the API on
 * a moved clock: last month 君山区 has 4 tickets handled (3 on time, 1 late) and 1 left overdue at its
 * department (按期处置率 3/5 = 60.0%), 华容县 2 handled on time (100%); two months ago 君山区 1 on time.
 */

const HUARONG_CODE = '430623';
const HUARONG = { lat: 29.527, lng: 112.56 }; // 华容县城
const PASSWORD = `Stats-${randomBytes(4).toString('hex')}-pw`;
const VIEWPORT = { width: 1440, height: 900 };
const UI_TIMEOUT = 45_000; // per wait: the 2-core test machine is often busy with other suites

/** The first working day on or after the `day`-th of `month`, at 09:30 Shanghai. */
function workingMorning(month: string, day: number): Date {
  let d = fromShanghai(`${month}-${String(day).padStart(2, '0')} 09:30`);
  while (!isWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}

const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);

describe('admin console: 考核 dashboard, drill-down, Excel, 月度考核通报, 督办', () => {
  let t: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let fixed: Date | null = null; // the moved clock while the history is made; real time after
  const stamp = randomBytes(3).toString('hex');
  const names = { leader: `leader_${stamp}`, admin: `sadmin_${stamp}`, handler: `jshw_${stamp}` };
  const thisMonth = new Date().toISOString().slice(0, 7);
  const lastMonth = addMonths(thisMonth, -1);
  const twoMonthsAgo = addMonths(thisMonth, -2);
  const onTimeJunshan: string[] = []; // tracking numbers of 君山区's on-time 处置 last month
  let lateJunshan = '';
  let overdueTicket = { id: '', trackingNo: '' };
  let junshanDept: { id: string; name: string };
  let ids: { dispatcher: string; handler: string; hrHandler: string };

  const tokenOf = (userId: string) => staffSessionToken(t.deps, userId);

  /** One ticket through the loop at `at`: report → 受理 → 派遣 → (处置 at `resolveAt`) → 核查结案. */
  async function history(o: { at: Date; location: { lat: number; lng: number }; districtCode: string; dept: { id: string }; resolveAt?: Date; handlerId: string }) {
    fixed = o.at;
    const citizen = await makeCitizen(t, `居民${stamp}`);
    const r = await fileReport(t, citizen.token, { description: `考核测试 ${stamp} ${o.at.toISOString()}`, location: o.location, address: '考核测试地址' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.district.code).toBe(o.districtCode);
    const dispatcher = await tokenOf(ids.dispatcher);
    for (const body of [{ action: 'accept' }, { action: 'dispatch', departmentId: o.dept.id }]) {
      const res = await act(t, dispatcher, r.body.id, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    if (o.resolveAt) {
      fixed = o.resolveAt;
      const res = await act(t, await tokenOf(o.handlerId), r.body.id, { action: 'resolve', reply: '已处置完毕，现场已清理。' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      fixed = hours(o.resolveAt, 1);
      const verified = await act(t, await tokenOf(ids.dispatcher), r.body.id, { action: 'verify' });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    }
    return { id: r.body.id as string, trackingNo: r.body.trackingNo as string };
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    context.setDefaultTimeout(UI_TIMEOUT);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  async function login(username: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${t.url}/admin/login`);
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/tickets/);
    return page;
  }

  /** Pixels of the map canvas close to a colour (outside the legend in the lower-left corner). */
  async function colourPixels(map: Locator, hex: string): Promise<{ count: number; x: number; y: number }> {
    return map.evaluate((el, hex) => {
      const canvas = el.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return { count: 0, x: 0, y: 0 };
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const { width, height } = canvas;
      const data = ctx.getImageData(0, 0, width, height).data;
      const scale = width / el.clientWidth;
      let count = 0;
      let x = 0;
      let y = 0;
      for (let py = 0; py < height; py += 2) {
        for (let px = 0; px < width; px += 2) {
          if (px < 160 * scale && py > height - 160 * scale) continue; // the legend
          const i = (py * width + px) * 4;
          if (Math.abs(data[i]! - r!) < 12 && Math.abs(data[i + 1]! - g!) < 12 && Math.abs(data[i + 2]! - b!) < 12) {
            count++;
            x = px / scale;
            y = py / scale;
          }
        }
      }
      return { count, x, y };
    }, hex);
  }

  beforeAll(async () => {
    t = await startTestServer({ now: () => fixed ?? new Date(), env: { ...RAISED_LIMITS } });
    browser = await launchBrowser();
    const m = t.deps.models;
    junshanDept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
    const hrDept = await departmentOf(t, HUARONG_CODE, '环卫所');
    await createStaff(m, { username: names.leader, password: PASSWORD, displayName: '局领导', roles: ['viewer'] });
    await createStaff(m, { username: names.admin, password: PASSWORD, displayName: '考核管理员', roles: ['admin'] });
    ids = {
      dispatcher: await createStaff(m, { username: `disp_${stamp}`, password: PASSWORD, displayName: '指挥中心调度员', roles: ['dispatcher'] }),
      handler: await createStaff(m, { username: names.handler, password: PASSWORD, displayName: '君山环卫处置员', roles: ['handler'], districtCodes: [JUNSHAN_CODE], departmentIds: [junshanDept.id] }),
      hrHandler: await createStaff(m, { username: `hrhw_${stamp}`, password: PASSWORD, displayName: '华容环卫处置员', roles: ['handler'], districtCodes: [HUARONG_CODE], departmentIds: [hrDept.id] }),
    };

    // two months ago: 君山区 one on time
    const old = workingMorning(twoMonthsAgo, 5);
    await history({ at: old, location: JUNSHAN, districtCode: JUNSHAN_CODE, dept: junshanDept, resolveAt: hours(old, 1), handlerId: ids.handler });
    // last month: 君山区 3 on time, 1 late (a week after its one-working-day deadline), 1 left overdue
    const base = workingMorning(lastMonth, 3);
    for (let i = 0; i < 3; i++) {
      const at = hours(base, i * 0.5);
      onTimeJunshan.push((await history({ at, location: JUNSHAN, districtCode: JUNSHAN_CODE, dept: junshanDept, resolveAt: hours(at, 1), handlerId: ids.handler })).trackingNo);
    }
    lateJunshan = (await history({ at: hours(base, 2), location: JUNSHAN, districtCode: JUNSHAN_CODE, dept: junshanDept, resolveAt: addCalendarDays(base, 7), handlerId: ids.handler })).trackingNo;
    overdueTicket = await history({ at: hours(base, 3), location: JUNSHAN, districtCode: JUNSHAN_CODE, dept: junshanDept, handlerId: ids.handler });
    // last month: 华容县 2 on time
    for (let i = 0; i < 2; i++) {
      const at = hours(base, 4 + i * 0.5);
      await history({ at, location: HUARONG, districtCode: HUARONG_CODE, dept: hrDept, resolveAt: hours(at, 1), handlerId: ids.hrHandler });
    }
    fixed = null;
  }, 300_000);

  afterEach(async (ctx) => {
    // each step's pages go: an idle console page still polls and paints on a busy 2-core machine
    let n = 0;
    for (const c of contexts.splice(0)) {
      if (ctx.task.result?.state === 'fail') {
        for (const p of c.pages()) await p.screenshot({ path: artifactPath(`stats-failed-${ctx.task.name.slice(0, 12)}-${n++}.png`), fullPage: true }).catch(() => undefined);
      }
      await c.close().catch(() => undefined);
    }
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  const from = `${lastMonth}-01`;
  const to = () => lastDayOfMonth(lastMonth);

  it('the API agrees with the history (the figures the page will show)', async () => {
    const leader = (await t.request('POST', '/api/v1/auth/login', { body: { username: names.leader, password: PASSWORD } })).body.token as string;
    await expect
      .poll(
        async () => {
          const res = await t.request('GET', `/api/v1/admin/stats/assessment?from=${from}&to=${to()}&unit=district`, { token: leader });
          const js = res.body.items?.find((i: { code: string }) => i.code === JUNSHAN_CODE);
          return js?.indicators?.onTimeHandleRate;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeCloseTo(0.6, 6);
  });

  it('a leader opens 考核, switches to last month and sees the districts coloured by grade', async () => {
    const page = await login(names.leader);
    await page.getByRole('menuitem', { name: /考核/ }).first().click();
    await page.waitForURL(/\/admin\/stats/);
    const map = page.getByTestId('assessment-map');
    await map.waitFor({ timeout: 90_000 }); // first load: the lazy map chunk and ≈300 KB of polygons
    await page.screenshot({ path: artifactPath('stats-this-month.png'), fullPage: true });

    // switch the month picker to last month
    await page.getByTestId('period-date').click();
    const mo = Number(lastMonth.slice(5, 7));
    if (lastMonth.slice(0, 4) !== thisMonth.slice(0, 4)) await page.locator('.ant-picker-header-super-prev-btn').first().click();
    const assessment = page.waitForResponse((r) => r.url().includes('/api/v1/admin/stats/assessment') && r.url().includes(`from=${from}`));
    await page.locator('.ant-picker-cell').filter({ hasText: new RegExp(`^${mo}月$`) }).first().click();
    expect((await assessment).status()).toBe(200);
    await page.waitForURL((u) => u.searchParams.get('from') === from);

    // 君山区 (良好 at 82.0) and 华容县 (优秀) are painted in their grade colours
    await map.locator('canvas').waitFor();
    await expect.poll(() => map.getAttribute('data-painted'), { timeout: UI_TIMEOUT }).toBe('yes');
    await expect.poll(async () => (await colourPixels(map, '#389e0d')).count, { timeout: UI_TIMEOUT }).toBeGreaterThan(200);
    await expect.poll(async () => (await colourPixels(map, '#1677ff')).count, { timeout: UI_TIMEOUT }).toBeGreaterThan(200);

    // the hover card of 君山区 has its numbers
    const blue = await colourPixels(map, '#1677ff');
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + blue.x, box.y + blue.y);
    const card = map.locator('div').filter({ hasText: '综合指标值：' }).last();
    await expect.poll(() => card.textContent(), { timeout: UI_TIMEOUT }).toContain('君山区');
    await expect.poll(() => card.textContent(), { timeout: UI_TIMEOUT }).toMatch(/按期处置率：60\.0%/);
    await page.screenshot({ path: artifactPath('stats-last-month.png'), fullPage: true });

    // the ranking: formulas in header tooltips, grade tags, "—" for empty denominators
    const row = page.locator('tr').filter({ has: page.getByTestId(`unit-${JUNSHAN_CODE}`) });
    await expect.poll(() => row.getByTestId('drill-onTimeHandleRate').textContent()).toBe('60.0%');
    await expect.poll(() => row.getByTestId('grade').textContent()).toBe('良好');
    await page.locator('th').filter({ hasText: '按期处置率' }).locator('.anticon').first().hover();
    await page.getByRole('tooltip').filter({ hasText: '按期处置率 = 按期处置数 ÷ 应处置数' }).waitFor();
    await page.screenshot({ path: artifactPath('stats-ranking-tooltip.png') });

    // the ranking as Excel: headers, 君山区's number, the 合计 row
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ranking').click()]);
    const file = artifactPath('stats-ranking.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows = sheetRows(wb.worksheets[0]!);
    const headerIdx = rows.findIndex((r) => r.includes('按期处置率'));
    expect(headerIdx, JSON.stringify(rows.slice(0, 5))).toBeGreaterThanOrEqual(0);
    const header = rows[headerIdx]!;
    expect(header).toEqual(expect.arrayContaining(['综合指标值', '等级', '结案率', '按期结案率']));
    const col = header.indexOf('按期处置率');
    const junshan = rows.find((r) => r.includes('君山区'))!;
    expect(junshan[col]).toBeCloseTo(0.6, 6);
    expect(rows.some((r) => r.some((c) => typeof c === 'string' && /合计|全市/.test(c)))).toBe(true);

    // drill-down: 君山区's 按期处置率 → exactly the three on-time tickets
    await row.getByTestId('drill-onTimeHandleRate').click();
    await page.waitForURL(/\/admin\/tickets\?stat=onTimeHandleRate/);
    const banner = page.getByTestId('stat-drill-banner');
    await expect.poll(() => banner.textContent()).toContain('来自考核：君山区');
    await expect.poll(() => page.getByTestId('stat-drill-total').textContent()).toBe('共 3 件');
    const listed = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => listed.count()).toBe(3);
    const rowsText = await listed.allTextContents();
    for (const no of onTimeJunshan) expect(rowsText.filter((s) => s.includes(no))).toHaveLength(1);
    expect(rowsText.some((s) => s.includes(lateJunshan) || s.includes(overdueTicket.trackingNo))).toBe(false);
    await page.screenshot({ path: artifactPath('stats-drill-down.png'), fullPage: true });

    // the drill-down list as Excel
    const [drillDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-drill').click()]);
    const drillFile = artifactPath('stats-drill-down.xlsx');
    await drillDownload.saveAs(drillFile);
    const dwb = new ExcelJS.Workbook();
    await dwb.xlsx.readFile(drillFile);
    const text = JSON.stringify(sheetRows(dwb.worksheets[0]!));
    for (const no of onTimeJunshan) expect(text).toContain(no);
    expect(text).not.toContain(lateJunshan);

    // clearing the filter returns to the ordinary queue
    await page.getByTestId('clear-drill').click();
    await expect.poll(() => page.getByTestId('stat-drill-banner').count()).toBe(0);
    await page.getByTestId('tab-submitted').waitFor();
  });

  it('every figure of the 问题类型 Top 10 is a link to exactly those tickets', async () => {
    const page = await login(names.leader);
    // the 返回考核 link's form of the URL: last month, districts
    await page.goto(`${t.url}/admin/stats?period=custom&from=${from}&to=${to()}&unit=district`);
    await page.getByTestId('category-breakdown').waitFor({ timeout: 90_000 });
    await page.getByTestId('category-unit').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^君山区$/ }).click();
    const catRow = page.getByTestId('category-breakdown').locator('tr').filter({ hasText: '暴露垃圾' });
    // last month 君山区 had five reports of 暴露垃圾 (four handled, one left overdue)
    await expect.poll(() => catRow.getByTestId('category-drill-reportedCount').textContent()).toBe('5');
    await page.screenshot({ path: artifactPath('stats-category-links.png'), fullPage: true });
    await catRow.getByTestId('category-drill-reportedCount').click();
    await page.waitForURL(/\/admin\/tickets\?stat=reportedCount.*statCategory=06010/);
    await expect.poll(() => page.getByTestId('stat-drill-banner').textContent()).toContain('君山区 · 暴露垃圾');
    await expect.poll(() => page.getByTestId('stat-drill-total').textContent()).toBe('共 5 件');
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(5);
    const rowsText = await page.locator('.ant-table-tbody tr.ant-table-row').allTextContents();
    for (const no of [...onTimeJunshan, lateJunshan, overdueTicket.trackingNo]) expect(rowsText.filter((x) => x.includes(no))).toHaveLength(1);
    // a read-only leader opens tickets to look at them: 查看, not 处理
    const opLinks = await page.locator('.ant-table-tbody tr.ant-table-row a[href*="/tickets/"]').allTextContents();
    expect(opLinks.filter((x) => x === '查看')).toHaveLength(5);
    expect(opLinks).not.toContain('处理');
    await page.screenshot({ path: artifactPath('stats-category-drill.png'), fullPage: true });
  });

  it('the 月度考核通报 prints to an A4 PDF with the ranking, grades and map in Chinese', async () => {
    const page = await login(names.leader);
    await page.goto(`${t.url}/admin/stats?period=month&from=${from}&to=${to()}&unit=district`);
    // the button is a link to a new tab; the test opens its address in a tab of its own (a popup's 'page' event
    // is easily missed while a loaded machine is still laying the page out)
    const link = page.getByTestId('open-bulletin');
    await link.waitFor({ timeout: 90_000 });
    expect(await link.getAttribute('target')).toBe('_blank');
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`/admin/stats/bulletin?month=${lastMonth}`);
    const bulletin = await page.context().newPage();
    bulletin.on('pageerror', (e) => pageErrors.push(e.message));
    await bulletin.goto(`${t.url}${href}`);
    const sheet = bulletin.getByTestId('bulletin');
    await expect.poll(() => sheet.getAttribute('data-ready'), { timeout: UI_TIMEOUT }).toBe('yes');
    await expect.poll(() => bulletin.getByTestId('assessment-map').getAttribute('data-painted'), { timeout: UI_TIMEOUT }).toBe('yes');
    await expect.poll(() => bulletin.getByTestId('bulletin-best').first().textContent()).toContain('华容县');
    await bulletin.screenshot({ path: artifactPath('stats-bulletin.png'), fullPage: true });
    const pdf = artifactPath('stats-bulletin.pdf');
    await bulletin.emulateMedia({ media: 'print' });
    await bulletin.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const s of ['城市管理考核通报', '区县（功能区）考核排名', '君山区', '华容县', '良好', '优秀', '先进与后进单位']) expect(text).toContain(s);
    expect(text).not.toContain('打印 / 另存为 PDF'); // the toolbar is not printed
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('督办: the leader supervises the overdue ticket; the timeline and the handler queue show it', async () => {
    const page = await login(names.leader);
    await page.goto(`${t.url}/admin/tickets/${overdueTicket.id}`);
    await page.getByTestId('supervise-button').click();
    const dialog = page.getByRole('dialog').filter({ hasText: `督办 · ${overdueTicket.trackingNo}` });
    await dialog.getByLabel('督办意见').fill('市民反映强烈，请今日内处置到位');
    await page.screenshot({ path: artifactPath('ticket-supervise-dialog.png') });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/admin/tickets/${overdueTicket.id}/transitions`)),
      dialog.getByRole('button', { name: '确认督办' }).click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ action: 'supervise', note: '市民反映强烈，请今日内处置到位' });
    await page.getByTestId('supervised-tag').first().waitFor();
    await expect.poll(() => page.getByTestId('timeline-item').filter({ hasText: '督办' }).last().textContent()).toContain('市民反映强烈');
    await page.screenshot({ path: artifactPath('ticket-supervised.png'), fullPage: true });

    const handler = await login(names.handler);
    const first = handler.locator('.ant-table-tbody tr.ant-table-row').first();
    await expect.poll(() => first.textContent()).toContain(overdueTicket.trackingNo);
    await expect.poll(() => first.getByTestId('supervised-tag').count()).toBe(1);
    await handler.screenshot({ path: artifactPath('ticket-queue-supervised.png'), fullPage: true });
  });

  it('延期: the department applies on the ticket page, the dispatch centre approves, the deadline moves', async () => {
    // a ticket dispatched now, on the real clock
    const fresh = await history({ at: new Date(), location: JUNSHAN, districtCode: JUNSHAN_CODE, dept: junshanDept, handlerId: ids.handler });
    fixed = null;
    const handler = await login(names.handler);
    await handler.goto(`${t.url}/admin/tickets/${fresh.id}`);
    await handler.getByTestId('extension-request_extension').click();
    const ask = handler.getByRole('dialog').filter({ hasText: `申请延期 · ${fresh.trackingNo}` });
    await ask.getByLabel('延长工作日').fill('2');
    await ask.getByLabel('延期理由').fill('需协调产权单位共同清运');
    await handler.screenshot({ path: artifactPath('ticket-extension-request.png') });
    const [applied] = await Promise.all([
      handler.waitForResponse((r) => r.url().endsWith(`/admin/tickets/${fresh.id}/transitions`)),
      ask.getByRole('button', { name: '申请延期' }).click(),
    ]);
    expect(applied.status(), await applied.text()).toBe(200);
    expect(JSON.parse(applied.request().postData() ?? '{}')).toMatchObject({ action: 'request_extension', extraWorkingDays: 2, reason: '需协调产权单位共同清运' });
    await handler.getByTestId('extension-pending-tag').waitFor();
    await expect.poll(() => handler.getByTestId('extension-card').textContent()).toContain('待指挥中心审批');
    await expect.poll(() => handler.getByTestId('extension-request_extension').count()).toBe(0);
    const asked = ((await applied.json()) as { extension: { dueAt: string } }).extension.dueAt;

    const centre = await login(`disp_${stamp}`);
    await centre.goto(`${t.url}/admin/tickets/${fresh.id}`);
    await centre.getByTestId('extension-pending-tag').waitFor();
    await centre.getByTestId('extension-approve_extension').click();
    const decide = centre.getByRole('dialog').filter({ hasText: `批准延期 · ${fresh.trackingNo}` });
    await expect.poll(() => decide.getByTestId('extension-decision-summary').textContent()).toContain('需协调产权单位共同清运');
    const [approved] = await Promise.all([
      centre.waitForResponse((r) => r.url().endsWith(`/admin/tickets/${fresh.id}/transitions`)),
      decide.getByRole('button', { name: '批准延期' }).click(),
    ]);
    expect(approved.status(), await approved.text()).toBe(200);
    expect(((await approved.json()) as { dueAt: string }).dueAt).toBe(asked);
    await expect.poll(() => centre.getByTestId('extension-card').textContent()).toContain('已批准');
    await expect.poll(() => centre.getByTestId('extension-pending-tag').count()).toBe(0);
    await expect.poll(() => centre.getByTestId('timeline-item').filter({ hasText: '批准延期' }).count()).toBe(1);
    await centre.screenshot({ path: artifactPath('ticket-extension-approved.png'), fullPage: true });
  });

  it('the admin sees the weights page with the default version', async () => {
    const page = await login(names.admin);
    await page.goto(`${t.url}/admin/stats/weights`);
    await page.getByTestId('weights-form').waitFor();
    await expect.poll(() => page.getByText('本月').first().textContent()).toContain('生效');
    await page.screenshot({ path: artifactPath('stats-weights.png'), fullPage: true });
  });
});
