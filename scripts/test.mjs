// `npm test`: install what is missing (pnpm deps, FerretDB build, Debian chromium + CJK fonts), build the web apps,
// run every vitest project (unit, route tests on real FerretDB, browser tests), and end with `N passed, N failed`.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkNode, ensureBrowser, ensureBuilt, ensureFerretDb, ensureInstall, ensurePnpm, log, ROOT, staticChecks } from './lib.mjs';

checkNode();
try {
  ensurePnpm();
  ensureInstall();
  ensureBrowser();
  ensureFerretDb();
  ensureBuilt();
  staticChecks();
} catch (err) {
  console.error(`\n测试准备失败: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(err.exitCode || 1);
}

const outDir = path.join(ROOT, 'test-artifacts');
mkdirSync(outDir, { recursive: true });
const report = path.join(outDir, 'vitest-report.json');
rmSync(report, { force: true });
const extra = process.argv.slice(2);
log(`running vitest ${extra.join(' ')}`);
const r = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, CGT_ARTIFACTS: outDir },
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests ?? 0;
  skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  // a test file that fails to load runs no tests but must still count as a failure
  const brokenFiles = (j.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  failed = (j.numFailedTests ?? 0) + brokenFiles;
}
if (r.status !== 0 && failed === 0) failed = 1; // vitest itself failed (e.g. global setup): never report green
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || r.status !== 0 ? 1 : 0);
