import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { staffToken } from '../../server/src/testing/staff-token.js';
import { complaintBody, ID_B } from '../../server/src/testing/complaints.js';
import { artifactPath, launchBrowser, signedInConsole } from './browser.js';

/**
 * The console's master-data pages against the real server and the built console (admin/dist):
 * waste CSV import with per-row errors then 只导入有效行, car park import errors and an
 * operator key shown once, zone GeoJSON refused per feature, and a 信访 case
 * registered, accepted, assigned and concluded with its reply, and a case file whose ID number is shown
 * in full only through 查看完整 (an audit entry), flagged 同号异名.
 */
describe('admin console: waste, car parks, zones, 信访', () => {
  let t: TestServer;
  let browser: Browser;
  let token: string;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cgt-admin-files-'));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    token = await staffToken(t, ['admin'], 'e2e_admin');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A console page logged in as the test admin (session put where the console keeps it). */
  async function consolePage(route: string): Promise<{ page: Page; errors: string[] }> {
    const me = await t.request('GET', '/api/v1/auth/me', { token });
    const user = me.status === 200 ? me.body : { id: 'x', username: 'e2e_admin', displayName: 'e2e_admin', roles: ['admin'], districtCodes: [] };
    const ctx = await signedInConsole(browser, { token, user });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/admin${route}`, { waitUntil: 'networkidle' });
    return { page, errors };
  }

  it('waste: a CSV with bad rows is refused with per-row errors, then 只导入有效行 writes the good ones', async () => {
    const { page, errors } = await consolePage('/waste');
    await page.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /导入 CSV/ }).click();
    const csv = file('waste.csv', 'name,category,aliases\n测试物品甲,hazardous,甲物\n,kitchen,\n测试物品乙,blue,\n');
    await page.setInputFiles('.ant-modal .ant-upload input[type=file]', csv);
    await page.getByTestId('import-submit').click();
    const table = page.getByTestId('import-errors');
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.textContent()).toMatch(/物品名称不能为空/);
    await page.screenshot({ path: artifactPath('admin-waste-import-errors.png') });
    // nothing written yet
    expect((await t.request('GET', `/api/v1/admin/waste/items?q=${encodeURIComponent('测试物品甲')}`, { token })).body.total).toBe(0);

    await page.getByTestId('import-valid-only').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '只导入有效行' }).click();
    await page.getByText('导入完成').waitFor();
    expect(await page.locator('.ant-result-subtitle').textContent()).toMatch(/新增 1 条/);
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await page.screenshot({ path: artifactPath('admin-waste-import-valid-only.png') });
    const after = await t.request('GET', `/api/v1/admin/waste/items?q=${encodeURIComponent('测试物品甲')}`, { token });
    expect(after.body.items[0]).toMatchObject({ name: '测试物品甲', category: 'hazardous' });
    expect(errors).toEqual([]);
  });

  it('car parks: import errors per row, nothing written; an operator key is shown once', async () => {
    const { page, errors } = await consolePage('/poi');
    await page.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.ant-table').textContent()).toMatch(/示例数据/);
    const before = (await t.request('GET', '/api/v1/admin/parking/car-parks?pageSize=1', { token })).body.total;
    await page.getByRole('button', { name: /^upload 导入$|导入/ }).first().click();
    const csv = file(
      'parks.csv',
      'id,name,address,lat,lng,coordSys,kind,openingHours,totalSpaces,feeText,evChargers,accessibleSpaces\n' +
        ',测试停车场甲,岳阳楼区,29.3603,113.0967,gcj02,公共停车场,24h,120,,0,0\n' +
        ',测试停车场乙,北京,39.9,116.4,gcj02,公共停车场,24h,50,,0,0\n',
    );
    await page.setInputFiles('.ant-modal .ant-upload input[type=file]', csv);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').textContent()).toMatch(/不在本市范围内/);
    await page.screenshot({ path: artifactPath('admin-parking-import-errors.png') });
    expect((await t.request('GET', '/api/v1/admin/parking/car-parks?pageSize=1', { token })).body.total).toBe(before);
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: '运营方' }).click();
    await page.getByRole('button', { name: /新增运营方/ }).click();
    await page.getByLabel('运营方名称').fill('岳阳测试停车运营公司');
    await page.getByRole('button', { name: /创建并签发 Key/ }).click();
    const key = (await page.getByTestId('operator-key').textContent())?.trim() ?? '';
    expect(key.length).toBeGreaterThan(20);
    await page.screenshot({ path: artifactPath('admin-operator-key.png') });
    const list = await t.request('GET', '/api/v1/admin/parking/operators', { token });
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(errors).toEqual([]);
  });

  it('zones: an invalid GeoJSON is refused with the problem of each feature', async () => {
    const { page, errors } = await consolePage('/masterdata');
    await page.getByRole('tab', { name: '区域边界' }).click();
    await page.getByTestId('area-map').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /导入 GeoJSON/ }).click();
    const geo = file(
      'zones.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'Z-T1', name: '测试区甲' }, geometry: { type: 'Polygon', coordinates: [[[113.1, 29.35], [113.14, 29.39], [113.14, 29.35], [113.1, 29.39], [113.1, 29.35]]] } },
          { type: 'Feature', properties: { code: 'Z-T2', name: '测试区乙' }, geometry: { type: 'Polygon', coordinates: [[[116.1, 31.35], [116.14, 31.35], [116.14, 31.39], [116.1, 31.39], [116.1, 31.35]]] } },
        ],
      }),
    );
    await page.setInputFiles('.ant-modal .ant-upload input[type=file]', geo);
    // wait on the server's answer first: on a loaded CI box the click-to-table path can exceed one wait
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/admin/zones/import'), { timeout: 60_000 });
    await page.getByTestId('import-submit').click();
    const res = await answered;
    expect(res.status()).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_geometry');
    const table = page.getByTestId('import-errors');
    await table.waitFor({ timeout: 60_000 });
    const text = (await table.textContent()) ?? '';
    expect(text).toMatch(/测试区甲/);
    expect(text).toMatch(/测试区乙/);
    await page.screenshot({ path: artifactPath('admin-zone-import-errors.png') });
    const zones = await t.request('GET', '/api/v1/districts?kind=zone');
    expect(JSON.stringify(zones.body)).not.toContain('Z-T1');
    expect(errors).toEqual([]);
  });

  it('信访: register a letter, accept, assign and conclude with the reply text; the ID number stays masked', async () => {
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const first17 = '43060219800101123';
    const idNumber = first17 + '10X98765432'[[...first17].reduce((s, c, i) => s + Number(c) * W[i]!, 0) % 11];
    const { page, errors } = await consolePage('/complaints');
    await page.getByRole('button', { name: /登记信访件/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('姓名').fill('赵六');
    await drawer.getByLabel('身份证号').fill(idNumber);
    await drawer.getByLabel('联系电话').fill('13800138000');
    await drawer.getByLabel('通讯地址').fill('岳阳楼区金鹗中路 1 号');
    await drawer.getByLabel('信访内容').fill('小区门口长期占道经营，夜间噪音扰民。');
    await drawer.getByLabel('诉求', { exact: true }).fill('请求依法取缔占道经营');
    await drawer.getByRole('button', { name: '登 记' }).or(drawer.getByRole('button', { name: '登记', exact: true })).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '已登记信访件' }).waitFor();
    await page.getByRole('button', { name: '查看案卷' }).click();
    await page.getByTestId('complaint-actions').waitFor();
    expect(await page.getByTestId('id-number').textContent()).not.toContain(idNumber.slice(6, 14));

    const act = async (label: string, fill?: () => Promise<void>) => {
      await page.getByTestId('complaint-actions').getByRole('button', { name: label, exact: true }).click();
      await fill?.();
      await page.getByRole('button', { name: `确认${label}` }).click();
      await page.locator('.ant-modal').waitFor({ state: 'detached' });
    };
    await act('受理');
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('已受理');
    await act('交办承办单位', async () => {
      await page.locator('.ant-modal .ant-select').first().click();
      await page.locator('.ant-select-item-option').first().click();
    });
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('办理中');
    await act('出具处理意见', async () => {
      await page.getByLabel('处理意见书（答复信访人）').fill('经调查，反映的问题属实，已责令商户退回店内经营并纳入夜间巡查。');
      await page.getByLabel('依据').fill('《信访工作条例》第三十二条');
    });
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('已答复');
    expect(await page.getByTestId('reply-conclusion').textContent()).toMatch(/已责令商户退回店内经营/);
    // exactly the actions the server allows now: the petitioner's 复查 request
    expect(await page.getByTestId('complaint-actions').locator('button').allTextContents()).toEqual(['登记复查申请']);
    await page.screenshot({ path: artifactPath('admin-complaint-concluded.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('信访: the ID number is masked, 查看完整 shows it and writes an audit entry; the same number under another name is flagged', async () => {
    const visit = (name: string, request: string) =>
      t.request('POST', '/api/v1/admin/complaints', { token, body: { ...complaintBody({ request, petitioner: { ...complaintBody().petitioner, name, idNumber: ID_B, phone: '0730-8123456' } }), channel: 'visit' } });
    const first = await visit('刘洋', '清理楼道堆放的杂物');
    expect(first.status).toBe(201);
    const second = await visit('刘阳', '修复小区门口破损的井盖');
    expect(second.status).toBe(201);
    expect(second.body.nameConflicts).toHaveLength(1);
    const id = second.body.id as string;

    const { page, errors } = await consolePage(`/complaints/${id}`);
    await page.getByTestId('complaint-actions').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('id-number').textContent()).toBe('110***********002X');
    const flag = page.getByTestId('name-conflict');
    expect(await flag.textContent()).toContain(first.body.caseNo);
    expect(await flag.textContent()).toContain('刘洋');
    expect(await page.getByText('0730-8123456').count()).toBe(1);
    const reveals = () => t.deps.models.AuditLog.countDocuments({ action: 'personal_data.complaint_id_number', targetId: id });
    expect(await reveals()).toBe(0);

    await page.getByTestId('reveal-id').click();
    await expect.poll(() => page.getByTestId('id-number').textContent(), { timeout: 30_000 }).toBe(ID_B);
    expect(await reveals()).toBe(1);
    await page.screenshot({ path: artifactPath('admin-complaint-id-revealed.png'), fullPage: true });
    await page.getByRole('button', { name: /隐\s*藏/ }).click();
    expect(await page.getByTestId('id-number').textContent()).toBe('110***********002X');
    expect(errors).toEqual([]);
  });
});
