import { describe, expect, it } from 'vitest';
import { createLatestGate } from './latest';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('latest gate', () => {
  it('an older answer arriving after a newer one is stale; the newer one is kept', async () => {
    const gate = createLatestGate();
    const slow = deferred<string>();
    const fast = deferred<string>();
    let firstSignal: AbortSignal | null = null;
    const first = gate.run((signal) => {
      firstSignal = signal;
      return slow.promise;
    });
    const second = gate.run(() => fast.promise);
    expect(firstSignal!.aborted).toBe(true);
    fast.resolve('november');
    slow.resolve('january');
    expect(await second).toEqual({ stale: false, value: 'november' });
    expect(await first).toEqual({ stale: true });
  });

  it('a superseded call that fails (its fetch was aborted) is stale, not an error', async () => {
    const gate = createLatestGate();
    const first = gate.run((signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const second = gate.run(async () => 2);
    expect(await first).toEqual({ stale: true });
    expect(await second).toEqual({ stale: false, value: 2 });
  });

  it('the newest call failing is an error the caller sees', async () => {
    const gate = createLatestGate();
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });

  it('cancel makes the running call stale', async () => {
    const gate = createLatestGate();
    const d = deferred<number>();
    const p = gate.run(() => d.promise);
    gate.cancel();
    d.resolve(1);
    expect(await p).toEqual({ stale: true });
  });
});
