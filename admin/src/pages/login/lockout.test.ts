import { describe, expect, it } from 'vitest';
import { lockoutMessage, unlockTime } from './lockout';

describe('lockout', () => {
  const now = new Date('2026-11-27T08:00:00+08:00');
  it('reads lockedUntil from an object or an array', () => {
    const iso = '2026-11-27T08:15:00+08:00';
    expect(unlockTime({ lockedUntil: iso }, now)?.toISOString()).toBe(new Date(iso).toISOString());
    expect(unlockTime([{ unlockAt: iso }], now)?.toISOString()).toBe(new Date(iso).toISOString());
  });
  it('reads retryAfter seconds', () => {
    expect(unlockTime({ retryAfter: 600 }, now)?.getTime()).toBe(now.getTime() + 600_000);
  });
  it('falls back to a generic sentence', () => {
    expect(unlockTime(undefined, now)).toBeNull();
    expect(lockoutMessage(undefined, now)).toContain('15 分钟');
  });
});
