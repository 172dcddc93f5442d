// `npm run bench:crash`: the crash test at volume (CRASH_REPORTS, default 5,000 per run), printed as a table.
import { crashRun, formatReport, type CrashRunReport } from './crash-run.js';

const REPORTS = Number(process.env.CRASH_REPORTS ?? 5000);
const rows: CrashRunReport[] = [];
for (const target of ['server', 'database'] as const) {
  const r = await crashRun({ target, reports: REPORTS, killAt: Array.from({ length: 9 }, (_, i) => (i + 1) / 10), log: (m) => console.log(new Date().toISOString().slice(11, 19), m) });
  console.log(formatReport(r));
  if (r.problems.length) console.log(r.problems.slice(0, 30).join('\n'));
  rows.push(r);
}
console.log('\n| killed | reports | acknowledged | tickets | photos read back | kills | client retries | duration | ack p95 | problems |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.target} | ${r.reports} | ${r.acknowledged} | ${r.tickets} | ${r.photosChecked} | ${r.kills.length} | ${r.retries} | ${(r.elapsedMs / 1000).toFixed(0)} s | ${(r.ackP95Ms / 1000).toFixed(1)} s | ${r.problems.length} |`);
}
process.exit(rows.some((r) => r.problems.length) ? 1 : 0);
