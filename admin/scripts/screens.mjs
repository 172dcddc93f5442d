// Screenshots of the built console against contract fixtures (no server needed):
//   pnpm build && node scripts/screens.mjs [outDir]   (default: <repo>/test-artifacts/admin-screens)
// Serves dist with `vite preview`, intercepts /api/v1 with page.route, saves PNGs.
// Playwright's launch() always uses a fresh temporary profile (its own --user-data-dir).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as fx from './fixtures.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, '..', 'test-artifacts', 'admin-screens');
mkdirSync(out, { recursive: true });
const port = 4400 + Math.floor(Math.random() * 500);
const preview = spawn(join(root, 'node_modules/.bin/vite'), ['preview', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore' });
const origin = `http://127.0.0.1:${port}`;

async function waitUp() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${origin}/admin/`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

const photo = (hue, label) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="hsl(${hue},35%,70%)"/><text x="320" y="250" font-size="40" text-anchor="middle" fill="#fff">${label}</text></svg>`;

function api(route, lockout, detail) {
  const url = new URL(route.request().url());
  const p = url.pathname.replace('/api/v1', '');
  const method = route.request().method();
  const json = (body, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  if (p === '/auth/login') {
    if (lockout) return json({ error: { code: 'account_locked', message: '账号已锁定', details: { lockedUntil: new Date(Date.now() + 12 * 60_000).toISOString() } } }, 423);
    return json({ token: 't', refreshToken: 'r', user: fx.user });
  }
  if (p === '/districts') return json(fx.districts);
  if (p === '/categories') return json(fx.categories);
  if (p === '/admin/departments') return json(fx.departments);
  if (p === '/admin/tickets') {
    const status = url.searchParams.get('status');
    const overdue = url.searchParams.get('overdue');
    const items = status === 'submitted' ? fx.tickets : [];
    return json({ items, total: items.length, counts: fx.counts, overdue });
  }
  if (p.startsWith('/admin/tickets/') && method === 'GET') return json(detail);
  if (p.endsWith('/transitions') && method === 'POST') {
    const body = route.request().postDataJSON();
    const next = { accept: 'accepted', dispatch: 'dispatched', resolve: 'resolved', reject: 'rejected', transfer: 'accepted' }[body.action] ?? detail.status;
    Object.assign(detail, { status: next });
    return json(detail);
  }
  if (p === '/admin/reply-templates') return json(fx.templates);
  if (p === '/admin/users') return json(fx.users);

  if (p === '/admin/audit') return json(fx.audit);
  return json({ error: { code: 'not_found', message: '接口不存在' } }, 404);
}

async function main() {
  await waitUp();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const shoot = async (name, setup, { lockout = false, user = fx.user, detail = fx.detail } = {}) => {
    const state = structuredClone(detail);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${name}] pageerror`, e.message));
    page.on('console', (m) => m.type() === 'error' && console.error(`[${name}] console`, m.text()));
    await page.route('**/api/v1/**', (r) => (r.request().url().endsWith('/auth/me') ? r.fulfill({ json: user }) : api(r, lockout, state)));
    await page.route('**/admin/fixture-photo-*.svg', (r) =>
      r.fulfill({ contentType: 'image/svg+xml', body: photo(r.request().url().includes('-1') ? 200 : 30, r.request().url().includes('-1') ? '现场照片 1' : '现场照片 2') }),
    );
    if (user) await context.addInitScript((s) => localStorage.setItem('cgt.admin.session', s), JSON.stringify({ token: 't', refreshToken: 'r', user }));
    await setup(page);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
    console.log('saved', join(out, `${name}.png`));
    await context.close();
  };

  await shoot('login', async (page) => {
    await page.goto(`${origin}/admin/login`);
    await page.getByPlaceholder('用户名').waitFor();
  }, { user: null });
  await shoot('login-locked', async (page) => {
    await page.goto(`${origin}/admin/login`);
    await page.getByPlaceholder('用户名').fill('dispatcher1');
    await page.getByPlaceholder('密码').fill('wrong');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('login-error').waitFor();
  }, { user: null, lockout: true });
  await shoot('workbench', async (page) => {
    await page.goto(`${origin}/admin/tickets`);
    await page.getByText('YY20261127000123').waitFor();
  });
  await shoot('workbench-bulk', async (page) => {
    await page.goto(`${origin}/admin/tickets?tab=submitted`);
    await page.getByText('YY20261127000123').waitFor();
    await page.locator('.ant-table-tbody .ant-table-selection-column .ant-checkbox-wrapper').nth(0).click();
    await page.locator('.ant-table-tbody .ant-table-selection-column .ant-checkbox-wrapper').nth(1).click();
    await page.getByRole('button', { name: '批量受理' }).click();
    await page.getByRole('button', { name: '确认受理' }).waitFor();
  });
  await shoot('detail', async (page) => {
    await page.goto(`${origin}/admin/tickets/t1`);
    await page.getByText('YY20261127000123').first().waitFor();
    await page.waitForTimeout(800);
  });
  await shoot('detail-accepted', async (page) => {
    await page.goto(`${origin}/admin/tickets/t1`);
    await page.getByRole('button', { name: '受理' }).click();
    await page.getByRole('button', { name: '确认受理' }).click();
    await page.getByText('受理成功').waitFor();
  });
  await shoot('detail-dispatch', async (page) => {
    await page.goto(`${origin}/admin/tickets/t1`);
    await page.getByRole('button', { name: '派遣' }).click();
    await page.getByText('（系统建议）').waitFor();
  }, { detail: { ...fx.detail, status: 'accepted' } });
  await shoot('detail-resolve', async (page) => {
    await page.goto(`${origin}/admin/tickets/t1`);
    await page.getByRole('button', { name: '处置反馈' }).click();
    await page.getByTestId('template-select').click();
    await page.getByTitle('已清理').click();
  }, { user: fx.handler, detail: fx.dispatchedDetail() });
  await shoot('detail-transfer', async (page) => {
    await page.goto(`${origin}/admin/tickets/t1`);
    await page.getByRole('button', { name: '移交' }).click();
    await page.getByText('移交原因').waitFor();
  });
  const admin = { ...fx.user, roles: ['admin'], districtCodes: [], displayName: '系统管理员' };
  for (const [name, path, text] of [['users', '/users', 'handler-js'], ['templates', '/templates', '已清理'], ['audit', '/audit', 'dispatcher1']]) {
    await shoot(name, async (page) => {
      await page.goto(`${origin}/admin${path}`);
      await page.getByText(text).first().waitFor({ timeout: 8000 }).catch(() => console.error(`[${name}] text not found: ${text}`));
    }, { user: admin });
  }
  await browser.close();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => preview.kill('SIGTERM'));
