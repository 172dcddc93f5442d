// The H5 build against a REAL running server (npm start, or `node --import tsx src/main.ts` with DEMO_LOGIN=1):
//   node scripts/e2e-real.mjs http://127.0.0.1:3000 [outDir]
// demo login → 随手拍 with a photo at a 君山区 point (the first response is dropped, then resent: one ticket)
// → 君山区 routing + tracking number → 我的诉求 → detail timeline; a point outside the city is refused.
import { mkdtempSync, mkdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { chromium } from 'playwright-core'
import { ensureSamplePhoto } from './sample-photo.mjs'

const base = process.argv[2] || 'http://127.0.0.1:3000'
const out = process.argv[3] || '/tmp/cgt-shots-real'
mkdirSync(out, { recursive: true })
const SAMPLE = await ensureSamplePhoto()

const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cgt-chrome-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN',
  // WGS-84 point in 君山区 (the app converts it to GCJ-02)
  geolocation: { latitude: 29.4582, longitude: 112.9869 }, permissions: ['geolocation'],
})
const page = await ctx.newPage()
const errors = []
page.on('pageerror', (e) => errors.push(String(e)))
const shot = async (name) => {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(out, `${name}.png`) })
  console.log('shot', name)
}
const check = (cond, msg) => {
  if (!cond) throw new Error(`CHECK FAILED: ${msg}`)
  console.log('ok', msg)
}

// Drop the first report response after the server has handled it (a lost answer on a bad network).
let posts = 0
const keys = []
await page.route('**/api/v1/reports', async (route) => {
  if (route.request().method() !== 'POST') return route.continue()
  posts++
  keys.push(route.request().headers()['idempotency-key'])
  if (posts === 1) {
    await route.fetch()
    return route.abort('connectionreset')
  }
  return route.continue()
})

await page.goto(`${base}/h5/#/pages/report/index`)
await page.getByText('君山区').first().waitFor({ timeout: 15000 })
const token = await page.evaluate(() => {
  const raw = localStorage.getItem('cgt:token')
  try { return JSON.parse(raw).data ?? JSON.parse(raw) } catch { return raw }
})
const mine = async () => (await (await fetch(`${base}/api/v1/reports/mine?page=1&pageSize=50`, { headers: { authorization: `Bearer ${token}` } })).json())
const before = (await mine()).total ?? 0

const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').click()])
await chooser.setFiles([SAMPLE])
await page.waitForFunction(() => document.querySelector('.photos__tile img, .photos__tile .taro-img') && !document.querySelector('.photos__overlay'), null, { timeout: 20000 })
await page.getByText('请选择').click()
await page.locator('.cats__chip', { hasText: '暴露垃圾' }).first().click()
await page.locator('.report__desc textarea').fill('君山区柳林洲街道路边有暴露垃圾堆放，已经两天没人清理。')
await shot('real-01-report-filled')
await page.locator('.report__submit').click()
await page.getByText('提交未成功', { exact: true }).waitFor({ timeout: 20000 })
await page.getByText('知道了').click()
await page.locator('.report__submit').click()
await page.getByText('提交成功').waitFor({ timeout: 20000 })
const trackingNo = (await page.locator('.result__no').textContent()).trim()
check(/君山区/.test(await page.locator('.result__district').textContent()), 'result shows 君山区')
check(trackingNo.length > 6, `tracking number ${trackingNo}`)
check(keys.length === 2 && keys[0] === keys[1], 'same Idempotency-Key on the resend')
const after = await mine()
check(after.total === before + 1, `one ticket created (${before} → ${after.total})`)
await shot('real-02-success')

await page.getByText('查看办理进度').click()
await page.locator('.tl').waitFor({ timeout: 15000 }).catch(async (e) => {
  await page.screenshot({ path: join(out, 'real-FAILED-detail.png') })
  throw e
})
check((await page.locator('.tl__label').count()) >= 1, 'detail shows a timeline')
await shot('real-03-detail')

await page.goto(`${base}/h5/#/packages/reports/pages/list/index`)
await page.locator('.mine__item', { hasText: trackingNo }).first().waitFor({ timeout: 15000 })
await shot('real-04-my-reports')

await page.goto(`${base}/h5/#/pages/report/index`)
// The tab page keeps showing the last success until 继续上报.
if (await page.getByText('继续上报').isVisible()) await page.getByText('继续上报').click()
await page.getByText('手动输入').click()
await page.locator('.loc__manual-input input').nth(0).fill('28.19')
await page.locator('.loc__manual-input input').nth(1).fill('112.97')
await page.getByText('确定位置').click()
await page.locator('.tip--danger').waitFor({ timeout: 15000 })
check(/不在/.test(await page.locator('.tip--danger').first().textContent()), 'outside point refused')
await shot('real-05-outside')

console.log(errors.length ? `page errors:\n${errors.join('\n')}` : 'no page errors')
await ctx.close()
