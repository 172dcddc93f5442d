/**
 * Scale benchmark (not part of npm test):
 *   npm run bench:scale -- --tickets 200000 [--complaints 6000] [--data-dir DIR] [--backend postgresql|sqlite]
 *                          [--samples 40] [--concurrency 4] [--duration 60] [--intake-rate 20] [--intake-inflight 4]
 *                          [--batch 2000] [--seed-only] [--settle-minutes 10] [--skip-year-export]
 * 1. seeds N tickets as a year at the 2021 rate (N/544 days back) through the server's domain code, with
 *    their photos, derived rows, residents and 6,000 信访 cases, into DATA_DIR's embedded database;
 * 2. starts the real server over it and drives it over HTTP, printing p50/p95/max per endpoint and the
 *    ratio to /healthz p95 of the same run, the intake rate and the server's max RSS;
 * 3. ends with ONE JSON line (the summary).
 * Without --data-dir the database lives in a temporary directory that is removed at the end. With
 * --data-dir an existing seed of the same size is reused (driving only); `DATA_DIR=DIR npm start` serves it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../../server/src/domain/poi/prng.js';
import { DEMO_PASSWORD } from '../../../server/src/seed/demo-staff.js';
import { HEADER, row } from './http.js';
import { consumeSubmitted, readManifest, writeManifest, type Manifest } from './manifest.js';
import { openSeedEnv, serverEnv } from './open-db.js';
import { settleBacklogs } from './settle.js';
import { markOpen311RowsComplete } from '../../../server/src/commands/open311/backfill-rows.js';
import { drive } from './scenarios.js';
import { seedComplaints } from './seed-complaints.js';
import { residentNickname, seedTickets } from './seed-tickets.js';
import { sampleRss, startServer } from './server.js';

function args() {
  const a = process.argv.slice(2);
  const get = (name: string, def?: string) => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? a[i + 1] : def;
  };
  const num = (name: string, def: number) => {
    const v = Number(get(name, String(def)));
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
    return v;
  };
  const backend = get('backend');
  if (backend && backend !== 'sqlite' && backend !== 'postgresql') throw new Error('--backend is sqlite or postgresql');
  return {
    tickets: Math.round(num('tickets', 200_000)),
    complaints: Math.round(num('complaints', 6000)),
    dataDir: get('data-dir'),
    backend,
    samples: num('samples', 40),
    concurrency: num('concurrency', 4),
    duration: num('duration', 60),
    intakeRate: num('intake-rate', 20),
    intakeInflight: Math.max(1, num('intake-inflight', 4)),
    seedOnly: a.includes('--seed-only'),
    settleMinutes: num('settle-minutes', 10),
    skipYearExport: a.includes('--skip-year-export'),
    batch: num('batch', 2000),
  };
}

const log = (s: string) => process.stderr.write(s + '\n');
const out = (s: string) => process.stdout.write(s + '\n');

async function seed(o: ReturnType<typeof args>, dataDir: string): Promise<Manifest> {
  const now = new Date();
  const rnd = mulberry32(20211231);
  log(`seeding ${o.tickets.toLocaleString('en')} tickets + ${o.complaints} 信访 cases into ${dataDir} (backend ${o.backend ?? 'default'})`);
  const env = await openSeedEnv(dataDir, o.backend);
  try {
    if (await env.deps.models.Ticket.exists({})) throw new Error(`${dataDir} already holds tickets but no scale-bench.json: use an empty --data-dir`);
    const t = await seedTickets(env, o.tickets, now, rnd, o.batch, log);
    const c = await seedComplaints(env, o.complaints, t.from, now, t.linkable, t.citizenIds, rnd);
    await markOpen311RowsComplete(env.deps); // every ticket got its Open311 row from the bulk writer
    const open = (t.states.submitted ?? 0) + (t.states.accepted ?? 0) + (t.states.dispatched ?? 0) + (t.states.resolved ?? 0);
    const pct = (x: number) => `${((100 * x) / t.count).toFixed(1)}%`;
    out(`seeded ${t.count.toLocaleString('en')} tickets over ${t.days} days (${t.from.toISOString().slice(0, 10)} … ${t.to.toISOString().slice(0, 10)}, ≈544/day, none today: today's numbers are the live sequence's) in ${t.seconds.toFixed(1)} s = ${Math.round(t.count / t.seconds)} tickets/s (${t.insertSeconds.toFixed(1)} s of it inserting: ${Object.entries(t.insertBreakdown).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}, GIN twins ${t.ginSeconds.toFixed(1)} s; with ${t.uploads.toLocaleString('en')} photo uploads, queue rows, ${t.residents.toLocaleString('en')} residents)`);
    out(`  states: ${Object.entries(t.states).map(([k, v]) => `${k} ${v} (${pct(v)})`).join(', ')}`);
    out(`  open ${open} (${pct(open)}), concentrated in recent weeks: ${t.openInLast21Days} of them filed in the last 21 days; overdue ${t.overdue}; rated ${t.rated} (${((100 * t.rated) / (t.states.closed ?? 1)).toFixed(0)}% of closed); reworked ${t.reworked}`);
    out(`seeded ${c.count} 信访 cases in ${c.seconds.toFixed(1)} s = ${Math.round(c.count / c.seconds)} cases/s (numbers from ${c.numbering}; derived rows ${c.projections ? 'by writeComplaintProjectionsBulk' : 'none (no bulk writer in this checkout)'}); ${c.linkedTickets} tickets linked (${pct(c.linkedTickets)}), ${c.repeats} repeats; states: ${Object.entries(c.states).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const nick = (i: number) => residentNickname(i);
    const typical = [...new Set(t.sample.map((r) => r.resident))].filter((i) => i > 50).slice(0, 15);
    return {
      version: 1,
      tickets: o.tickets,
      complaintsSeeded: o.complaints,
      backend: o.backend ?? null,
      seededAt: now.toISOString(),
      sample: t.sample.map((r) => ({ id: r.id, trackingNo: r.trackingNo })),
      submitted: [...t.submitted].reverse().map((r) => ({ id: r.id, version: r.version })),
      residents: [0, 1, 2, 3, 4].map(nick).concat(typical.map(nick)),
      complaints: c.sample,
      points: t.sample.slice(0, 500).map((r) => ({ lat: r.lat, lng: r.lng })),
      categories: ['06010', '09006', '09005', '07001', '01037', '06013'],
      seeding: { ticketsPerSecond: Math.round(t.count / t.seconds), ticketSeconds: Number(t.seconds.toFixed(1)), insertSeconds: Number(t.insertSeconds.toFixed(1)), insertBreakdown: Object.fromEntries(Object.entries(t.insertBreakdown).map(([k, v]) => [k, Number(v.toFixed(1))])), ginSeconds: Number(t.ginSeconds.toFixed(1)), complaintSeconds: Number(c.seconds.toFixed(1)), states: t.states, open, overdue: t.overdue, rated: t.rated, reworked: t.reworked, linked: c.linkedTickets, days: t.days },
    };
  } finally {
    await env.close();
  }
}

async function main() {
  const o = args();
  const dataDir = path.resolve(o.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cgt-scale-')));
  let m = readManifest(dataDir);
  if (o.seedOnly && !o.dataDir) throw new Error('--seed-only needs --data-dir (else the seed is deleted at the end)');
  if (m && (m.tickets !== o.tickets || m.backend !== (o.backend ?? null))) {
    throw new Error(`${dataDir} holds a seed of ${m.tickets} tickets (backend ${m.backend ?? 'default'}): use another --data-dir`);
  }
  try {
    if (m) out(`reusing the seed in ${dataDir} (${m.tickets} tickets, seeded ${m.seededAt}); driving only`);
    else writeManifest(dataDir, (m = await seed(o, dataDir)));
    if (o.seedOnly) return void out(`seed kept in ${dataDir}: DATA_DIR=${dataDir} npm start serves it (demo staff password ${DEMO_PASSWORD})`);

    if (o.settleMinutes > 0) await settleBacklogs(dataDir, o.backend, o.settleMinutes * 60_000, log);
    log('starting the server over it …');
    const t0 = performance.now();
    const server = await startServer(serverEnv(dataDir, o.backend), dataDir);
    const startSeconds = (performance.now() - t0) / 1000;
    out(`server up in ${startSeconds.toFixed(1)} s: engine ${server.health.engine}, backend ${server.health.backend ?? '?'} (log: ${server.logFile})`);
    const rss = sampleRss(server.child.pid!, dataDir);
    let result;
    try {
      result = await drive(server.base, m, o, log);
    } finally {
      rss.stop();
      await server.stop();
    }
    consumeSubmitted(dataDir, m, Math.min(o.samples, m.submitted.length));

    const health = result.health.summary();
    out('');
    out(`${o.tickets.toLocaleString('en')} tickets, ${m.complaintsSeeded} 信访 cases; concurrency ${o.concurrency} (+ intake), ${o.samples} samples per endpoint (budget ${o.duration} s each)`);
    out(HEADER);
    out(row(health, health.p95));
    const rows = result.series.map((s) => s.summary());
    for (const s of rows) out(row(s, health.p95));
    out(`intake: ${result.intake.reportsPerSecond.toFixed(1)} reports/s sustained over ${result.intake.seconds.toFixed(0)} s (target ${o.intakeRate}/s, at most ${o.intakeInflight} in flight; ${result.intake.missedTicks} ticks skipped at the cap)`);
    out(`server RSS max ${rss.max.server.toFixed(0)} MB (FerretDB ${rss.max.ferretdb.toFixed(0)} MB, PostgreSQL postmaster ${rss.max.postgres.toFixed(0)} MB)`);
    const slow = rows.filter((s) => (s.p95 ?? Infinity) > 200 && !s.name.startsWith('intake')).map((s) => s.name);
    const failing = rows.filter((s) => s.ok < s.n).map((s) => `${s.name}: ${JSON.stringify(s.errors)}`);
    if (slow.length) out(`over the 200 ms p95 goal: ${slow.join('; ')}`);
    if (failing.length) out(`with failed responses: ${failing.join('; ')}`);
    out(
      JSON.stringify({
        bench: 'scale',
        tickets: o.tickets,
        complaints: m.complaintsSeeded,
        backend: server.health.backend ?? o.backend ?? null,
        engine: server.health.engine,
        seeding: m.seeding,
        serverStartSeconds: Number(startSeconds.toFixed(1)),
        healthzP95: health.p95,
        endpoints: rows.map((s) => ({ ...s, ratioToHealthzP95: s.p95 !== null && health.p95 ? Number((s.p95 / health.p95).toFixed(1)) : null })),
        intake: { ...result.intake, seconds: Math.round(result.intake.seconds), reportsPerSecond: Number(result.intake.reportsPerSecond.toFixed(2)) },
        rssMaxMb: { server: Math.round(rss.max.server), ferretdb: Math.round(rss.max.ferretdb), postgres: Math.round(rss.max.postgres) },
        overGoal: slow,
      }),
    );
  } finally {
    if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:scale failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
