import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../deps.js';
import { claimedAt, insertClaim } from '../db/claims.js';
import { fail } from '../http/errors.js';

/**
 * Staff sessions (models/staff-session.ts): the `sid` of every staff access token names one, and a token
 * works only while its session does. Ending a session is an insert of the claim `staff-session-end:<sid>`
 * (db/claims.ts): FerretDB writes an update back whole, so a concurrent last-seen update could undo an
 * `endedAt` it did not see, but nothing undoes an insert. `endedAt`/`endReason` on the session document
 * are written too, for people reading the data; the claim is what decides.
 *
 * Each process caches what it read for `SESSION_CACHE_MS` (default 5 s), so a busy console costs one
 * `_id` read per session per window, not one per request. Bypasses, by design:
 * - the process that ends a session drops it from its cache at once (its own next request is refused);
 * - another process notices within the window (the cache entry expires; `SESSION_CACHE_MS=0` disables it);
 * - a cached entry that looks idle is re-read before the session is ended for it;
 * - refresh (rotating the refresh token) always reads the database.
 * Disabling an account or changing its password also bumps the account's tokenVersion, which
 * authenticate() checks on an uncached read of the account: those take effect everywhere at once.
 */

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** last-seen is written only when the stored one is older than this: not a write per request */
export const LAST_SEEN_WRITE_MS = 60_000;
const MAX_CACHED = 10_000;

export type EndReason = 'logout' | 'reuse' | 'password_change' | 'disabled' | 'reset' | 'idle' | 'account_changed';

type Deps = Pick<AppDeps, 'models' | 'now' | 'config' | 'wallClock'>;

/** Session times are wall time (deps.ts: wallClock), not the business clock `now`. */
const wallNow = (deps: Deps): Date => deps.wallClock?.() ?? new Date();

interface Cached {
  /** null: no such session */
  session: { userId: string; lastSeenAt: number; expiresAt: number } | null;
  ended: boolean;
  /** performance.now() of the read: the cache ages in real time, whatever the injected clock says */
  readAt: number;
}

/** One cache per models object, i.e. per app (tests run several apps in one process, each its own "process"). */
const caches = new WeakMap<object, Map<string, Cached>>();
function cacheOf(deps: Deps): Map<string, Cached> {
  let c = caches.get(deps.models);
  if (!c) caches.set(deps.models, (c = new Map()));
  return c;
}

const endClaimId = (sid: string) => `staff-session-end:${sid}`;
export const sessionEnded = () => fail('session_ended');
export const sessionExpired = () => fail('session_expired');

/** Opens a session for `userId`; `sid` is given when it continues an existing refresh-token family. */
export async function createStaffSession(deps: Deps, userId: string, o: { sid?: string; ip?: string } = {}): Promise<string> {
  const now = wallNow(deps);
  const sid = o.sid ?? randomUUID();
  await deps.models.StaffSession.create({ _id: sid, userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS), ip: o.ip ?? '' });
  return sid;
}

/** Ends one session (idempotent: the first reason stays). */
export async function endStaffSession(deps: Deps, sid: string, reason: EndReason): Promise<void> {
  const now = wallNow(deps);
  cacheOf(deps).delete(sid);
  if (await insertClaim(deps.models, endClaimId(sid), { by: reason, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })) {
    await deps.models.StaffSession.updateOne({ _id: sid }, { $set: { endedAt: now, endReason: reason } });
  }
}

/** Ends every session of an account (password change, disable, reset). */
export async function endAllStaffSessions(deps: Deps, userId: string, reason: EndReason): Promise<number> {
  const cache = cacheOf(deps);
  for (const [sid, c] of cache) if (c.session?.userId === userId) cache.delete(sid);
  // one account's sessions: a few dozen at most (30-day sessions, purged when expired)
  const open = await deps.models.StaffSession.find({ userId, endedAt: null }, { _id: 1 }).limit(1000).lean();
  for (const s of open) await endStaffSession(deps, String(s._id), reason);
  return open.length;
}

async function read(deps: Deps, sid: string): Promise<Cached> {
  const [doc, ended] = await Promise.all([
    deps.models.StaffSession.findById(sid, { userId: 1, lastSeenAt: 1, expiresAt: 1 }).lean(),
    claimedAt(deps.models, endClaimId(sid)),
  ]);
  const entry: Cached = {
    session: doc ? { userId: doc.userId, lastSeenAt: doc.lastSeenAt.getTime(), expiresAt: doc.expiresAt.getTime() } : null,
    ended: ended !== null,
    readAt: performance.now(),
  };
  const ttl = deps.config.SESSION_CACHE_MS;
  if (ttl > 0) {
    const cache = cacheOf(deps);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(sid, entry);
  }
  return entry;
}

async function current(deps: Deps, sid: string, fresh: boolean): Promise<Cached> {
  const hit = cacheOf(deps).get(sid);
  if (!fresh && hit && performance.now() - hit.readAt < deps.config.SESSION_CACHE_MS) return hit;
  return read(deps, sid);
}

/**
 * Checks that session `sid` of `userId` is open and not idle, and records activity (at most one write a
 * minute). `background` requests (the console's polling, header `X-Background: 1`) are checked but do
 * not count as activity, so a console left open does not stay logged in by itself.
 * Throws 401 session_ended / session_expired.
 */
export async function touchStaffSession(deps: Deps, sid: string, userId: string, o: { background?: boolean; fresh?: boolean } = {}): Promise<void> {
  let entry = await current(deps, sid, o.fresh ?? false);
  const now = wallNow(deps).getTime();
  const idleMs = deps.config.STAFF_SESSION_IDLE_MINUTES * 60_000;
  // a cached last-seen may be a few seconds behind another process's write: look again before ending
  if (entry.session && !entry.ended && now - entry.session.lastSeenAt > idleMs && !o.fresh) entry = await read(deps, sid);
  const s = entry.session;
  if (!s || entry.ended || s.userId !== userId || s.expiresAt <= now) throw sessionEnded();
  if (now - s.lastSeenAt > idleMs) {
    await endStaffSession(deps, sid, 'idle');
    throw sessionExpired();
  }
  if (o.background || now - s.lastSeenAt < LAST_SEEN_WRITE_MS) return;
  s.lastSeenAt = now; // the cached copy too: the next requests of this window need no write
  await deps.models.StaffSession.updateOne({ _id: sid }, { $set: { lastSeenAt: new Date(now) } });
}

/** Whether a session record exists at all (refresh-token families issued before sessions existed have none). */
export async function staffSessionExists(deps: Deps, sid: string): Promise<boolean> {
  return (await deps.models.StaffSession.exists({ _id: sid })) !== null;
}

/** For the housekeeping job: sessions past their 30 days (FerretDB has no TTL indexes). */
export async function purgeExpiredStaffSessions(deps: Pick<AppDeps, 'models' | 'now' | 'wallClock'>): Promise<number> {
  const res = await deps.models.StaffSession.deleteMany({ expiresAt: { $lte: deps.wallClock?.() ?? new Date() } });
  return res.deletedCount ?? 0;
}
