import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedMutex', () => {
  it('runs sections with the same key one at a time, in order', async () => {
    const m = new KeyedMutex();
    let counter = 0;
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, () =>
        m.run('k', async () => {
          const read = counter;
          await tick();
          counter = read + 1; // a lost update would show without the lock
          seen.push(counter);
        }),
      ),
    );
    expect(counter).toBe(20);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('does not serialize different keys and survives a throwing section', async () => {
    const m = new KeyedMutex();
    const order: string[] = [];
    const slow = m.run('a', async () => {
      await tick();
      await tick();
      order.push('a');
    });
    await m.run('b', async () => {
      order.push('b');
    });
    await slow;
    expect(order).toEqual(['b', 'a']);
    await expect(m.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await m.run('a', async () => 42)).toBe(42);
    expect((m as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
  });
});
