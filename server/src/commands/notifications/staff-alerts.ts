import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';

/**
 * The console's notification centre: who gets an alert, raising it exactly once (unique _id, see
 * models/staff-alert.ts), listing and marking read.
 */

const MAX_RECIPIENTS = 200;

export interface AlertInput {
  /** the cause, unique per alert event (the recipient's id is appended) */
  key: string;
  kind: string;
  ticketId?: string | null;
  trackingNo?: string | null;
  text: string;
}

/** Active staff of a department (its handlers). */
export async function departmentStaff(deps: AppDeps, departmentId: string): Promise<string[]> {
  const rows = await deps.models.StaffUser.find({ departmentIds: departmentId, disabled: false }, { _id: 1 }).limit(MAX_RECIPIENTS).lean();
  return rows.map((r) => String(r._id));
}

/** Dispatchers of a district; with no district, the city centre's (dispatchers without districts). */
export async function dispatchersOf(deps: AppDeps, districtCode: string | null): Promise<string[]> {
  const rows = districtCode
    ? await deps.models.StaffUser.find({ roles: 'dispatcher', districtCodes: districtCode, disabled: false }, { _id: 1 }).limit(MAX_RECIPIENTS).lean()
    : await deps.models.StaffUser.find({ roles: 'dispatcher', districtCodes: { $size: 0 }, disabled: false }, { _id: 1 }).limit(MAX_RECIPIENTS).lean();
  return rows.map((r) => String(r._id));
}

/** Raises the alert for each recipient; a repeat of the same key inserts nothing. Returns how many were new. */
export async function raiseAlerts(deps: AppDeps, staffIds: readonly string[], a: AlertInput): Promise<number> {
  if (!staffIds.length) return 0;
  const now = deps.now();
  const docs = [...new Set(staffIds)].map((staffId) => ({
    _id: `${a.key}:${staffId}`,
    staffId,
    kind: a.kind,
    ticketId: a.ticketId ?? null,
    trackingNo: a.trackingNo ?? null,
    text: a.text,
    read: false,
    readAt: null,
    createdAt: now,
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

export async function listAlerts(deps: AppDeps, staffId: string, o: { unreadOnly: boolean; page: number; pageSize: number }) {
  const { StaffAlert } = deps.models;
  const filter = o.unreadOnly ? { staffId, read: false } : { staffId };
  const [rows, total, unread] = await Promise.all([
    StaffAlert.find(filter).sort({ createdAt: -1 }).skip((o.page - 1) * o.pageSize).limit(o.pageSize).lean(),
    StaffAlert.countDocuments(filter),
    StaffAlert.countDocuments({ staffId, read: false }),
  ]);
  return {
    total,
    unread,
    items: rows.map((r) => ({
      id: String(r._id),
      kind: r.kind,
      ticketId: r.ticketId ?? null,
      trackingNo: r.trackingNo ?? null,
      text: r.text,
      read: r.read,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/**
 * Marks alerts read. Setting a flag to true is idempotent, so a plain update is exact here (no version
 * is claimed: two tabs marking the same alert agree on the result).
 */
export async function markAlertsRead(deps: AppDeps, staffId: string, ids: string[] | 'all'): Promise<void> {
  const set = { $set: { read: true, readAt: deps.now() } };
  if (ids === 'all') {
    await deps.models.StaffAlert.updateMany({ staffId, read: false }, set);
    return;
  }
  // each id is the alert's _id; the staffId condition keeps anyone from marking someone else's
  for (const id of ids) await deps.models.StaffAlert.updateOne({ _id: id, staffId }, set);
}
