/**
 * `npm run fuzz`: schemathesis (from PyPI, in a venv under ~/.cache/cgt-fuzz) over the whole OpenAPI document of
 * a real server (fresh DATA_DIR, demo data) as a resident, a dispatcher and an admin, with the check
 * `not_a_server_error`: any 5xx fails the run. FUZZ_EXAMPLES sets examples per operation (default 20).
 * Reports: test-artifacts/fuzz/<role>/ (JUnit).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-staff.js';
import { startFakeWechat } from '../../server/src/integrations/wechat/fake-server.js';
import { freePort, SERVER_DIR, spawnServer, waitForHealth } from '../process/server-process.js';

const SCHEMATHESIS = '4.32.5';
const VENV = path.join(os.homedir(), '.cache', 'cgt-fuzz', `venv-${SCHEMATHESIS}`);
const BIN = path.join(VENV, 'bin', 'schemathesis');
const OUT = path.join(SERVER_DIR, '..', 'test-artifacts', 'fuzz');
const EXAMPLES = process.env.FUZZ_EXAMPLES ?? '20';
const ADMIN_PASSWORD = `Fuzz-${randomBytes(4).toString('hex')}-2026!`;
// calls that end the caller's own session or account: fuzzing them would turn the rest of the run into 401s
const SESSION_ENDING = '^/api/v1/(auth/(logout|password)|me)$';

function ensureSchemathesis(): void {
  if (existsSync(BIN)) return;
  console.log(`[fuzz] installing schemathesis ${SCHEMATHESIS} into ${VENV}`);
  const mk = spawnSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  if (mk.status !== 0) throw new Error('python3 -m venv failed (Debian: apt-get install python3-venv)');
  const pip = spawnSync(path.join(VENV, 'bin', 'pip'), ['install', '-q', `schemathesis==${SCHEMATHESIS}`], { stdio: 'inherit' });
  if (pip.status !== 0) throw new Error('pip install schemathesis failed');
}

function run(bin: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function post(base: string, p: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = (await r.json()) as Record<string, unknown>;
  if (r.status !== 200) throw new Error(`${p}: ${r.status} ${JSON.stringify(j)}`);
  return j;
}

async function main(): Promise<number> {
  ensureSchemathesis();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cgt-fuzz-'));
  const port = await freePort();
  // WeChat login configured as in production (against the local fake): an unconfigured login is an honest 503
  const wx = await startFakeWechat();
  const server = await spawnServer({
    WECHAT_APPID: 'wx-fuzz',
    WECHAT_SECRET: 'secret-fuzz',
    WECHAT_API_BASE: wx.url,
    DATA_DIR: dataDir,
    PORT: String(port),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_PASSWORD,
    DEMO_DATA: '1',
    DEMO_LOGIN: '1',
    LOG_LEVEL: 'warn',
    REPORTS_PER_HOUR_PER_RESIDENT: '1000000',
    REPORTS_PER_HOUR_PER_IP: '1000000',
    COMPLAINTS_PER_DAY_PER_RESIDENT: '1000000',
    DEMO_LOGINS_PER_MINUTE_PER_IP: '1000000',
    UPLOAD_RATE_PER_10MIN: '1000000',
  });
  let failed = 0;
  try {
    await waitForHealth(port, 600_000);
    const base = `http://127.0.0.1:${port}`;
    const tokens: Record<string, string> = {
      resident: (await post(base, '/api/v1/auth/demo', { nickname: '模糊测试居民' })).token as string,
      dispatcher: (await post(base, '/api/v1/auth/login', { username: 'zhihui', password: DEMO_PASSWORD })).token as string,
      admin: (await post(base, '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).token as string,
    };
    const summary: string[] = [];
    for (const [role, token] of Object.entries(tokens)) {
      const dir = path.join(OUT, role);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const started = Date.now();
      // not spawnSync: the fake WeChat server lives in this process and must keep answering
      const r = await run(
        BIN,
        [
          'run', `${base}/api/v1/openapi.json`, '--url', base,
          '--checks', 'not_a_server_error',
          '--max-examples', EXAMPLES,
          '--header', `Authorization: Bearer ${token}`,
          '--exclude-path-regex', SESSION_ENDING,
          '--request-timeout', '30',
          '--report', 'junit', '--report-dir', dir,
          '--no-color',
        ],
      );
      const out = `${r.stdout}\n${r.stderr}`;
      const tail = out.trim().split('\n').slice(-6).join('\n');
      console.log(`\n[fuzz] ${role}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(0)} s\n${tail}`);
      summary.push(`${role}: ${r.status === 0 ? 'no 5xx' : 'FAILED'} (${tail.split('\n').pop()})`);
      if (r.status !== 0) {
        failed++;
        console.log(out.slice(-20_000));
      }
    }
    console.log(`\n[fuzz] ${summary.join('\n[fuzz] ')}`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await wx.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
