import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Models } from '../models/index.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { currentGenerationSnapshot, readGeneration, type SnapshotDeps } from './snapshot.js';

/** The current-generation snapshot helper on the real database, with builds the test holds back at will. */

interface Built {
  value: string;
  build: number;
}

describe('currentGenerationSnapshot', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  const data = () => t.deps.connection.collection<{ _id: string; value: string }>('snapshot_probe');
  const setValue = (id: string, value: string) => data().updateOne({ _id: id }, { $set: { value } }, { upsert: true });

  /** A snapshot of one probe document; build n waits for `holds[n]` after reading (a slow build). */
  function probeSnapshot(id: string, opts: { serveStaleWhileRebuilding?: boolean; checkEveryMs?: number } = {}) {
    let builds = 0;
    const holds = new Map<number, Promise<void>>();
    const snap = currentGenerationSnapshot<Built, SnapshotDeps>({
      generation: `probe-${id}`,
      ...opts,
      build: async () => {
        const build = ++builds;
        const doc = await data().findOne({ _id: id });
        await holds.get(build);
        return { value: doc?.value ?? '', build };
      },
    });
    const hold = (build: number) => {
      let release!: () => void;
      holds.set(build, new Promise<void>((r) => (release = r)));
      return () => release();
    };
    return { snap, hold, builds: () => builds };
  }
  /** Another server instance on the same database: its own process-local state (kept per models object). */
  const otherInstance = (): SnapshotDeps => ({ models: { ...t.deps.models } as Models });

  it('a slower, older build finishing late never replaces a newer one', async () => {
    const { snap, hold } = probeSnapshot('order');
    await setValue('order', 'old');
    const releaseFirst = hold(1);
    const early = snap.get(t.deps); // build 1 reads "old", then stalls
    await new Promise((r) => setTimeout(r, 100));
    await setValue('order', 'new');
    await snap.invalidate(t.deps); // a write on this instance: the next reader waits for a newer build
    expect(await snap.get(t.deps)).toEqual({ value: 'new', build: 2 });
    releaseFirst();
    expect((await early).value).toBe('old'); // its caller arrived before the write
    expect(snap.peek(t.deps)).toEqual({ value: 'new', build: 2 });
    expect(await snap.get(t.deps)).toEqual({ value: 'new', build: 2 });
  });

  it('rebuilt once per generation, however many readers arrive', async () => {
    const { snap, builds } = probeSnapshot('once');
    await setValue('once', 'a');
    await Promise.all(Array.from({ length: 10 }, () => snap.get(t.deps)));
    expect(builds()).toBe(1);
    await setValue('once', 'b');
    await snap.invalidate(t.deps);
    const seen = await Promise.all(Array.from({ length: 10 }, () => snap.get(t.deps)));
    expect(builds()).toBe(2);
    expect(new Set(seen.map((s) => s.value))).toEqual(new Set(['b']));
    expect(await snap.refreshIfChanged(t.deps)).toBe(false); // the stamp did not move since
    expect(builds()).toBe(2);
  });

  it('another instance sees a write when it checks the stamp: rebuilt then, not before', async () => {
    const { snap } = probeSnapshot('remote', { checkEveryMs: 60_000 });
    const other = otherInstance();
    await setValue('remote', 'v1');
    expect((await snap.get(other)).value).toBe('v1');
    const stamp = await readGeneration(t.deps.models, 'probe-remote');
    await setValue('remote', 'v2');
    await snap.invalidate(t.deps); // written on "this" instance
    expect(await readGeneration(t.deps.models, 'probe-remote')).not.toBe(stamp);
    expect((await snap.get(other)).value).toBe('v1'); // not checked yet
    expect(await snap.refreshIfChanged(other)).toBe(true);
    expect((await snap.get(other)).value).toBe('v2');
    expect(await snap.refreshIfChanged(other)).toBe(false);
  });

  it('serving stale while rebuilding, or waiting for the check: both converge on the new generation', async () => {
    const stale = probeSnapshot('stale', { checkEveryMs: 0 });
    const waiting = probeSnapshot('waiting', { checkEveryMs: 0, serveStaleWhileRebuilding: false });
    const other = otherInstance();
    for (const p of [stale, waiting]) await setValue(p === stale ? 'stale' : 'waiting', 'v1');
    await stale.snap.get(other);
    await waiting.snap.get(other);
    await setValue('stale', 'v2');
    await stale.snap.announce(t.deps);
    await setValue('waiting', 'v2');
    await waiting.snap.announce(t.deps);
    expect((await waiting.snap.get(other)).value).toBe('v2'); // waited for the check and the rebuild
    const release = stale.hold(2);
    expect((await stale.snap.get(other)).value).toBe('v1'); // served at once; the rebuild runs behind
    release();
    const deadline = Date.now() + 5000;
    while (stale.snap.peek(other)?.value !== 'v2' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(stale.snap.peek(other)?.value).toBe('v2');
  });
});
