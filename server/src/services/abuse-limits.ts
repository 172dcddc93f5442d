import type { Config } from '../config.js';
import type { AppDeps } from '../deps.js';
import { takeRateSlots, type RateRule } from '../db/rate-limit.js';

/**
 * The abuse limits on residents, one definition each, sized from the config. Filing checks run
 * after the request's own validation and before anything is written, so a refused request changes nothing
 * and a bad request costs no slot. Retries with the same Idempotency-Key replay the stored answer without
 * reaching these checks, so a resident's retries never count twice.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type LimitConfig = Pick<
  Config,
  'REPORTS_PER_HOUR_PER_RESIDENT' | 'REPORTS_PER_HOUR_PER_IP' | 'COMPLAINTS_PER_DAY_PER_RESIDENT' | 'DEMO_LOGINS_PER_MINUTE_PER_IP'
>;

export function abuseRules(c: LimitConfig) {
  return {
    reportPerResident: { name: 'report:resident', limit: c.REPORTS_PER_HOUR_PER_RESIDENT, windowMs: HOUR, describe: `每人每小时最多上报 ${c.REPORTS_PER_HOUR_PER_RESIDENT} 条` },
    reportPerIp: { name: 'report:ip', limit: c.REPORTS_PER_HOUR_PER_IP, windowMs: HOUR, describe: `同一网络每小时最多上报 ${c.REPORTS_PER_HOUR_PER_IP} 条` },
    complaintPerResident: {
      name: 'complaint:resident',
      limit: c.COMPLAINTS_PER_DAY_PER_RESIDENT,
      windowMs: DAY,
      // a resident's "day" is the calendar day in China
      alignOffsetMs: 8 * HOUR,
      describe: `每人每天最多提交 ${c.COMPLAINTS_PER_DAY_PER_RESIDENT} 件信访`,
    },
    demoLoginPerIp: { name: 'demo-login:ip', limit: c.DEMO_LOGINS_PER_MINUTE_PER_IP, windowMs: MINUTE, describe: `每分钟最多登录 ${c.DEMO_LOGINS_PER_MINUTE_PER_IP} 次` },
  } satisfies Record<string, RateRule>;
}

export async function admitReport(deps: AppDeps, citizenId: string, ip: string): Promise<void> {
  const r = abuseRules(deps.config);
  await takeRateSlots(deps, [
    { rule: r.reportPerResident, subject: citizenId },
    { rule: r.reportPerIp, subject: ip || 'unknown' },
  ]);
}

export async function admitComplaint(deps: AppDeps, citizenId: string): Promise<void> {
  await takeRateSlots(deps, [{ rule: abuseRules(deps.config).complaintPerResident, subject: citizenId }]);
}

export async function admitDemoLogin(deps: AppDeps, ip: string): Promise<void> {
  await takeRateSlots(deps, [{ rule: abuseRules(deps.config).demoLoginPerIp, subject: ip || 'unknown' }]);
}
