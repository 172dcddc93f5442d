// Prints the weapp main-package and total sizes (and the H5 build size) and fails above the limits of
// issue 4: main package ≤ 1.2 MB, whole weapp build ≤ 4 MB. Run after `pnpm build:weapp` (and build:h5).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

const root = new URL('..', import.meta.url).pathname
const MB = 1024 * 1024
const LIMIT_MAIN = 1.2 * MB
const LIMIT_TOTAL = 4 * MB

function files(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const s = statSync(p)
    if (s.isDirectory()) out.push(...files(p))
    else out.push({ path: p, size: s.size })
  }
  return out
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`

let failed = false
const weapp = join(root, 'dist/weapp')
if (!existsSync(weapp)) {
  console.error('dist/weapp missing: run `pnpm build:weapp` first')
  process.exit(1)
}
const appJson = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8'))
const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, '') + '/')
// project.config.json is tooling metadata, not part of any uploaded package.
const all = files(weapp).filter((f) => !f.path.endsWith('project.config.json') && !f.path.endsWith('.LICENSE.txt'))
const rel = (f) => relative(weapp, f.path).split(sep).join('/')
const total = all.reduce((a, f) => a + f.size, 0)
const main = all.filter((f) => !subRoots.some((r) => rel(f).startsWith(r))).reduce((a, f) => a + f.size, 0)
console.log(`weapp main package: ${kb(main)} (limit ${kb(LIMIT_MAIN)})`)
for (const r of subRoots) {
  const s = all.filter((f) => rel(f).startsWith(r)).reduce((a, f) => a + f.size, 0)
  console.log(`weapp subpackage ${r}: ${kb(s)}`)
}
console.log(`weapp total: ${kb(total)} (limit ${kb(LIMIT_TOTAL)})`)
if (main > LIMIT_MAIN) {
  console.error('FAIL: weapp main package above limit')
  failed = true
}
if (total > LIMIT_TOTAL) {
  console.error('FAIL: weapp total above limit')
  failed = true
}

const h5 = join(root, 'dist/h5')
if (existsSync(h5)) {
  const hf = files(h5)
  const h5Total = hf.reduce((a, f) => a + f.size, 0)
  const html = readFileSync(join(h5, 'index.html'), 'utf8')
  const initial = [...html.matchAll(/(?:src|href)="\/h5\/([^"]+\.(?:js|css))"/g)].map((m) => join(h5, m[1]))
  const initialRaw = initial.reduce((a, p) => a + statSync(p).size, 0)
  const initialGz = initial.reduce((a, p) => a + gzipSync(readFileSync(p)).length, 0)
  console.log(`h5 total: ${kb(h5Total)}; first load (index.html scripts+css): ${kb(initialRaw)} raw / ${kb(initialGz)} gzip`)
}
process.exit(failed ? 1 : 0)
