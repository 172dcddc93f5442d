// `npm start`: install what is missing, build the two web apps, start FerretDB + the server with demo data.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { serverNodeArgs } from './server-args.mjs';
import { checkNode, ensureBuilt, ensureFerretDb, ensureInstall, ensurePnpm, log, ROOT } from './lib.mjs';

checkNode();
try {
  ensurePnpm();
  ensureInstall();
  ensureBuilt();
  ensureFerretDb();
} catch (err) {
  console.error(`\n启动准备失败: ${err.message}`);
  process.exit(err.exitCode ?? 1);
}

const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? 'data');
const port = process.env.PORT ?? '3000';
const env = { ...process.env, DATA_DIR: dataDir, PORT: port, DEMO_LOGIN: process.env.DEMO_LOGIN ?? '1', DEMO_DATA: process.env.DEMO_DATA ?? '1' };
log(`starting server (data in ${dataDir})`);
const child = spawn(process.execPath, serverNodeArgs(env), { cwd: path.join(ROOT, 'server'), env, stdio: ['inherit', 'pipe', 'inherit'] });
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (String(chunk).includes('城管通 server:')) {
    const base = `http://localhost:${port}`;
    log('ready:');
    log(`  管理控制台  ${base}/admin/`);
    log(`  市民端 H5   ${base}/h5/`);
    log(`  API 文档    ${base}/api/docs`);
    log(`  健康检查    ${base}/healthz`);
    log(`  管理员初始密码: ${path.join(dataDir, 'initial-admin-password.txt')} (首次启动时生成)`);
    log('Ctrl-C 停止全部服务');
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
