/**
 * What the benchmark asks of the running server, as the console, the mini-program and the complaint
 * office would: the staff queue (every tab, three kinds of staff), search, detail, a transition, the
 * resident's 我的诉求, the 信访 register; meanwhile reports keep arriving (photo upload + POST /reports
 * with Idempotency-Key) and /healthz is sampled as the reference.
 */
import { randomUUID } from 'node:crypto';
import { idCheckChar } from '@cgt/shared/complaint/id-number';
import { DEMO_PASSWORD } from '../../../server/src/seed/demo-staff.js';
import { client, runConcurrent, Series, type Client } from './http.js';
import type { Manifest } from './manifest.js';
import { sampleJpeg } from './photos.js';

export interface DriveOptions {
  samples: number;
  concurrency: number;
  /** seconds: each scenario's time budget, and how long intake runs (from the start, beside the others) */
  duration: number;
  /** reports per second the intake tries to sustain */
  intakeRate: number;
  /** at most this many reports in flight (a server slower than the rate gets fewer, and it shows) */
  intakeInflight: number;
  /** leave out the year-wide drill-down Excel (every ticket of the year: minutes on FerretDB) */
  skipYearExport?: boolean;
}

const TABS: [string, string][] = [
  ['all', ''],
  ['submitted', '&status=submitted'],
  ['accepted', '&status=accepted'],
  ['dispatched', '&status=dispatched'],
  ['resolved', '&status=resolved'],
  ['closed', '&status=closed'],
  ['rejected', '&status=rejected'],
  ['overdue', '&overdue=true'],
];

async function staffToken(c: Client, username: string): Promise<string> {
  const r = await c.call<{ token: string }>(null, 'POST', '/api/v1/auth/login', { json: { username, password: DEMO_PASSWORD } });
  if (r.status !== 200 || !r.body) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}
async function residentToken(c: Client, nickname: string): Promise<{ token: string; id: string }> {
  const r = await c.call<{ token: string; user: { id: string } }>(null, 'POST', '/api/v1/auth/demo', { json: { nickname } });
  if (r.status !== 200 || !r.body) throw new Error(`demo login ${nickname} failed: ${r.status}`);
  return { token: r.body.token, id: r.body.user.id };
}

export async function drive(base: string, m: Manifest, o: DriveOptions, log: (s: string) => void) {
  const c = client(base);
  const all: Series[] = [];
  const series = (name: string) => {
    const s = new Series(name);
    all.push(s);
    return s;
  };
  const budget = o.duration * 1000;
  const tokens = {
    city: await staffToken(c, 'zhihui'),
    district: await staffToken(c, 'junshan.zhihui'),
    handler: await staffToken(c, 'junshan.zhongdui'),
    office: await staffToken(c, 'xinfang'),
    leader: await staffToken(c, 'lingdao'),
  };

  // reference: /healthz every 250 ms for the whole run, under the same load as everything else
  const health = new Series('GET /healthz (reference, whole run)');
  let running = true;
  const healthLoop = (async () => {
    while (running) {
      await c.call(health, 'GET', '/healthz');
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

  // intake: open loop at o.intakeRate, at most o.intakeInflight in flight
  const upload = series('intake: POST /uploads (photo)');
  const post = series('intake: POST /reports (Idempotency-Key)');
  const report = series('intake: one report (upload + POST)');
  const photos = await Promise.all([0, 1, 2, 3].map((i) => sampleJpeg(100 + i, 1600, 1200)));
  // enough resident accounts that none passes the 60-uploads-per-10-minutes limit
  const intakeResidents = await Promise.all(Array.from({ length: Math.max(20, Math.ceil(o.intakeRate * 12)) }, (_, i) => residentToken(c, `规模测试上报${i}`)));
  let inFlight = 0;
  let started = 0;
  let missed = 0;
  let lastDone = 0;
  const intakeStart = performance.now();
  const oneReport = async (i: number) => {
    const who = intakeResidents[i % intakeResidents.length]!;
    const t0 = performance.now();
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(photos[i % photos.length]!)], { type: 'image/jpeg' }), 'photo.jpg');
    const up = await c.call<{ id: string }>(upload, 'POST', '/api/v1/uploads', { token: who.token, body: fd, expect: [201] });
    if (up.status !== 201 || !up.body) return report.add({ ms: performance.now() - t0, ok: false, status: up.status, code: 'upload_failed' });
    const p = m.points[i % m.points.length]!;
    const body = { categoryCode: m.categories[i % m.categories.length]!, description: '规模测试：路边有垃圾无人清理。', location: { lat: p.lat, lng: p.lng, coordSys: 'gcj02' }, photoIds: [up.body.id], anonymous: false };
    const r = await c.call(post, 'POST', '/api/v1/reports', { token: who.token, json: body, headers: { 'idempotency-key': randomUUID() }, expect: [201] });
    report.add({ ms: performance.now() - t0, ok: r.status === 201, status: r.status });
  };
  // intake runs for `duration` seconds, beside the first scenarios (the city queue tabs): long enough to
  // show a sustained rate, short enough that the backlog it files (20/s is 37× the city's daily average)
  // does not become the data set the later scenarios measure
  const intakeTimer = setInterval(() => {
    if (performance.now() - intakeStart >= budget) return clearInterval(intakeTimer);
    if (inFlight >= o.intakeInflight) return void missed++;
    inFlight++;
    void oneReport(started++).finally(() => {
      inFlight--;
      lastDone = performance.now();
    });
  }, 1000 / o.intakeRate);

  const run = async (name: string, fn: (s: Series, i: number) => Promise<void>, samples = o.samples) => {
    const s = series(name);
    await runConcurrent(samples, o.concurrency, budget, (i) => fn(s, i));
    const sum = s.summary();
    log(`  ${name}: ${sum.ok}/${sum.n} ok, p95 ${sum.p95?.toFixed(0) ?? '—'} ms`);
  };

  for (const [who, token] of [['city dispatcher', tokens.city], ['district dispatcher', tokens.district], ['handler', tokens.handler]] as const) {
    for (const [tab, qs] of TABS) {
      await run(`queue ${tab} (${who})`, (s, i) => c.call(s, 'GET', `/api/v1/admin/tickets?page=${1 + (i % 2)}&pageSize=20${qs}`, { token }).then(() => undefined));
    }
  }
  await run('search by tracking number (q=)', async (s, i) => {
    const t = m.sample[(i * 7919) % m.sample.length]!;
    const series1 = new Series('tmp');
    const r = await c.call<{ items: unknown[] }>(series1, 'GET', `/api/v1/admin/tickets?q=${t.trackingNo}`, { token: tokens.city });
    const hit = r.status === 200 && (r.body?.items.length ?? 0) > 0;
    s.add({ ...series1.samples[0]!, ok: hit, code: r.status === 200 && !hit ? 'no_hit' : series1.samples[0]!.code });
  });
  await run('ticket detail (staff)', (s, i) => c.call(s, 'GET', `/api/v1/admin/tickets/${m.sample[(i * 104729) % m.sample.length]!.id}`, { token: tokens.city }).then(() => undefined));
  let submittedNext = 0;
  await run('transition: accept a submitted ticket', async (s) => {
    const t = m.submitted[submittedNext++ % m.submitted.length]!;
    await c.call(s, 'POST', `/api/v1/admin/tickets/${t.id}/transitions`, { token: tokens.city, json: { action: 'accept', version: t.version } });
  }, Math.min(o.samples, m.submitted.length));

  const residents = await Promise.all(m.residents.map((nick) => residentToken(c, nick)));
  const mineIds: { token: string; id: string }[] = [];
  await run('我的诉求 list (/reports/mine)', async (s, i) => {
    const who = residents[i % residents.length]!;
    const r = await c.call<{ items: { id: string }[]; nextCursor: string | null }>(s, 'GET', '/api/v1/reports/mine?pageSize=20', { token: who.token });
    for (const it of r.body?.items?.slice(0, 3) ?? []) mineIds.push({ token: who.token, id: it.id });
  });
  await run('我的诉求 detail (/reports/:id)', (s, i) => {
    const x = mineIds[i % Math.max(1, mineIds.length)];
    return x ? c.call(s, 'GET', `/api/v1/reports/${x.id}`, { token: x.token }).then(() => undefined) : Promise.resolve(s.add({ ms: 0, ok: false, status: 0, code: 'no_ticket_in_list' }));
  });

  await run('Open311 GET /requests.json (no key)', (s) => c.call(s, 'GET', '/open311/v2/requests.json').then(() => undefined));
  // 考核 statistics: pre-aggregated day/month rows only; a month, a quarter and a year over all districts
  {
    const ym = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const shift = (month: string, n: number) => {
      const [y, mo] = month.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(y, mo - 1 + n, 1)).toISOString().slice(0, 7);
    };
    const last = (month: string) => {
      const [y, mo] = month.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
    };
    const prev = shift(ym(new Date()), -1);
    const periods = {
      month: `from=${prev}-01&to=${last(prev)}`,
      quarter: `from=${shift(prev, -2)}-01&to=${last(prev)}`,
      year: `from=${shift(prev, -11)}-01&to=${last(prev)}`,
    };
    for (const [name, qs] of Object.entries(periods)) {
      await run(`考核 ranking, districts, ${name}`, (s) => c.call(s, 'GET', `/api/v1/admin/stats/assessment?${qs}&unit=district`, { token: tokens.leader }).then(() => undefined));
    }
    await run('考核 ranking, departments, month (with 环比)', (s) => c.call(s, 'GET', `/api/v1/admin/stats/assessment?${periods.month}&unit=department&compare=true`, { token: tokens.leader }).then(() => undefined));
    await run('考核 trend, 12 months', (s) => c.call(s, 'GET', `/api/v1/admin/stats/trend?indicator=onTimeHandleRate&months=12&to=${prev}`, { token: tokens.leader }).then(() => undefined));
    await run('考核 categories, month', (s) => c.call(s, 'GET', `/api/v1/admin/stats/categories?${periods.month}`, { token: tokens.leader }).then(() => undefined));
    await run('考核 ranking Excel, year', (s) => c.call(s, 'GET', `/api/v1/admin/stats/assessment?${periods.year}&format=xlsx`, { token: tokens.leader }).then(() => undefined), Math.min(o.samples, 10));
    await run('考核 drill-down page, month 上报数 (city)', (s, i) => c.call(s, 'GET', `/api/v1/admin/tickets?stat=reportedCount&${periods.month}&page=${1 + (i % 3)}`, { token: tokens.leader }).then(() => undefined), Math.min(o.samples, 10));
    // the streamed export of a whole year's 上报数 (every ticket of the year: ~200,000 rows at the default size)
    if (!o.skipYearExport) await run('考核 drill-down Excel, year 上报数 (city)', (s) => c.call(s, 'GET', `/api/v1/admin/tickets?stat=reportedCount&${periods.year}&format=xlsx`, { token: tokens.leader, timeoutMs: 900_000 }).then(() => undefined), 1);
  }

  await run('信访 list (office)', (s, i) => c.call(s, 'GET', `/api/v1/admin/complaints?page=${1 + (i % 2)}&pageSize=20`, { token: tokens.office }).then(() => undefined));
  await run('信访 backlog tab (overdue=true)', (s) => c.call(s, 'GET', '/api/v1/admin/complaints?overdue=true&pageSize=20', { token: tokens.office }).then(() => undefined));
  await run('信访 detail', (s, i) => c.call(s, 'GET', `/api/v1/admin/complaints/${m.complaints[(i * 7919) % m.complaints.length]}`, { token: tokens.office }).then(() => undefined));
  await run('信访 registration (office, letter)', (s, i) => {
    const first17 = `430602${1960 + (i % 40)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
    const body = {
      channel: 'letter', type: 'appeal', content: `规模测试来信 ${i}：小区门口长期占道经营，噪音扰民。`, request: '依法整治占道经营',
      petitioner: { name: '测试信访人', idNumber: first17 + idCheckChar(first17), phone: '13800000000', address: '岳阳楼区测试小区1栋' }, districtCode: '430602',
    };
    return c.call(s, 'POST', '/api/v1/admin/complaints', { token: tokens.office, json: body, headers: { 'idempotency-key': randomUUID() }, expect: [201] }).then(() => undefined);
  });

  // intake's window may outlast short runs
  while (performance.now() - intakeStart < budget) await new Promise((r) => setTimeout(r, 200));
  clearInterval(intakeTimer);
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 100));
  const intakeSeconds = (Math.max(lastDone, intakeStart + budget) - intakeStart) / 1000;
  running = false;
  await healthLoop;
  const done = report.samples.filter((s) => s.ok).length;
  return { health, series: all, intake: { seconds: intakeSeconds, reportsPerSecond: done / intakeSeconds, offered: started, missedTicks: missed, targetRate: o.intakeRate } };
}
