import { PAGE_CURSOR_RE } from '@cgt/shared/schemas/common';

/**
 * Newest-first pages over documents kept in time buckets (a day, a month), with a cursor instead of a
 * skip count. Why: FerretDB sorts every match of a query in its memory, so "one person's documents,
 * newest first" must not be one query over the person's whole history (a heavy reporter has thousands).
 * Keyed by person × bucket, each query sorts one bucket; the walk stops as soon as the page is full.
 *
 * The cursor is the last item's time plus how many items at exactly that millisecond the pages so far
 * have shown (several documents can share a millisecond); the next page re-reads that millisecond and
 * skips them. Used by the console's alerts (staff × day) and the resident's 我的诉求 (resident × month).
 */

export interface Timed {
  createdAt: Date;
}

export function encodeCursor(at: Date, sameMs: number): string {
  return `${at.getTime()}.${sameMs}`;
}

export function decodeCursor(c: string | undefined | null): { ms: number; skip: number } | null {
  const m = c ? PAGE_CURSOR_RE.exec(c) : null;
  return m ? { ms: Number(m[1]), skip: Number(m[2]) } : null;
}

export interface NewestFirstWalk<T extends Timed> {
  /** the buckets to visit, newest first */
  buckets: readonly string[];
  /** the bucket a time falls in (to start at the cursor's bucket) */
  bucketOf: (at: Date) => string;
  /** one bucket's documents newest first (sorted by createdAt desc, then _id desc), at most `limit`, not after `notAfter` */
  read: (bucket: string, notAfter: Date | null, limit: number) => Promise<T[]>;
  cursor?: string | null;
  pageSize: number;
}

export async function newestFirstPage<T extends Timed>(w: NewestFirstWalk<T>): Promise<{ items: T[]; nextCursor: string | null }> {
  const cursor = decodeCursor(w.cursor);
  const cursorAt = cursor ? new Date(cursor.ms) : null;
  const startBucket = cursorAt ? w.bucketOf(cursorAt) : null;
  const rows: T[] = [];
  let started = !startBucket;
  for (const bucket of w.buckets) {
    if (!started) {
      if (bucket !== startBucket && bucket > startBucket!) continue;
      started = true;
    }
    const skipSame = cursor && bucket === startBucket ? cursor.skip : 0;
    const page = await w.read(bucket, cursorAt, w.pageSize + 1 - rows.length + skipSame);
    let skipped = 0;
    for (const r of page) {
      if (cursor && r.createdAt.getTime() === cursor.ms && skipped < skipSame) {
        skipped++;
        continue;
      }
      rows.push(r);
    }
    if (rows.length > w.pageSize) break;
  }
  const items = rows.slice(0, w.pageSize);
  if (rows.length <= w.pageSize) return { items, nextCursor: null };
  const last = items[items.length - 1]!.createdAt.getTime();
  const sameMs = items.filter((r) => r.createdAt.getTime() === last).length;
  // items of earlier pages at that same millisecond are skipped again too
  const carried = cursor && cursor.ms === last ? cursor.skip : 0;
  return { items, nextCursor: encodeCursor(new Date(last), sameMs + carried) };
}
