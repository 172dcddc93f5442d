// A synthetic 640×480 street-scene JPEG for browser tests (made with sharp from the server package).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

export async function ensureSamplePhoto(path = process.env.SAMPLE_JPG || '/tmp/cgt-sample.jpg') {
  if (existsSync(path)) return path
  const require = createRequire(new URL('../../server/package.json', import.meta.url))
  const sharp = require('sharp')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9cc3e6"/><stop offset="1" stop-color="#dfe9f2"/></linearGradient></defs>
<rect width="640" height="480" fill="url(#g)"/><rect y="300" width="640" height="180" fill="#8a8f96"/>
<rect x="0" y="380" width="640" height="8" fill="#f5f5f5"/><ellipse cx="320" cy="330" rx="150" ry="45" fill="#6b5a44"/>
<rect x="250" y="280" width="40" height="50" fill="#3f7a3a"/><rect x="330" y="290" width="60" height="40" fill="#c9a36a"/>
<rect x="60" y="120" width="120" height="180" fill="#b9b2a8"/><rect x="460" y="80" width="140" height="220" fill="#a9a29a"/></svg>`
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(path)
  return path
}
