import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Models } from '../models/index.js';
import { ignoreDuplicateKey } from './claims.js';

/**
 * A "current-generation snapshot": a process-local, in-memory structure (the routing polygons, the car
 * park/toilet index, the waste search index, …) built from collections and kept current across N
 * instances without a push channel.
 *
 * - Every write to the data sets the generation stamp `generation:<name>` (kernel_stamps) to a fresh
 *   value — $set, never $inc: FerretDB loses concurrent increments, and two racing writes could then
 *   leave the stamp where another instance last saw it. Any write after an instance's read changes it.
 * - Each instance reads the stamp at most every `checkEveryMs` and rebuilds once when it moved: callers
 *   that arrive meanwhile share that one build. A build reads the stamp BEFORE the data, so a write that
 *   lands during the load moves the stamp again and the next check rebuilds.
 * - A write on this instance (`invalidate`) makes its next readers wait for a build started after the
 *   write, so an administrator sees their own edit at once.
 * - Builds are numbered as they start; a slower, older build finishing late never replaces a newer one.
 */

/** What every snapshot user passes: the models (one state per models object = per database). */
export interface SnapshotDeps {
  models: Models;
  logger?: Logger;
}

export interface SnapshotSpec<T, D extends SnapshotDeps> {
  /** the stamp's name: `generation:<name>` in kernel_stamps */
  generation: string;
  /** loads the data; `current()` is the installed value at the time it is called (to merge local state) */
  build(deps: D, ctx: { stamp: number; current: () => T | undefined }): Promise<T>;
  /** how stale another instance's write may be seen here */
  checkEveryMs?: number;
  /** after another instance's write: serve the old snapshot while rebuilding (true) or wait (false) */
  serveStaleWhileRebuilding?: boolean;
}

export interface CurrentSnapshot<T, D extends SnapshotDeps> {
  /** the current snapshot (builds the first time; waits after a local write) */
  get(deps: D): Promise<T>;
  /** the installed snapshot without waiting or checking, undefined before the first build */
  peek(deps: Pick<D, 'models'>): T | undefined;
  /** reads the stamp now and rebuilds when it moved; true = rebuilt */
  refreshIfChanged(deps: D): Promise<boolean>;
  /** after a write on this instance: every instance rebuilds, this one before its next read */
  invalidate(deps: Pick<D, 'models'>): Promise<void>;
  /** after a write this instance already applied to its snapshot: the others rebuild, this one need not wait */
  announce(deps: Pick<D, 'models'>): Promise<void>;
}

interface Installed<T> {
  value: T;
  stamp: number;
  /** the local write generation the build started at */
  localGen: number;
  /** start order of the build */
  seq: number;
}

interface State<T> {
  installed?: Installed<T>;
  localGen: number;
  buildSeq: number;
  building?: { promise: Promise<Installed<T>>; localGen: number; seq: number };
  checking?: Promise<boolean>;
  checkedAt: number;
}

const DEFAULT_CHECK_MS = 3000;

export function currentGenerationSnapshot<T, D extends SnapshotDeps>(spec: SnapshotSpec<T, D>): CurrentSnapshot<T, D> {
  const checkEveryMs = spec.checkEveryMs ?? DEFAULT_CHECK_MS;
  const serveStale = spec.serveStaleWhileRebuilding ?? true;
  // per models object: tests run several databases (and simulated instances) in one process
  const states = new WeakMap<object, State<T>>();
  const stateOf = (models: Models): State<T> => {
    let st = states.get(models);
    if (!st) {
      st = { localGen: 0, buildSeq: 0, checkedAt: 0 };
      states.set(models, st);
    }
    return st;
  };

  /** Shares a build in flight that started at the current local generation and after `startedAfter`. */
  function startBuild(deps: D, st: State<T>, startedAfter = 0): Promise<Installed<T>> {
    const b = st.building;
    if (b && b.localGen === st.localGen && b.seq > startedAfter) return b.promise;
    const localGen = st.localGen;
    const seq = ++st.buildSeq;
    const promise = (async () => {
      const stamp = await readGeneration(deps.models, spec.generation);
      const value = await spec.build(deps, { stamp, current: () => st.installed?.value });
      const built: Installed<T> = { value, stamp, localGen, seq };
      if (!st.installed || st.installed.seq < seq) {
        st.installed = built;
        st.checkedAt = performance.now();
      }
      return built;
    })();
    const entry = { promise, localGen, seq };
    st.building = entry;
    const clear = () => {
      if (st.building === entry) st.building = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }

  async function refreshIfChanged(deps: D): Promise<boolean> {
    const st = stateOf(deps.models);
    st.checking ??= (async () => {
      st.checkedAt = performance.now();
      const startedAfter = st.buildSeq;
      const stamp = await readGeneration(deps.models, spec.generation);
      if (st.installed && st.installed.stamp === stamp) return false;
      await startBuild(deps, st, startedAfter);
      return true;
    })().finally(() => {
      st.checking = undefined;
    });
    return st.checking;
  }

  async function get(deps: D): Promise<T> {
    const st = stateOf(deps.models);
    const arrivedAt = st.localGen;
    const inst = st.installed;
    if (!inst || inst.localGen < arrivedAt) return (await startBuild(deps, st)).value;
    if (performance.now() - st.checkedAt < checkEveryMs) return inst.value;
    if (serveStale) {
      void refreshIfChanged(deps).catch((err: unknown) => deps.logger?.warn({ err, snapshot: spec.generation }, 'snapshot generation check failed'));
      return inst.value;
    }
    await refreshIfChanged(deps);
    const now = st.installed!;
    return now.localGen >= arrivedAt ? now.value : (await startBuild(deps, st)).value;
  }

  return {
    get,
    peek: (deps) => stateOf(deps.models).installed?.value,
    refreshIfChanged,
    async invalidate(deps) {
      await writeGeneration(deps.models, spec.generation);
      // after the stamp: a build that starts from here on reads the new stamp and the written data
      stateOf(deps.models).localGen++;
    },
    async announce(deps) {
      await writeGeneration(deps.models, spec.generation);
    },
  };
}

/** A value no earlier write produced: time-ordered, and distinct between writers within one millisecond. */
export function freshStamp(): number {
  return Date.now() * 1000 + randomInt(1000);
}

/** The generation stamp of data set `name` (0 = never written). */
export async function readGeneration(models: Pick<Models, 'KernelStamp'>, name: string): Promise<number> {
  const doc = await models.KernelStamp.findById(`generation:${name}`, { value: 1 }).lean();
  return doc?.value ?? 0;
}

async function writeGeneration(models: Pick<Models, 'KernelStamp'>, name: string): Promise<void> {
  const _id = `generation:${name}`;
  const set = () => ({ $set: { value: freshStamp(), at: new Date() } });
  try {
    await models.KernelStamp.updateOne({ _id }, set(), { upsert: true });
  } catch (err) {
    // two first-ever upserts of the same _id race into a duplicate key on FerretDB: the loser updates
    ignoreDuplicateKey(err);
    await models.KernelStamp.updateOne({ _id }, set());
  }
}
