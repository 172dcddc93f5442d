import type { AppDeps } from '../deps.js';
import { purgeUnattachedUploads } from './purge-uploads.js';
import { sweepComplaintDeadlines } from '../commands/notifications/complaint-sweep.js';
import { housekeeping } from './housekeeping.js';
import { purgeContactPhones } from '../commands/tickets/purge-contact-phones.js';
import { recentMonths, repairComplaintCounts, settleComplaintCounts } from '../commands/complaints/counts.js';
import { sweepOverdue } from '../commands/complaints/open-set.js';
import { deliverDueOutbox } from './deliver-outbox.js';
import { sweepSla } from '../commands/notifications/sla-sweep.js';
import { autoCloseUnrated } from '../commands/tickets/auto-close.js';
import { drainQueueCounts } from '../commands/tickets/queue-counts.js';
import { repairQueueCounts } from '../commands/tickets/repair-queue-counts.js';
import { drainStats } from '../commands/stats/recount.js';

/**
 * A tiny in-process job runner. Every instance runs every job; jobs must therefore be idempotent and
 * make each change conditional (purge deletes only with attachedTo: null). Timers are unref'd so they
 * never keep the process alive, and a job never overlaps itself.
 */
export interface Job {
  name: string;
  everyMs: number;
  run: (deps: AppDeps) => Promise<unknown>;
}

export const DEFAULT_JOBS: Job[] = [
  // notifications: subscribe messages and console alerts, exactly once across processes (claims)
  { name: 'deliver-outbox', everyMs: 5_000, run: (deps) => deliverDueOutbox(deps) },
  // due-soon / overdue / escalation alerts, each once (alert ids and markers are unique)
  { name: 'sla-sweep', everyMs: 60_000, run: (deps) => sweepSla(deps) },
  // 信访 deadlines are days long: a sweep every ten minutes is early enough
  { name: 'complaint-deadline-sweep', everyMs: 10 * 60_000, run: (deps) => sweepComplaintDeadlines(deps) },
  // resolved and unrated for 7 days → closed with 默认满意 (system-given)
  { name: 'auto-close', everyMs: 60 * 60 * 1000, run: (deps) => autoCloseUnrated(deps) },
  { name: 'purge-uploads', everyMs: 60 * 60 * 1000, run: (deps) => purgeUnattachedUploads(deps, { olderThanHours: 24 }) },
  { name: 'housekeeping', everyMs: 60 * 60 * 1000, run: (deps) => housekeeping(deps) },
  // 个人信息保护法: contact phones of tickets final for CONTACT_PHONE_RETENTION_MONTHS are purged (one day's tickets per equality)
  { name: 'purge-contact-phones', everyMs: 60 * 60 * 1000, run: async (deps) => ({ purged: await purgeContactPhones(deps) }) },
  // ticket queue counts: buckets that changed but that no reader has recounted since (readers recount the
  // buckets they show, so this only keeps the directory fresh and finishes what a crashed writer marked)
  { name: 'queue-counts', everyMs: 60 * 1000, run: async (deps) => ({ recounted: await drainQueueCounts(deps, { rounds: 5 }) }) },
  // 考核 day and month rows that changed since they were counted (a transition dirties the rows of its
  // events' days, often in past months): recounted here, so a year-wide ranking finds its twelve months
  // settled instead of recounting every month a transition touched since the last reader
  { name: 'stats-rows', everyMs: 30 * 1000, run: async (deps) => ({ recounted: await drainStats(deps, { rounds: 5 }) }) },
  // and every six hours the audit that finds a bucket a crashed writer left without a marker
  { name: 'queue-counts-audit', everyMs: 6 * 60 * 60 * 1000, run: async (deps) => ({ off: await repairQueueCounts(deps) }) },
  // 信访 read side: flag open cases whose deadline passed (keeps the overdue list to equalities), and
  // recount a bucket a writer left behind when it stopped between its row write and its recount
  {
    name: 'complaint-read-side',
    everyMs: 60 * 60 * 1000,
    run: async (deps) => ({ flagged: await sweepOverdue(deps), settled: await settleComplaintCounts(deps), recounted: await repairComplaintCounts(deps, recentMonths(deps.now())) }),
  },
];

export interface Scheduler {
  stop(graceMs?: number): Promise<void>;
}

/** How long a stopping server waits for running jobs (SIGTERM must finish within 10 s, HTTP drain included). */
export const JOB_STOP_GRACE_MS = 2_000;

export function startScheduler(deps: AppDeps, jobs: Job[] = DEFAULT_JOBS): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const p = job
        .run(deps)
        .then((result) => deps.logger.debug({ job: job.name, result }, 'job done'))
        .catch((err: unknown) => deps.logger.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    const t = setInterval(tick, job.everyMs);
    t.unref();
    timers.push(t);
    // first run soon after start (not immediately: let boot finish and the port open first)
    const first = setTimeout(tick, Math.min(job.everyMs, 30_000));
    first.unref();
    timers.push(first);
  }
  return {
    async stop(graceMs = JOB_STOP_GRACE_MS) {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      // a job still running after the grace (a slow sweep, a WeChat call retrying) is cut off with the database
      // connection: every job works under leases and claims and resumes where it stopped on the next start
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
      await Promise.race([Promise.allSettled([...running]), grace]);
      clearTimeout(timer);
    },
  };
}
