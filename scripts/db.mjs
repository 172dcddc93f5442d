// `npm run db:export -- <dir>` / `npm run db:import -- <dir>`: move, back up or restore the database
// (see server/src/db/dump-cli.ts). Paths are taken relative to where the command was typed; DATA_DIR as `npm start` takes it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkNode, ensureFerretDb, ensureInstall, ensurePnpm, ROOT } from './lib.mjs';

checkNode();
const [mode, ...rest] = process.argv.slice(2);
try {
  ensurePnpm();
  ensureInstall();
  ensureFerretDb();
} catch (err) {
  console.error(`\n准备失败: ${err.message}`);
  process.exit(err.exitCode ?? 1);
}
const cwd = process.env.INIT_CWD || process.cwd();
// the folder argument (the one word not starting with --, and not the value of --db) becomes absolute
const args = rest.map((a, i) => (a.startsWith('--') || rest[i - 1] === '--db' ? a : path.resolve(cwd, a)));
const env = { ...process.env, DATA_DIR: path.resolve(ROOT, process.env.DATA_DIR ?? 'data'), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/db/dump-cli.ts', mode ?? '', ...args], {
  cwd: path.join(ROOT, 'server'),
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
