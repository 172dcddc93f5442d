// Visual check of the H5 build with API fixtures (no server needed):
//   pnpm build:h5 && node scripts/screenshots.mjs [outDir]
// Serves dist/h5 under /h5/, answers /api/v1/* from Playwright route fixtures, walks every page at
// 390×844 and saves PNGs (default /tmp/cgt-shots). Asserts the key behaviours on the way.
import { createServer } from 'node:http'
import { readFileSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { join, extname } from 'node:path'
import { tmpdir } from 'node:os'
import { mkdtempSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { ensureSamplePhoto } from './sample-photo.mjs'

const root = new URL('..', import.meta.url).pathname
const dist = join(root, 'dist/h5')
const out = process.argv[2] || '/tmp/cgt-shots'
mkdirSync(out, { recursive: true })
const SAMPLE = await ensureSamplePhoto()

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.jpg': 'image/jpeg' }
const server = createServer((req, res) => {
  const url = decodeURIComponent(req.url.split('?')[0])
  if (!url.startsWith('/h5/')) {
    res.writeHead(302, { location: '/h5/' }).end()
    return
  }
  let p = join(dist, url.slice(4))
  if (!existsSync(p) || statSync(p).isDirectory()) p = join(dist, 'index.html')
  res.writeHead(200, { 'content-type': types[extname(p)] || 'application/octet-stream' })
  res.end(readFileSync(p))
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`

// ---------- fixtures ----------
const iso = (h) => new Date(Date.now() + h * 3600e3).toISOString()
const categories = [
  { code: '06010', name: '暴露垃圾', group: '06', groupName: '事件-市容环境', slaHours: 7, urgent: false },
  { code: '06013', name: '道路破损', group: '06', groupName: '事件-市容环境', slaHours: 21, urgent: false },
  { code: '06028', name: '噪声扰民', group: '06', groupName: '事件-市容环境', slaHours: 7, urgent: false },
  { code: '08004', name: '工地扬尘', group: '08', groupName: '事件-施工管理', slaHours: 7, urgent: false },
  { code: '08005', name: '建筑垃圾乱倒', group: '08', groupName: '事件-施工管理', slaHours: 7, urgent: false },
  { code: '09001', name: '无照经营游商', group: '09', groupName: '事件-街面秩序', slaHours: 7, urgent: false },
  { code: '09011', name: '共享单车乱停', group: '09', groupName: '事件-街面秩序', slaHours: 7, urgent: false },
  { code: '01037', name: '路灯异常', group: '01', groupName: '部件-公用设施', slaHours: 21, urgent: false },
  { code: '90003', name: '燃气隐患', group: '90', groupName: '地方扩展', slaHours: 2, urgent: true,
    notice: '如闻到燃气味或发现泄漏，请立即远离并拨打 119 或燃气抢修电话，本平台上报不能代替紧急报警。' },
]
const detailResolved = {
  id: 't2', trackingNo: 'YY20261126000087', status: 'resolved', categoryCode: '06010', categoryName: '暴露垃圾',
  description: '巴陵中路人行道上堆放了大量装修垃圾，已经好几天了，影响行人通行。',
  address: '岳阳楼区巴陵中路 128 号附近', district: { code: '430602', name: '岳阳楼区' },
  department: { name: '岳阳楼区城市管理和综合执法局' }, createdAt: iso(-30), dueAt: iso(2), overdue: false,
  photos: [{ id: 'a', url: '/h5/sample.jpg', thumbnailUrl: '/h5/sample.jpg' }],
  afterPhotos: [{ id: 'b', url: '/h5/sample.jpg', thumbnailUrl: '/h5/sample.jpg' }],
  replies: [{ text: '已安排环卫人员清运，现场已清理干净，感谢您的反映。', at: iso(-2), departmentName: '岳阳楼区城市管理和综合执法局', photos: [] }],
  timeline: [
    { type: 'created', label: '提交上报', actorLabel: '我', toStatus: 'submitted', at: iso(-30) },
    { type: 'accepted', from: 'submitted', to: 'accepted', at: iso(-29) },
    { type: 'dispatched', from: 'accepted', to: 'dispatched', at: iso(-28), note: '派遣至岳阳楼区城市管理和综合执法局' },
    { type: 'returned', from: 'dispatched', to: 'accepted', at: iso(-20), note: '不属于本单位管辖，申请改派' },
    { type: 'dispatched', from: 'accepted', to: 'dispatched', at: iso(-19) },
    { type: 'resolved', label: '处置反馈', actorLabel: '岳阳楼区城市管理和综合执法局', toStatus: 'resolved', at: iso(-2), reply: '已安排环卫人员清运，现场已清理干净。' },
  ],
  satisfaction: undefined, canRate: true, canWithdraw: false, reworkCount: 0, rated: false,
}
const mine = [
  { id: 't1', trackingNo: 'YY20261127000123', status: 'submitted', categoryName: '暴露垃圾', description: '君山区柳林洲街道路边有暴露垃圾堆放', district: { code: '430611', name: '君山区' }, createdAt: iso(-0.2), thumbnailUrl: '/h5/sample.jpg' },
  { ...detailResolved },
  { id: 't3', trackingNo: 'YY20261120000042', status: 'closed', categoryName: '路灯异常', description: '金鹗东路路灯连续三晚不亮', district: { code: '430602', name: '岳阳楼区' }, createdAt: iso(-170) },
  { id: 't4', trackingNo: 'YY20261118000011', status: 'dispatched', overdue: true, categoryName: '道路破损', description: '云溪区路口井盖周边路面塌陷', district: { code: '430603', name: '云溪区' }, createdAt: iso(-220) },
]

const seen = { reportKeys: [], reportBodies: [], uploads: 0 }
let dropNextReport = true

async function api(route) {
  const req = route.request()
  const url = new URL(req.url())
  const path = url.pathname
  const json = (status, body) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })
  if (path === '/api/v1/auth/demo') return json(200, { token: 'demo-token', user: { id: 'u1', nickname: JSON.parse(req.postData()).nickname } })
  if (!req.headers()['authorization']) return json(401, { error: { code: 'unauthorized', message: '请先登录' } })
  if (path === '/api/v1/categories') return json(200, categories)
  if (path === '/api/v1/routing/resolve') {
    const lat = Number(url.searchParams.get('lat'))
    if (lat < 28.5 || lat > 30) return json(422, { error: { code: 'outside_jurisdiction', message: '该位置不在岳阳市服务范围内', details: [] } })
    return json(200, { district: { code: '430611', name: '君山区' }, zone: null, department: { id: 'd1', name: '君山区城市管理和综合执法局' }, reason: 'district_rule' })
  }
  if (path === '/api/v1/uploads') {
    seen.uploads++
    await new Promise((r) => setTimeout(r, 1500))
    return json(201, { id: `up${seen.uploads}`, url: '/h5/sample.jpg', thumbnailUrl: '/h5/sample.jpg', width: 640, height: 480 })
  }
  if (path === '/api/v1/reports' && req.method() === 'POST') {
    seen.reportKeys.push(req.headers()['idempotency-key'])
    seen.reportBodies.push(req.postData())
    if (dropNextReport) {
      dropNextReport = false
      return route.abort('connectionreset')
    }
    return json(201, {
      id: 't1', trackingNo: 'YY20261127000123', status: 'submitted', district: { code: '430611', name: '君山区' }, zone: null,
      department: { name: '君山区城市管理和综合执法局' }, dueAt: iso(26),
      possibleDuplicates: [{ id: 't9', trackingNo: 'YY20261127000101', categoryCode: '06010', distanceMeters: 32, createdAt: iso(-5), status: 'accepted' }],
    })
  }
  if (path === '/api/v1/reports/mine') return json(200, { items: mine, total: mine.length })
  if (path.startsWith('/api/v1/reports/t2')) return json(200, detailResolved)
  if (path.startsWith('/api/v1/reports/t1')) return json(200, {
    ...mine[0], photos: [{ url: '/h5/sample.jpg', thumbnailUrl: '/h5/sample.jpg' }], dueAt: iso(26),
    timeline: [{ type: 'created', to: 'submitted', at: iso(-0.2) }], replies: [],
  })
  return json(404, { error: { code: 'not_found', message: '未找到' } })
}

// ---------- browser ----------
// A fresh profile each run (launchPersistentContext is how Playwright takes --user-data-dir).
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cgt-chrome-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN',
  geolocation: { latitude: 29.4582, longitude: 112.9869 }, permissions: ['geolocation'],
})
const page = await ctx.newPage()
const errors = []
page.on('pageerror', (e) => errors.push(String(e)))
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
await page.route('**/api/**', api)
await page.route('**/h5/sample.jpg', (r) => r.fulfill({ status: 200, contentType: 'image/jpeg', body: readFileSync(SAMPLE) }))

const shot = async (name) => {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(out, `${name}.png`) })
  console.log('shot', name)
}
const check = (cond, msg) => {
  if (!cond) throw new Error(`CHECK FAILED: ${msg}`)
  console.log('ok', msg)
}
const go = (p) => page.goto(`${base}/h5/#/${p}`)

await go('pages/index/index')
await page.getByText('随手拍', { exact: true }).first().waitFor()
await shot('01-home')
await page.getByText('找车位').click()
await page.getByText('即将上线').waitFor()
await shot('02-home-coming-soon')

// 随手拍 via the tab bar
await page.locator('.taro-tabbar__tabbar').getByText('随手拍').click()
await page.getByText('君山区', { exact: false }).first().waitFor({ timeout: 8000 })
await shot('03-report-located')

const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').click()])
await chooser.setFiles([SAMPLE, SAMPLE])
await shot('04-report-uploading')
await page.waitForFunction(() => !document.querySelector('.photos__overlay'), null, { timeout: 8000 })

await page.getByText('请选择').click()
await page.getByText('燃气隐患').waitFor()
await shot('05-category-sheet')
await page.getByText('燃气隐患').click()
await shot('06-gas-notice')
await page.locator('.picker-row').click()
await page.locator('.cats__chip', { hasText: '暴露垃圾' }).click()
await page.locator('.report__desc textarea').fill('君山区柳林洲街道路边有暴露垃圾堆放，已经两天没人清理，气味很大。')
await page.locator('.report__phone input').fill('13812345678')
await page.locator('.report__submit').scrollIntoViewIfNeeded()
await shot('07-report-filled')
await page.locator('.report__submit').click()
await page.getByText('提交未成功', { exact: true }).waitFor()
await shot('08-submit-failed')
await page.getByText('知道了').click()
await page.getByText('重新提交').first().waitFor()
// The draft survives a reload (closed app) with the same key.
await page.reload()
await page.getByText('上次提交未成功').waitFor()
await shot('09-draft-restored')
await page.locator('.report__submit').click()
await page.getByText('提交成功').waitFor()
check(seen.reportKeys.length === 2 && seen.reportKeys[0] === seen.reportKeys[1], `one Idempotency-Key across the retry (${seen.reportKeys[0]})`)
check(seen.reportBodies[0] === seen.reportBodies[1], 'identical body on resend')
const body = JSON.parse(seen.reportBodies[0])
check(body.photoIds.length === 2 && body.location.coordSys === 'gcj02' && body.contactPhone === '13812345678', 'body has photos, gcj02 location, phone')
check(Math.abs(body.location.lat - 29.4582) > 0.0001, `WGS-84 converted to GCJ-02 (${body.location.lat}, ${body.location.lng})`)
await shot('10-submit-success')
await page.getByText('继续上报').scrollIntoViewIfNeeded()
await shot('11-submit-success-bottom')

// Outside the city: manual entry far away
await page.getByText('继续上报').click()
await page.getByText('手动输入').click()
await page.locator('.loc__manual-input input').nth(0).fill('28.19')
await page.locator('.loc__manual-input input').nth(1).fill('112.97')
await page.getByText('确定位置').click()
await page.getByText('不在岳阳市城管服务范围内').waitFor()
await shot('12-outside-refused')

await page.locator('.taro-tabbar__tabbar').getByText('我的').click()
await page.getByText('我的诉求').first().waitFor()
await shot('13-me')
await page.getByText('我的诉求').first().click()
await page.getByText('YY20261118000011').waitFor()
await shot('14-my-reports')
await page.getByText('YY20261126000087').click()
await page.locator('.tl').waitFor()
await shot('15-detail-resolved')
await page.getByText('不满意', { exact: true }).click()
await page.locator('.rate__comment').scrollIntoViewIfNeeded()
await shot('16-detail-rating-dissatisfied')
await go('packages/reports/pages/detail/index?id=t1')
await page.getByText('撤回诉求', { exact: true }).waitFor()
await shot('18-detail-submitted')
await go('packages/about/pages/privacy/index')
await page.getByText('信息保存多久').waitFor()
await shot('19-privacy')

console.log(errors.length ? `page errors:\n${errors.join('\n')}` : 'no page errors')
await ctx.close()
server.close()
