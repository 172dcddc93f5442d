import { describe, expect, it } from 'vitest';
import { crashRun, formatReport } from './crash-run.js';

/**
 * Nothing acknowledged is lost: 50 residents file reports with photos (retrying with the same Idempotency-Key)
 * while the server, then the database processes, are SIGKILLed at random moments and started again.
 * 500 reports in all (250 per run, 3 kills each); CRASH_REPORTS sets the size per run (`npm run bench:crash`: 5,000, 9 kills).
 */

const REPORTS = Number(process.env.CRASH_REPORTS ?? 250);

describe('crash test', () => {
  it.each(['server', 'database'] as const)(`SIGKILL the %s under load: every acknowledged report is there exactly once (${REPORTS} reports)`, async (target) => {
    const r = await crashRun({ target, reports: REPORTS, log: (m) => console.log(m) });
    console.log(formatReport(r));
    expect(r.problems).toEqual([]);
    expect(r.kills.length).toBe(3);
    expect(r.acknowledged).toBe(REPORTS);
    expect(r.tickets).toBe(REPORTS);
    expect(r.photosChecked).toBe(Math.ceil(REPORTS / 2));
  }, 900_000);
});
