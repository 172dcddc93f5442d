import type { AppDeps } from '../../deps.js';
import { insertClaim } from '../../db/claims.js';
import { raiseAlerts } from '../notifications/staff-alerts.js';
import { recordAudit } from '../../services/audit.js';

/**
 * Failed staff logins, stored one document per attempt in `login_failures` (shared by every server
 * process; never a `$inc` counter, which FerretDB loses under concurrency):
 * - the lock is per (account, IP): LOGIN_MAX_FAILURES failures of one pair within LOGIN_LOCK_MINUTES lock
 *   that pair for LOGIN_LOCK_MINUTES after the last one. A stranger guessing from elsewhere cannot lock
 *   the owner out; the lock is counted for names that do not exist exactly as for real ones, so the
 *   answers (401, then 423) do not tell which staff names exist;
 * - failures on one real account from LOGIN_ALERT_DISTINCT_IPS or more IPs within the window (a
 *   distributed guess, which the per-pair lock alone would let through slowly) alert every administrator
 *   (the console bell) and are audited, once per window (a claim decides, db/claims.ts).
 * Reads are equality on an indexed field, newest first with a limit: a pair holds at most
 * LOGIN_MAX_FAILURES documents per window because a locked pair records nothing more.
 */

type Deps = AppDeps;

/** The account part of the key: the name as typed, without case or blanks (exists or not). */
export const accountKey = (username: string) => username.trim().toLowerCase();
const pairKey = (account: string, ip: string) => `${account}|${ip}`;

function limits(deps: Deps) {
  const windowMs = deps.config.LOGIN_LOCK_MINUTES * 60_000;
  return { max: deps.config.LOGIN_MAX_FAILURES, windowMs, lockMs: windowMs, alertIps: deps.config.LOGIN_ALERT_DISTINCT_IPS };
}

/** When the (account, IP) pair's lock ends, or null when it is not locked. */
export async function pairLockedUntil(deps: Deps, username: string, ip: string): Promise<Date | null> {
  const { max, windowMs, lockMs } = limits(deps);
  const rows = await deps.models.LoginFailure.find({ pair: pairKey(accountKey(username), ip) }, { at: 1 }).sort({ at: -1 }).limit(max).lean();
  if (rows.length < max) return null;
  const newest = rows[0]!.at.getTime();
  if (newest - rows[max - 1]!.at.getTime() >= windowMs) return null;
  const until = newest + lockMs;
  return until > deps.now().getTime() ? new Date(until) : null;
}

/** Records one failure of the pair; returns the lock's end when this failure locked it. */
export async function recordLoginFailure(deps: Deps, username: string, ip: string): Promise<Date | null> {
  const account = accountKey(username);
  const now = deps.now();
  const { windowMs, lockMs } = limits(deps);
  await deps.models.LoginFailure.create({ pair: pairKey(account, ip), account, ip, at: now, expiresAt: new Date(now.getTime() + windowMs + lockMs) });
  return pairLockedUntil(deps, username, ip);
}

/** A successful login of the pair forgets its failures (failures from other IPs stay). */
export async function clearPairFailures(deps: Deps, username: string, ip: string): Promise<void> {
  await deps.models.LoginFailure.deleteMany({ pair: pairKey(accountKey(username), ip) });
}

/** An administrator's unlock: every failure of the account, from every IP. */
export async function clearAccountFailures(deps: Deps, username: string): Promise<number> {
  const res = await deps.models.LoginFailure.deleteMany({ account: accountKey(username) });
  return res.deletedCount ?? 0;
}

/**
 * After a failure: when the account has seen failures from many IPs within the window, alerts the
 * administrators and audits it, once per account and window. The failures are read for names that do
 * not exist too (`user` null), so both take the same time; only a real account raises anything.
 */
export async function checkDistributedFailures(deps: Deps, username: string, user: { id: string; username: string; displayName: string } | null, ip: string): Promise<void> {
  const { windowMs, alertIps } = limits(deps);
  const now = deps.now().getTime();
  const rows = await deps.models.LoginFailure.find({ account: accountKey(username) }, { ip: 1, at: 1 }).sort({ at: -1 }).limit(500).lean();
  const recent = rows.filter((r) => now - r.at.getTime() < windowMs);
  const ips = [...new Set(recent.map((r) => r.ip))];
  if (!user || ips.length < alertIps) return;
  const bucket = Math.floor(now / windowMs);
  const key = `login-attack:${user.id}:${bucket}`;
  if (!(await insertClaim(deps.models, key, { by: ip, expiresAt: new Date((bucket + 2) * windowMs) }))) return;
  const minutes = deps.config.LOGIN_LOCK_MINUTES;
  await recordAudit(deps, {
    actor: { kind: 'anonymous', id: '', name: user.username },
    action: 'auth.login_many_ips',
    targetType: 'staff_user',
    targetId: user.id,
    ip,
    details: { ips: ips.slice(0, 50), failures: recent.length, windowMinutes: minutes },
  });
  const admins = await deps.models.StaffUser.find({ roles: 'admin', disabled: false }, { _id: 1 }).limit(200).lean();
  await raiseAlerts(
    deps,
    admins.map((a) => String(a._id)),
    {
      key,
      kind: 'login_attack',
      text: `账号 ${user.username}（${user.displayName}）${minutes} 分钟内有来自 ${ips.length} 个不同 IP 的 ${recent.length} 次登录失败，疑似密码猜测，请核查（账号管理可停用或解锁）`,
    },
  );
}

/** For the housekeeping job (FerretDB has no TTL indexes). */
export async function purgeExpiredLoginFailures(deps: Pick<AppDeps, 'models' | 'now'>): Promise<number> {
  const res = await deps.models.LoginFailure.deleteMany({ expiresAt: { $lte: deps.now() } });
  return res.deletedCount ?? 0;
}
