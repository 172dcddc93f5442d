import dayjs from 'dayjs';

/** Finds the unlock time in a 423 account_locked `details` (object or array; lockedUntil/unlockAt/until/retryAfter). */
export function unlockTime(details: unknown, now: Date = new Date()): Date | null {
  const items: unknown[] = Array.isArray(details) ? details : [details];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    for (const key of ['lockedUntil', 'unlockAt', 'until', 'lockUntil']) {
      const v = o[key];
      if (typeof v === 'string' || typeof v === 'number') {
        const d = new Date(v);
        if (!Number.isNaN(d.getTime())) return d;
      }
    }
    const retry = o.retryAfter ?? o.retryAfterSeconds;
    if (typeof retry === 'number') return new Date(now.getTime() + retry * 1000);
  }
  return null;
}

/** The lockout sentence shown on the login page. */
export function lockoutMessage(details: unknown, now: Date = new Date()): string {
  const until = unlockTime(details, now);
  if (!until) return '账号因多次密码错误已被临时锁定，请 15 分钟后重试，或联系系统管理员解锁。';
  const d = dayjs(until);
  const when = d.isSame(dayjs(now), 'day') ? d.format('HH:mm') : d.format('M月D日 HH:mm');
  return `账号因多次密码错误已被临时锁定，请于 ${when} 后重试，或联系系统管理员解锁。`;
}
