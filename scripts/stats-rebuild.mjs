// `npm run stats:rebuild`: rebuild the 考核 statistics rows from the tickets (see
// server/src/commands/stats/rebuild-cli.ts). DATA_DIR as `npm start` takes it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkNode, ensureFerretDb, ensureInstall, ensurePnpm, ROOT } from './lib.mjs';

checkNode();
try {
  ensurePnpm();
  ensureInstall();
  ensureFerretDb();
} catch (err) {
  console.error(`\n准备失败: ${err.message}`);
  process.exit(err.exitCode ?? 1);
}
const env = { ...process.env, DATA_DIR: path.resolve(ROOT, process.env.DATA_DIR ?? 'data'), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/commands/stats/rebuild-cli.ts'], { cwd: path.join(ROOT, 'server'), env, stdio: 'inherit' });
process.exit(r.status ?? 1);
