import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../services/sliding-window-limiter.js';
import { absPath, newUploadId, relPathFor, thumbRelPath } from './storage.js';

describe('upload storage paths', () => {
  it('ids are 128 random bits in hex, never repeating', () => {
    const ids = new Set(Array.from({ length: 1000 }, newUploadId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('files go under <yyyy>/<mm>/ of the UTC upload month', () => {
    expect(relPathFor('ab'.repeat(16), new Date('2026-01-31T23:30:00Z'))).toBe(`2026/01/${'ab'.repeat(16)}.jpg`);
    expect(thumbRelPath('2026/01/x.jpg')).toBe('2026/01/x_thumb.jpg');
  });

  it('absPath refuses anything outside DATA_DIR/uploads', () => {
    expect(absPath('/data', '2026/01/x.jpg')).toBe('/data/uploads/2026/01/x.jpg');
    expect(() => absPath('/data', '../jwt-secret')).toThrow();
    expect(() => absPath('/data', '/etc/passwd')).toThrow();
  });
});

describe('SlidingWindowLimiter', () => {
  it('allows `limit` hits per window per key and reports when a slot frees up', () => {
    const l = new SlidingWindowLimiter(2, 60_000);
    expect(l.take('a', 0)).toBe(0);
    expect(l.take('a', 10_000)).toBe(0);
    expect(l.take('a', 20_000)).toBe(40); // the first hit expires at 60 s
    expect(l.take('b', 20_000)).toBe(0);
    expect(l.take('a', 60_001)).toBe(0);
    expect(l.take('a', 60_002)).toBeGreaterThan(0);
  });
});
