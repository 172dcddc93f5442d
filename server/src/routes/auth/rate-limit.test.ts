import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { WindowRateLimiter } from './rate-limit.js';

describe('WindowRateLimiter', () => {
  it('allows `limit` hits per window and key, then 429 with Retry-After; a new window resets', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const rl = new WindowRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) rl.consume('a');
    rl.consume('b');
    try {
      rl.consume('a');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(429);
      expect((e as AppError).code).toBe('rate_limited');
      expect((e as AppError).headers['Retry-After']).toBe('60');
    }
    now = new Date(now.getTime() + 60_000);
    expect(() => rl.consume('a')).not.toThrow();
  });

  it('bounds its memory', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const rl = new WindowRateLimiter(1, 60_000, () => now, 10);
    for (let i = 0; i < 100; i++) rl.consume(`k${i}`);
    expect((rl as unknown as { hits: Map<string, unknown> }).hits.size).toBeLessThanOrEqual(10);
  });
});
