import type { AppDeps } from '../../deps.js';

/**
 * The ids of a resident's tickets and 信访 cases, newest first, a page at a time by the one equality
 * `{citizenId}` of the read rows (declared {citizenId, createdAt|registeredAt} indexes), the page boundary
 * kept by a range on the sort key that narrows the same equality. Bounded: MAX_OWNED of each (the abuse
 * limits keep a resident far below it).
 */
export const MAX_OWNED = 10_000;
const PAGE = 200;

async function walk(
  page: (before: Date | null) => Promise<{ _id: unknown; at: Date }[]>,
  visit: (ids: string[]) => Promise<void>,
): Promise<number> {
  let before: Date | null = null;
  let seenAtBoundary = new Set<string>();
  let n = 0;
  while (n < MAX_OWNED) {
    const rows = await page(before);
    const fresh = rows.filter((r) => !seenAtBoundary.has(String(r._id)));
    if (!fresh.length) break;
    await visit(fresh.map((r) => String(r._id)));
    n += fresh.length;
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!.at.getTime();
    if (!before || before.getTime() !== last) seenAtBoundary = new Set();
    for (const r of rows) if (r.at.getTime() === last) seenAtBoundary.add(String(r._id));
    before = new Date(last);
  }
  return n;
}

export function eachOwnTicketPage(deps: AppDeps, citizenId: string, visit: (ids: string[]) => Promise<void>): Promise<number> {
  return walk(async (before) => {
    const rows = await deps.models.TicketRow.find({ citizenId, ...(before ? { createdAt: { $lte: before } } : {}) }, { _id: 1, createdAt: 1 })
      .sort({ createdAt: -1 })
      .limit(PAGE)
      .lean<{ _id: unknown; createdAt: Date }[]>();
    return rows.map((r) => ({ _id: r._id, at: r.createdAt }));
  }, visit);
}

export function eachOwnComplaintPage(deps: AppDeps, citizenId: string, visit: (ids: string[]) => Promise<void>): Promise<number> {
  return walk(async (before) => {
    const rows = await deps.models.ComplaintRow.find({ citizenId, ...(before ? { registeredAt: { $lte: before } } : {}) }, { _id: 1, registeredAt: 1 })
      .sort({ registeredAt: -1, _id: -1 })
      .limit(PAGE)
      .lean<{ _id: unknown; registeredAt: Date }[]>();
    return rows.map((r) => ({ _id: r._id, at: r.registeredAt }));
  }, visit);
}
