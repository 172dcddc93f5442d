#!/usr/bin/env node
// Renders the one app icon (scripts/icons/icon.svg) into the files browsers ask for, for the H5 app
// (copied into dist/h5 by the Taro build) and the console (Vite's public/): favicon.svg, favicon.ico
// (PNG-in-ICO, 16/32/48), apple-touch-icon.png (180) and icon-192.png / icon-512.png.
// Run after changing the SVG: node scripts/make-icons.mjs (the outputs are committed).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharp = createRequire(path.join(root, 'server/package.json'))('sharp');
const svg = readFileSync(path.join(root, 'scripts/icons/icon.svg'));
const png = (size) => sharp(svg, { density: 300 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

/** ICO with PNG images inside (every browser since IE Vista-era reads them). */
function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    head.writeUInt8(size >= 256 ? 0 : size, e);
    head.writeUInt8(size >= 256 ? 0 : size, e + 1);
    head.writeUInt16LE(1, e + 4); // colour planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((x) => x.data)]);
}

const files = {
  'favicon.svg': svg,
  'favicon.ico': ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(size) })))),
  'apple-touch-icon.png': await png(180),
  'icon-192.png': await png(192),
  'icon-512.png': await png(512),
};
for (const dir of ['admin/public', 'miniapp/src/h5/icons']) {
  mkdirSync(path.join(root, dir), { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(root, dir, name), data);
  console.log(`${dir}: ${Object.keys(files).join(', ')}`);
}
