import type { AppDeps } from '../deps.js';
import { AppError, fail } from '../http/errors.js';
import type { Models } from '../models/index.js';
import { isDuplicateKey } from './claims.js';

/**
 * The abuse limiter shared by every server process: a fixed window per (rule, subject), whose `limit`
 * slots are documents `<key>#0 … <key>#limit-1` in `rate_slots`, each taken by a unique insert. The
 * database decides who gets a slot, so the limit is exact across processes and under concurrency, and
 * FerretDB's lossy `$inc` is never used. One equality read (indexed `key`, at most `limit` small documents)
 * finds the free slots; a refused request writes nothing. Expired slots go in the housekeeping job.
 */

export interface RateRule {
  /** stable name, part of the key: `report:resident` */
  name: string;
  limit: number;
  windowMs: number;
  /** the Chinese sentence a refused caller reads, e.g. 每小时最多上报 10 条 */
  describe: string;
  /** shifts the window edges: +8 h makes day windows end at midnight in Asia/Shanghai */
  alignOffsetMs?: number;
}

type Deps = Pick<AppDeps, 'now'> & { models: Pick<Models, 'RateSlot'> };

/** Keeps expired windows a little past their end, so a slow clock on another process still sees them. */
const EXPIRY_GRACE_MS = 60_000;

export function windowKey(rule: RateRule, subject: string, at: number): { key: string; endsAt: number } {
  const shift = rule.alignOffsetMs ?? 0;
  const index = Math.floor((at + shift) / rule.windowMs);
  return { key: `${rule.name}#${subject}#${index}`, endsAt: (index + 1) * rule.windowMs - shift };
}

export function rateLimited(rule: RateRule, retryAfterSeconds: number): AppError {
  const wait =
    retryAfterSeconds >= 2 * 3600 ? `${Math.ceil(retryAfterSeconds / 3600)} 小时` : retryAfterSeconds >= 120 ? `${Math.ceil(retryAfterSeconds / 60)} 分钟` : `${retryAfterSeconds} 秒`;
  return fail('rate_limited', [{ message: `请 ${wait}后再试`, rule: rule.name, limit: rule.limit, retryAfter: retryAfterSeconds }], `操作过于频繁：${rule.describe}，请 ${wait}后再试`, { 'Retry-After': String(retryAfterSeconds) });
}

/**
 * Takes one slot of `subject`'s current window, or throws 429 `rate_limited` with Retry-After (seconds to
 * the window's end) when all are taken. Returns the slot id, which `releaseRateSlot` gives back.
 */
export async function takeRateSlot(deps: Deps, rule: RateRule, subject: string): Promise<string> {
  const at = deps.now().getTime();
  const { key, endsAt } = windowKey(rule, subject, at);
  const { RateSlot } = deps.models;
  const used = new Set((await RateSlot.find({ key }, { n: 1 }).lean()).map((d) => d.n));
  const expiresAt = new Date(endsAt + EXPIRY_GRACE_MS);
  for (let n = 0; n < rule.limit; n++) {
    if (used.has(n)) continue;
    const id = `${key}#${n}`;
    try {
      await RateSlot.create({ _id: id, key, n, expiresAt });
      return id;
    } catch (err) {
      // a concurrent request took slot n first: try the next one
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw rateLimited(rule, Math.max(1, Math.ceil((endsAt - at) / 1000)));
}

/** Gives a slot back (its request was refused later for another reason, so it did not count). */
export async function releaseRateSlot(deps: Deps, slotId: string): Promise<void> {
  await deps.models.RateSlot.deleteOne({ _id: slotId });
}

/**
 * Takes one slot of every (rule, subject) pair, all or nothing: when a later rule refuses, the slots
 * already taken are given back, so a refused request leaves no trace.
 */
export async function takeRateSlots(deps: Deps, checks: ReadonlyArray<{ rule: RateRule; subject: string }>): Promise<string[]> {
  const taken: string[] = [];
  try {
    for (const c of checks) taken.push(await takeRateSlot(deps, c.rule, c.subject));
    return taken;
  } catch (err) {
    await Promise.all(taken.map((id) => releaseRateSlot(deps, id)));
    throw err;
  }
}

/** Housekeeping: slots of windows that have ended. */
export async function purgeExpiredRateSlots(deps: Deps): Promise<number> {
  const res = await deps.models.RateSlot.deleteMany({ expiresAt: { $lt: deps.now() } });
  return res.deletedCount ?? 0;
}
