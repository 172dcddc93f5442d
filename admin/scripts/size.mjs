// Prints the gzip size of the initial JS (entry chunk + its static imports) and fails above the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = 350;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
if (entries.length === 0) {
  console.error('size: no entry chunk in dist/.vite/manifest.json');
  process.exit(1);
}

const seen = new Set();
const files = [];
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) return;
  if (chunk.file.endsWith('.js')) files.push(chunk.file);
  for (const dep of chunk.imports ?? []) visit(dep);
};
entries.forEach(visit);

let raw = 0;
let gz = 0;
for (const file of files) {
  const buf = readFileSync(join(dist, file));
  raw += buf.length;
  gz += gzipSync(buf, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`initial JS: ${files.length} files, ${kb(raw)} KB raw, ${kb(gz)} KB gzip (budget ${BUDGET_KB} KB)`);
if (gz > BUDGET_KB * 1024) {
  console.error(`size: initial JS ${kb(gz)} KB gzip exceeds ${BUDGET_KB} KB`);
  process.exit(1);
}
