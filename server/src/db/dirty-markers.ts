import type { Model } from 'mongoose';
import { isDuplicateKey } from './claims.js';

/**
 * Dirty markers: how a derived count stays exact without `$inc` (which loses increments on FerretDB) and
 * without making writers wait. A writer, after its row write, inserts one marker per count it may have
 * moved; `_id` = `<bucket>#<change id>`, so syncing the same change twice inserts nothing. Whoever needs the
 * count reads the markers, recounts from the rows, stores the number, and only then deletes exactly the
 * markers it read: every change whose marker was read is in the stored count, and a marker inserted
 * meanwhile stays for the next one. Used by the staff queue's bucket directory
 * (commands/tickets/queue-counts.ts) and the 信访 registry counts (commands/complaints/counts.ts).
 */

export interface Marker {
  _id: string;
  bucket: string;
  at: Date;
}

/** Marks `buckets` changed by `changeId`; `extra` adds the fields a reader finds them by (e.g. the cell). */
export async function insertMarkers(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any marker collection
  model: Model<any>,
  buckets: Iterable<string>,
  changeId: string,
  extra: (bucket: string) => Record<string, string>,
): Promise<void> {
  const at = new Date();
  const docs = [...new Set(buckets)].map((bucket) => ({ _id: `${bucket}#${changeId}`, bucket, ...extra(bucket), at }));
  if (docs.length === 0) return;
  try {
    await model.insertMany(docs, { ordered: false });
  } catch (err) {
    // the same change marked twice: its markers exist already (or were counted), nothing is lost
    if (!isDuplicateKey(err)) throw err;
  }
}

/** Deletes exactly the markers a recount read (a few hundred ids per statement; `scope` narrows by equality). */
export async function deleteMarkers(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any marker collection
  model: Model<any>,
  ids: readonly string[],
  scope: Record<string, string> = {},
): Promise<void> {
  for (let i = 0; i < ids.length; i += 200) await model.deleteMany({ ...scope, _id: { $in: ids.slice(i, i + 200) } });
}
