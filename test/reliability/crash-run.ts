import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { freePort } from '../process/server-process.js';
import { emptyResult, p95, runLoad } from './load.js';
import { Supervisor, type KillRecord, type KillTarget } from './supervisor.js';
import { checkDatabase, checkPhotos } from './verify.js';

/** One crash run: a fresh DATA_DIR, the load, a supervisor killing `target` at random moments, then the checks. */

export interface CrashRunReport {
  target: KillTarget;
  reports: number;
  acknowledged: number;
  tickets: number;
  photosChecked: number;
  kills: KillRecord[];
  retries: number;
  elapsedMs: number;
  ackP95Ms: number;
  problems: string[];
}

export interface CrashRunOptions {
  target: KillTarget;
  reports: number;
  residents?: number;
  /** kill after these fractions of the reports are acknowledged (default 3 kills: ¼, ½, ¾) */
  killAt?: number[];
  log?: (m: string) => void;
}

export async function crashRun(o: CrashRunOptions): Promise<CrashRunReport> {
  const log = o.log ?? (() => undefined);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cgt-crash-'));
  const runTag = `崩溃测试${randomBytes(3).toString('hex')}`;
  const sup = new Supervisor(
    dataDir,
    {
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_PASSWORD: 'Crash-Test-2026!',
      DEMO_LOGIN: '1',
      LOG_LEVEL: 'warn',
      // each resident files ~100 an hour here: the load, not abuse (their addresses come via X-Forwarded-For,
      // so no limiter window holds more than one resident's requests)
      TRUST_PROXY: '1',
      REPORTS_PER_HOUR_PER_RESIDENT: '1000000',
      REPORTS_PER_HOUR_PER_IP: '1000000',
      DEMO_LOGINS_PER_MINUTE_PER_IP: '1000000',
      UPLOAD_RATE_PER_10MIN: '1000000',
    },
    await freePort(),
  );
  try {
    await sup.start();
    log(`[crash:${o.target}] server up on ${sup.baseUrl()}; ${o.reports} reports from ${o.residents ?? 50} residents`);
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a7a3a' } }).jpeg({ quality: 80 }).toBuffer();
    let done = false;
    const live = emptyResult();
    const loading = runLoad({ reports: o.reports, residents: o.residents ?? 50, photoEvery: 2, baseUrl: sup.baseUrl, jpeg, runTag }, live).finally(() => {
      done = true;
    });
    const progress = setInterval(() => log(`[crash:${o.target}] ${live.acks.length}/${o.reports} acknowledged, ${sup.kills.length} kills, ${live.retries} retries, ${live.errors.length} errors${live.errors[0] ? ` (${live.errors[0].slice(0, 200)})` : ''}`), 15_000);
    const thresholds = (o.killAt ?? [0.25, 0.5, 0.75]).map((f) => Math.floor(f * o.reports));
    const chaos = sup.chaosAt(o.target, () => live.acks.length, thresholds, () => done);
    const [result] = await Promise.all([loading, chaos]).finally(() => clearInterval(progress));
    log(`[crash:${o.target}] load done: ${result.acks.length} acknowledged, ${sup.kills.length} kills, ${result.retries} retries`);

    const photos = await checkPhotos(sup.baseUrl()!, result);
    const stopCode = await sup.stop();
    const db = await checkDatabase(dataDir, runTag, result.acks);
    const problems = [...result.errors, ...photos.problems, ...db.problems];
    if (stopCode !== 0) problems.push(`the server exited ${stopCode} on SIGTERM`);
    if (result.acks.length !== o.reports) problems.push(`${o.reports - result.acks.length} reports never acknowledged`);
    return {
      target: o.target,
      reports: o.reports,
      acknowledged: result.acks.length,
      tickets: db.tickets,
      photosChecked: photos.checked,
      kills: sup.kills,
      retries: result.retries,
      elapsedMs: result.elapsedMs,
      ackP95Ms: p95(result.ackLatencies),
      problems,
    };
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server output ---\n${sup.logs()}`);
  } finally {
    await sup.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatReport(r: CrashRunReport): string {
  const kills = r.kills.map((k) => `${k.target}@${(k.atMs / 1000).toFixed(0)}s(down ${(k.downMs / 1000).toFixed(1)}s)`).join(', ');
  return `kill ${r.target}: ${r.acknowledged}/${r.reports} acknowledged, ${r.tickets} tickets, ${r.photosChecked} photos read back, ${r.kills.length} kills [${kills}], ${r.retries} client retries, ${(r.elapsedMs / 1000).toFixed(0)} s, ack p95 ${r.ackP95Ms} ms, problems ${r.problems.length}`;
}
