import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import { shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { newestFirstPage } from '../../db/newest-first.js';

/**
 * The console's notification centre: who gets an alert, raising it exactly once (unique _id, see
 * models/staff-alert.ts), listing day by day and marking read.
 */

const MAX_RECIPIENTS = 200;
const DAY_MS = 24 * 3600_000;
/** The bell shows "99+" from here on: counting further would read every unread alert on every poll. */
export const UNREAD_CAP = 100;

export interface AlertInput {
  /** the cause, unique per alert event (the recipient's id is appended) */
  key: string;
  kind: string;
  ticketId?: string | null;
  trackingNo?: string | null;
  complaintId?: string | null;
  caseNo?: string | null;
  text: string;
}

export const staffDayKey = (staffId: string, day: string) => `${staffId}|${day}`;

/** Active staff of a department (its handlers). */
export async function departmentStaff(deps: AppDeps, departmentId: string): Promise<string[]> {
  const rows = await deps.models.StaffUser.find({ departmentIds: departmentId, disabled: false }, { _id: 1 }).limit(MAX_RECIPIENTS).lean();
  return rows.map((r) => String(r._id));
}

/**
 * Dispatchers of a district or zone code; with none, the city centre's (dispatchers without districts).
 * A zone's dispatchers hold the zone's code (功能区 such as 南湖新区), so a ticket routed to a zone alerts
 * both the zone and the county it lies in when the caller passes both codes.
 */
export async function dispatchersOf(deps: AppDeps, ...codes: (string | null | undefined)[]): Promise<string[]> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (!wanted.length) {
    const rows = await deps.models.StaffUser.find({ roles: 'dispatcher', districtCodes: { $size: 0 }, disabled: false }, { _id: 1 }).limit(MAX_RECIPIENTS).lean();
    return rows.map((r) => String(r._id));
  }
  const ids = new Set<string>();
  for (const code of wanted) {
    const rows = await deps.models.StaffUser.find({ roles: 'dispatcher', districtCodes: code, disabled: false }, { _id: 1 }).limit(MAX_RECIPIENTS).lean();
    for (const r of rows) ids.add(String(r._id));
  }
  return [...ids];
}

/** The complaint office (信访办) officers of a case's district, and those of the whole city (no district). */
export async function complaintOfficersOf(deps: AppDeps, district: string | null): Promise<string[]> {
  const ids = new Set<string>();
  const scopes = district ? [{ districtCodes: district }, { districtCodes: { $size: 0 } }] : [{ districtCodes: { $size: 0 } }];
  for (const scope of scopes) {
    const rows = await deps.models.StaffUser.find({ roles: 'complaint_officer', disabled: false, ...scope }, { _id: 1 }).limit(MAX_RECIPIENTS).lean();
    for (const r of rows) ids.add(String(r._id));
  }
  return [...ids];
}

/** Raises the alert for each recipient; a repeat of the same key inserts nothing. Returns how many were new. */
export async function raiseAlerts(deps: AppDeps, staffIds: readonly string[], a: AlertInput): Promise<number> {
  if (!staffIds.length) return 0;
  const now = deps.now();
  const day = shanghaiDay(now);
  const docs = [...new Set(staffIds)].map((staffId) => ({
    _id: `${a.key}:${staffId}`,
    staffId,
    kind: a.kind,
    ticketId: a.ticketId ?? null,
    trackingNo: a.trackingNo ?? null,
    complaintId: a.complaintId ?? null,
    caseNo: a.caseNo ?? null,
    text: a.text,
    read: false,
    readAt: null,
    createdAt: now,
    day,
    staffDay: staffDayKey(staffId, day),
    unreadDay: staffDayKey(staffId, day),
  }));
  try {
    const res = await deps.models.StaffAlert.insertMany(docs, { ordered: false });
    return res.length;
  } catch (err) {
    const e = err as { writeErrors?: { code?: number }[]; insertedDocs?: unknown[] };
    if (!isDuplicateKey(err) && !(e.writeErrors?.length && e.writeErrors.every((w) => w.code === 11000))) throw err;
    return e.insertedDocs?.length ?? docs.length - (e.writeErrors?.length ?? 0);
  }
}

/** The kept days, newest first (today back to the retention limit). */
function keptDays(deps: AppDeps): string[] {
  const now = deps.now().getTime();
  return Array.from({ length: deps.config.STAFF_ALERT_RETENTION_DAYS + 1 }, (_, i) => shanghaiDay(new Date(now - i * DAY_MS)));
}

interface AlertRow extends Omit<AlertInput, 'key'> {
  _id: unknown;
  read: boolean;
  createdAt: Date;
}

/** Unread alerts, counted day by day newest first, up to UNREAD_CAP. */
export async function countUnread(deps: AppDeps, staffId: string): Promise<number> {
  let n = 0;
  for (const day of keptDays(deps)) {
    n += await deps.models.StaffAlert.countDocuments({ unreadDay: staffDayKey(staffId, day) });
    if (n >= UNREAD_CAP) return UNREAD_CAP;
  }
  return n;
}

export async function listAlerts(deps: AppDeps, staffId: string, o: { unreadOnly: boolean; cursor?: string; pageSize: number }) {
  const field = o.unreadOnly ? 'unreadDay' : 'staffDay';
  const { items, nextCursor } = await newestFirstPage<AlertRow>({
    buckets: keptDays(deps),
    bucketOf: shanghaiDay,
    read: (day, notAfter, limit) =>
      deps.models.StaffAlert.find({ [field]: staffDayKey(staffId, day), ...(notAfter ? { createdAt: { $lte: notAfter } } : {}) })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean<AlertRow[]>(),
    cursor: o.cursor,
    pageSize: o.pageSize,
  });
  return {
    unread: await countUnread(deps, staffId),
    nextCursor,
    items: items.map((r) => ({
      id: String(r._id),
      kind: r.kind,
      ticketId: r.ticketId ?? null,
      trackingNo: r.trackingNo ?? null,
      complaintId: r.complaintId ?? null,
      caseNo: r.caseNo ?? null,
      text: r.text,
      read: r.read,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/**
 * Marks alerts read. Setting a flag to true is idempotent, so a plain update is exact here (no version
 * is claimed: two tabs marking the same alert agree on the result). "All" walks the kept days by their
 * unread key, so it touches only unread alerts.
 */
export async function markAlertsRead(deps: AppDeps, staffId: string, ids: string[] | 'all'): Promise<void> {
  const set = { $set: { read: true, readAt: deps.now(), unreadDay: null } };
  if (ids === 'all') {
    for (const day of keptDays(deps)) await deps.models.StaffAlert.updateMany({ unreadDay: staffDayKey(staffId, day) }, set);
    return;
  }
  // each id is the alert's _id; the staffId condition keeps anyone from marking someone else's
  for (const id of ids) await deps.models.StaffAlert.updateOne({ _id: id, staffId }, set);
}

/**
 * Deletes alerts older than the retention, by day equality: the week of days before the limit, so a job
 * that did not run for a few days still catches up.
 */
export async function purgeOldAlerts(deps: AppDeps): Promise<number> {
  const now = deps.now().getTime();
  const keep = deps.config.STAFF_ALERT_RETENTION_DAYS;
  let n = 0;
  for (let i = keep + 1; i <= keep + 7; i++) {
    n += (await deps.models.StaffAlert.deleteMany({ day: shanghaiDay(new Date(now - i * DAY_MS)) })).deletedCount ?? 0;
  }
  return n;
}

const STAMP = 'staff_alert_days';
/**
 * One-time migration: alerts raised before alerts carried their day keys get them (a handful of demo
 * alerts at most; the scan runs once, then a stamp says it is done).
 */
export async function backfillAlertDays(deps: AppDeps): Promise<number> {
  const { SeedStamp, StaffAlert } = deps.models;
  if (await SeedStamp.findById(STAMP).lean()) return 0;
  let n = 0;
  for (;;) {
    const page = await StaffAlert.find({ day: { $exists: false } }, { staffId: 1, createdAt: 1, read: 1 }).limit(200).lean();
    if (!page.length) break;
    for (const a of page) {
      const day = shanghaiDay(a.createdAt);
      const key = staffDayKey(a.staffId, day);
      await StaffAlert.updateOne({ _id: a._id }, { $set: { day, staffDay: key, unreadDay: a.read ? null : key } });
      n++;
    }
  }
  await SeedStamp.updateOne({ _id: STAMP }, { $set: { version: '1', at: deps.now() } }, { upsert: true });
  return n;
}
