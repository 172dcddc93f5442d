/**
 * Where one request's time goes (not part of npm test): `npm run bench:profile -- --data-dir DIR`
 * serves a seeded DATA_DIR (bench:scale --seed-only) in this process with the driver's command events on,
 * sends the benchmark's requests one at a time, and prints per request its wall time, the database
 * commands it issued (count, summed driver time) and the slowest ones with their collection and filter.
 * Nothing is asserted; it is the tool for reading a bench:scale table. `--stats` profiles the 考核 and Open311 reads
 * instead; `--stats --export` adds the year-wide drill-down Excel (every ticket of the year) with the peak RSS.
 * PROFILE_ALL=1 lists every command of a request in the order issued (else the slowest eight).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { idCheckChar } from '@cgt/shared/complaint/id-number';
import { createApp } from '../../../server/src/app.js';
import { DEMO_PASSWORD } from '../../../server/src/seed/demo-staff.js';
import { readManifest, writeManifest } from './manifest.js';
import { openSeedEnv } from './open-db.js';
import { sampleJpeg } from './photos.js';
import { BENCH_LIMITS } from './server.js';

type Cmd = { name: string; coll: string; filter: string; ms: number };

async function main() {
  const a = process.argv.slice(2);
  const dir = a[a.indexOf('--data-dir') + 1];
  if (!dir || a.indexOf('--data-dir') < 0) throw new Error('--data-dir DIR (a bench:scale seed) is required');
  const m = readManifest(dir);
  if (!m) throw new Error(`${dir} holds no bench:scale seed`);
  process.env.DEMO_LOGIN = '1'; // the residents sign in by demo login, as in bench:scale's server
  Object.assign(process.env, BENCH_LIMITS); // and with its abuse limits raised
  const env = await openSeedEnv(dir, m.backend ?? undefined, { monitorCommands: true });
  const started = new Map<number, { name: string; coll: string; filter: string }>();
  let cmds: Cmd[] = [];
  const client = env.deps.connection.getClient();
  client.on('commandStarted', (e) => {
    const c = e.command as Record<string, unknown>;
    const coll = String(c[e.commandName] ?? '');
    const filter = JSON.stringify(c.filter ?? c.query ?? (c.updates as unknown[] | undefined)?.[0] ?? (c.deletes as unknown[] | undefined)?.[0] ?? (c.pipeline as unknown[] | undefined)?.[0] ?? '').slice(0, 140);
    started.set(e.requestId, { name: e.commandName, coll, filter });
  });
  client.on('commandSucceeded', (e) => {
    const s = started.get(e.requestId);
    if (s) cmds.push({ ...s, ms: e.duration });
    started.delete(e.requestId);
  });
  const { app } = createApp(env.deps);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async (label: string, method: string, path: string, opts: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}) => {
    cmds = [];
    const t0 = performance.now();
    const res = await fetch(base + path, {
      method,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.json ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      body: opts.json ? JSON.stringify(opts.json) : opts.body,
    });
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    const body = (isJson ? await res.json().catch(() => null) : (await res.arrayBuffer(), null)) as Record<string, unknown> | null;
    const ms = performance.now() - t0;
    const db = cmds.reduce((s, c) => s + c.ms, 0);
    if (label) {
      process.stdout.write(`\n${label}: ${res.status} in ${ms.toFixed(0)} ms — ${cmds.length} db commands, ${db.toFixed(0)} ms summed\n`);
      for (const c of process.env.PROFILE_ALL ? cmds : [...cmds].sort((x, y) => y.ms - x.ms).slice(0, 8)) process.stdout.write(`   ${c.ms.toFixed(0).padStart(6)} ms  ${c.name} ${c.coll} ${c.filter}\n`);
      // and per command × collection, when a request issues many
      if (cmds.length > 20) {
        const groups = new Map<string, { n: number; ms: number }>();
        for (const c of cmds) {
          const g = groups.get(`${c.name} ${c.coll}`) ?? { n: 0, ms: 0 };
          g.n++;
          g.ms += c.ms;
          groups.set(`${c.name} ${c.coll}`, g);
        }
        const top = [...groups.entries()].sort((x, y) => y[1].ms - x[1].ms).slice(0, 6);
        process.stdout.write(`   by command: ${top.map(([k, g]) => `${k} ×${g.n} ${g.ms.toFixed(0)} ms`).join('; ')}\n`);
      }
    }
    return body;
  };
  const login = async (username: string) => (await call('', 'POST', '/api/v1/auth/login', { json: { username, password: DEMO_PASSWORD } }))!.token as string;
  const city = await login('zhihui');
  const district = await login('junshan.zhihui');
  const office = await login('xinfang');
  const leader = await login('lingdao');
  const prev = previousMonthOf(new Date());
  const periods = { month: `from=${prev}-01&to=${lastDay(prev)}`, year: `from=${shiftMonth(prev, -11)}-01&to=${lastDay(prev)}` };
  if (a.includes('--stats')) {
    // the 考核 and Open311 reads only, twice (the first settles whatever the seed left marked)
    for (const round of [1, 2]) {
      process.stdout.write(`\n===== stats round ${round} =====\n`);
      await call('考核 ranking, districts, month', 'GET', `/api/v1/admin/stats/assessment?${periods.month}&unit=district`, { token: leader });
      await call('考核 ranking, districts, year', 'GET', `/api/v1/admin/stats/assessment?${periods.year}&unit=district`, { token: leader });
      await call('考核 ranking, departments, month 环比', 'GET', `/api/v1/admin/stats/assessment?${periods.month}&unit=department&compare=true`, { token: leader });
      await call('考核 trend, 12 months', 'GET', `/api/v1/admin/stats/trend?indicator=onTimeHandleRate&months=12&to=${prev}`, { token: leader });
      await call('考核 ranking Excel, year', 'GET', `/api/v1/admin/stats/assessment?${periods.year}&format=xlsx`, { token: leader });
      await call('考核 drill-down page, month', 'GET', `/api/v1/admin/tickets?stat=reportedCount&${periods.month}&page=2`, { token: leader });
      await call('Open311 GET /requests.json', 'GET', '/open311/v2/requests.json');
    }
    if (a.includes('--export')) {
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 500);
      await call('考核 drill-down Excel, year 上报数', 'GET', `/api/v1/admin/tickets?stat=reportedCount&${periods.year}&format=xlsx`, { token: leader });
      clearInterval(timer);
      process.stdout.write(`   RSS of this process (server and client): ${(rss0 / 2 ** 20).toFixed(0)} MB before, ${(peak / 2 ** 20).toFixed(0)} MB peak\n`);
    }
    server.close();
    await env.close();
    return;
  }
  for (const round of [1, 2]) {
    process.stdout.write(`\n===== round ${round} =====\n`);
    for (const [tab, qs] of [['all', ''], ['closed', '&status=closed'], ['dispatched', '&status=dispatched'], ['overdue', '&overdue=true']]) {
      await call(`city queue ${tab}`, 'GET', `/api/v1/admin/tickets?page=1&pageSize=20${qs}`, { token: city });
    }
    await call('district queue all', 'GET', '/api/v1/admin/tickets?page=1&pageSize=20', { token: district });
    const sub = m.submitted[m.submitted.length - round]; // the oldest kept: bench:scale consumes from the front
    if (sub) await call('accept (transition)', 'POST', `/api/v1/admin/tickets/${sub.id}/transitions`, { token: city, json: { action: 'accept', version: sub.version } });
    await call('ticket detail', 'GET', `/api/v1/admin/tickets/${m.sample[round]!.id}`, { token: city });
    const resident = (await call('', 'POST', '/api/v1/auth/demo', { json: { nickname: m.residents[0] } }))!.token as string;
    await call('reports/mine (heaviest resident)', 'GET', '/api/v1/reports/mine?pageSize=20', { token: resident });
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(await sampleJpeg(round, 1600, 1200))], { type: 'image/jpeg' }), 'p.jpg');
    const up = await call('upload photo', 'POST', '/api/v1/uploads', { token: resident, body: fd });
    const p = m.points[round]!;
    await call('POST /reports', 'POST', '/api/v1/reports', {
      token: resident,
      json: { categoryCode: '06010', description: '剖析：路边有垃圾无人清理。', location: { lat: p.lat, lng: p.lng, coordSys: 'gcj02' }, photoIds: [up!.id], anonymous: false },
      headers: { 'idempotency-key': randomUUID() },
    });
    await call('信访 list', 'GET', '/api/v1/admin/complaints?page=1&pageSize=20', { token: office });
    const first17 = `43060219800${round}1${round}${String(round).padStart(3, '0')}`;
    await call('信访 registration', 'POST', '/api/v1/admin/complaints', {
      token: office,
      json: { channel: 'letter', type: 'appeal', content: `剖析来信 ${round}：小区门口长期占道经营。`, request: '依法整治', petitioner: { name: '测试信访人', idNumber: first17 + idCheckChar(first17), phone: '13800000000', address: '岳阳楼区' }, districtCode: '430602' },
      headers: { 'idempotency-key': randomUUID() },
    });
  }
  // the two accepted tickets are used up: a later bench:scale run must not try to accept them again
  writeManifest(dir, { ...m, submitted: m.submitted.slice(0, Math.max(0, m.submitted.length - 2)) });
  server.close();
  await env.close();
}

function shiftMonth(month: string, n: number): string {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo - 1 + n, 1)).toISOString().slice(0, 7);
}
function previousMonthOf(d: Date): string {
  return shiftMonth(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7), -1);
}
function lastDay(month: string): string {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:profile failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
