// One-off generator for the tabBar icons (81×81 PNG, grey and blue). Run: node scripts/gen-icons.mjs
// Uses sharp from the server package; the PNGs are committed so builds do not need it.
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
const require = createRequire(new URL('../../server/package.json', import.meta.url))
const sharp = require('sharp')

const shapes = {
  home: '<path d="M14 38 L40.5 15 L67 38" fill="none" stroke="C" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/><path d="M22 34 V66 H59 V34" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/><rect x="35" y="47" width="11" height="19" fill="C"/>',
  camera: '<rect x="11" y="24" width="59" height="42" rx="8" fill="none" stroke="C" stroke-width="6"/><path d="M29 24 L34 15 H47 L52 24" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/><circle cx="40.5" cy="45" r="10" fill="none" stroke="C" stroke-width="6"/>',
  user: '<circle cx="40.5" cy="28" r="13" fill="none" stroke="C" stroke-width="6"/><path d="M15 68 C17 52 28 46 40.5 46 C53 46 64 52 66 68" fill="none" stroke="C" stroke-width="6" stroke-linecap="round"/>',
}
const colors = { '': '#8a94a6', '-active': '#1d63d8' }
for (const [name, body] of Object.entries(shapes)) {
  for (const [suffix, color] of Object.entries(colors)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81">${body.replaceAll('"C"', `"${color}"`)}</svg>`
    const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer()
    writeFileSync(new URL(`../src/assets/tab/${name}${suffix}.png`, import.meta.url), png)
  }
}
console.log('icons written')
