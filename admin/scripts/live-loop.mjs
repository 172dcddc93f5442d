// Drives the full loop in the real console against a running server (no fixtures):
//   BASE=http://127.0.0.1:3000 ADMIN_PASSWORD=… node scripts/live-loop.mjs [outDir]
// Needs DEMO_LOGIN=1 on the server (resident login) and the built console served at /admin/.
// Resident report (API) → dispatcher accepts + dispatches (UI) → handler resolves with a template + photo (UI)
// → resident rates (API) → dispatcher verifies (UI) → 已结案. Screenshots go to outDir.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASE = process.env.BASE ?? 'http://127.0.0.1:3000';
const out = process.argv[2] ?? join(root, '..', 'test-artifacts', 'admin-live');
mkdirSync(out, { recursive: true });
const api = `${BASE}/api/v1`;
const stamp = Date.now().toString(36);

async function call(method, path, { token, body, headers = {} } = {}) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return data;
}

/** A valid 64×48 green PNG for the after-photo upload (the server decodes what it gets). */
function png(width = 64, height = 48) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([60, 160, 90]))]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = png();

async function main() {
  const admin = await call('POST', '/auth/login', { body: { username: 'admin', password: process.env.ADMIN_PASSWORD } });
  const deps = await call('GET', '/admin/departments?districtCode=430611', { token: admin.token });
  const route = await call('GET', '/routing/resolve?lat=29.46&lng=112.95&categoryCode=06010');
  const dept = route.department ?? deps.items[0];
  const pw = `Loop-${stamp}-pass`;
  const mk = (username, displayName, roles, departmentIds = [], districtCodes = ['430611']) =>
    call('POST', '/admin/users', { token: admin.token, body: { username, displayName, password: pw, roles, districtCodes, departmentIds } });
  await mk(`disp-${stamp}`, '君山调度', ['dispatcher']);
  await mk(`hand-${stamp}`, '环卫处置', ['handler'], [dept.id]);
  const hr = await call('GET', '/admin/departments?districtCode=430623', { token: admin.token });
  await mk(`other-${stamp}`, '华容处置', ['handler'], [hr.items[0].id], ['430623']);
  await mk(`lock-${stamp}`, '锁定测试', ['viewer']);

  await call('POST', '/admin/reply-templates', {
    token: admin.token,
    body: { title: `已清理${stamp}`, text: '您好，您反映的问题已安排环卫人员清理完毕，感谢您的支持！', categoryCode: '06010' },
  });
  const citizen = await call('POST', '/auth/demo', { body: { nickname: `居民${stamp}` } });
  const report = await call('POST', '/reports', {
    token: citizen.token,
    headers: { 'Idempotency-Key': `live-${stamp}` },
    body: { categoryCode: '06010', description: `君山公园东门垃圾满溢 ${stamp}`, location: { lat: 29.46, lng: 112.95 }, address: '君山公园东门', contactPhone: '13812341234' },
  });
  console.log('report', report.trackingNo, report.district?.name, report.department?.name);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const as = async (username) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${username}] pageerror`, e.message));
    await page.goto(`${BASE}/admin/login`);
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(pw);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin\/tickets/);
    // Accounts created with an admin-chosen password must change it first.
    const forced = page.getByText('首次登录，请修改密码');
    if (await forced.waitFor({ timeout: 4000 }).then(() => true, () => false)) {
      await page.getByLabel('原密码').fill(pw);
      await page.getByLabel('新密码', { exact: true }).fill(`${pw}-new`);
      await page.getByLabel('确认新密码').fill(`${pw}-new`);
      await page.getByRole('button', { name: '确认修改' }).click();
      await forced.waitFor({ state: 'hidden' });
    }
    return { page, context };
  };
  const shot = (page, name) => page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  const act = async (page, label, fill) => {
    await page.getByTestId('ticket-actions').getByRole('button', { name: label, exact: true }).click();
    if (fill) await fill();
    await page.getByRole('button', { name: `确认${label}` }).click();
    await page.getByText(`${label}成功`).waitFor();
  };

  // Dispatcher: 待受理 in 君山区 → 受理 → 派遣.
  const d = await as(`disp-${stamp}`);
  await d.page.getByTestId('tab-submitted').click();
  await d.page.getByText(report.trackingNo).waitFor();
  await shot(d.page, '1-workbench');
  await d.page.getByText(report.trackingNo).click();
  await d.page.getByTestId('ticket-map').waitFor();
  await d.page.waitForTimeout(800);
  await shot(d.page, '2-detail');
  await act(d.page, '受理');
  await act(d.page, '派遣', async () => {
    await d.page.getByText('（系统建议）').waitFor();
  });

  // Handler: sees its department's ticket → 处置反馈 with a template and a photo.
  const h = await as(`hand-${stamp}`);
  await h.page.goto(`${BASE}/admin/tickets/${report.id}`);
  await h.page.getByTestId('ticket-actions').waitFor();
  await h.page.getByTestId('ticket-actions').getByRole('button', { name: '处置反馈', exact: true }).click();
  await h.page.getByTestId('template-select').click();
  await h.page.getByTitle(`已清理${stamp}`).first().click();
  await h.page.locator('input[type=file]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
  await h.page.locator('.ant-upload-list-item-done').first().waitFor();
  await shot(h.page, '3-resolve-dialog');
  await h.page.getByRole('button', { name: '确认处置反馈' }).click();
  await h.page.getByText('处置反馈成功').waitFor();

  // Resident rates, dispatcher verifies.
  await call('POST', `/reports/${report.id}/rating`, { token: citizen.token, body: { satisfaction: 'satisfied', comment: '很及时' } });
  await d.page.reload();
  await act(d.page, '核查通过');
  await d.page.getByText('已结案').first().waitFor();
  await d.page.getByText('处置后照片').waitFor();
  await shot(d.page, '4-closed');
  console.log('loop closed:', report.trackingNo);

  // A handler of another district cannot open the ticket.
  const o = await as(`other-${stamp}`);
  await o.page.goto(`${BASE}/admin/tickets/${report.id}`);
  await o.page.getByText('工单不存在或无权查看').waitFor();
  await shot(o.page, '5-other-district');

  // Five wrong passwords lock the account; the login page says until when.
  const l = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await l.goto(`${BASE}/admin/login`);
  for (let i = 0; i < 6; i++) {
    await l.getByPlaceholder('用户名').fill(`lock-${stamp}`);
    await l.getByPlaceholder('密码').fill(`wrong-${i}-password`);
    await l.getByRole('button', { name: '登录' }).click();
    await l.getByTestId('login-error').waitFor();
    if (await l.getByText('临时锁定').isVisible()) break;
    await l.waitForTimeout(300);
  }
  await l.getByText('临时锁定').waitFor();
  await shot(l, '6-locked');
  console.log('other district blocked, lockout shown');

  // Bulk: the dispatcher accepts two more reports at once, then dispatches them together.
  for (const n of [1, 2]) {
    await call('POST', '/reports', {
      token: citizen.token,
      headers: { 'Idempotency-Key': `bulk-${stamp}-${n}` },
      body: { categoryCode: '06010', description: `批量测试 ${stamp}-${n}`, location: { lat: 29.47 + n / 1000, lng: 112.9 }, address: '君山区' },
    });
  }
  await d.page.goto(`${BASE}/admin/tickets?tab=submitted`);
  await d.page.getByLabel('关键字').fill(`批量测试 ${stamp}`);
  await d.page.getByRole('button', { name: '查询' }).click();
  await d.page.getByText(`批量测试 ${stamp}-2`).waitFor();
  await d.page.locator('.ant-table-thead .ant-table-selection-column .ant-checkbox-wrapper').click();
  await d.page.getByRole('button', { name: '批量受理' }).click();
  await d.page.getByRole('button', { name: '确认受理' }).click();
  await d.page.getByText('受理成功 2 件').waitFor();
  await d.page.getByTestId('tab-accepted').click();
  await d.page.getByText(`批量测试 ${stamp}-2`).waitFor();
  await d.page.locator('.ant-table-thead .ant-table-selection-column .ant-checkbox-wrapper').click();
  await d.page.getByRole('button', { name: '批量派遣' }).click();
  await d.page.getByRole('dialog').getByRole('combobox').first().click();
  await d.page.getByTitle(dept.name).first().click();
  await shot(d.page, '7-bulk-dispatch');
  await d.page.getByRole('button', { name: '确认派遣' }).click();
  await d.page.getByText('派遣成功 2 件').waitFor();
  console.log('bulk accept + dispatch done');

  // Admin: users page.
  const a = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await a.goto(`${BASE}/admin/login`);
  await a.getByPlaceholder('用户名').fill('admin');
  await a.getByPlaceholder('密码').fill(process.env.ADMIN_PASSWORD);
  await a.getByRole('button', { name: '登录' }).click();
  await a.waitForURL(/\/admin\/tickets/);
  await a.goto(`${BASE}/admin/users`);
  await a.getByText(`disp-${stamp}`).waitFor();
  await shot(a, '8-users');
  await a.goto(`${BASE}/admin/audit`);
  await a.getByText('登录失败').first().waitFor();
  await shot(a, '9-audit');
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
