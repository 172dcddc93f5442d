import sharp from 'sharp';
import mongoose from 'mongoose';
import { startEmbeddedFerretDb } from '../../server/src/db/embedded-ferretdb.js';
import type { Ack, LoadResult } from './load.js';

/**
 * What "nothing acknowledged is lost" means, checked after the chaos:
 * - through the API (server up): every acknowledged photo is readable and decodes as an image;
 * - in the database (server stopped, the same DATA_DIR opened directly): every acknowledged report exists
 *   exactly once with the body that was sent, no two tickets share an idempotency key, the queue projection
 *   has one row per ticket with the ticket's state and version, and no ticket exists that nobody asked for.
 */

export interface Findings {
  problems: string[];
  tickets: number;
  photosChecked: number;
}

export async function checkPhotos(baseUrl: string, result: LoadResult): Promise<{ problems: string[]; checked: number }> {
  const problems: string[] = [];
  const acked = new Set(result.acks.flatMap((a) => a.photoIds));
  const uploads = result.uploads.filter((u) => acked.has(u.id));
  let checked = 0;
  for (let i = 0; i < uploads.length; i += 8) {
    await Promise.all(
      uploads.slice(i, i + 8).map(async (u) => {
        const res = await fetch(`${baseUrl}/api/v1/files/${u.id}`, { headers: { authorization: `Bearer ${u.token}` }, signal: AbortSignal.timeout(30_000) });
        if (res.status !== 200) return problems.push(`photo ${u.id}: HTTP ${res.status}`);
        const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata().catch(() => null);
        if (!meta?.width) return problems.push(`photo ${u.id}: not an image`);
        checked++;
      }),
    );
  }
  return { problems, checked };
}

export async function checkDatabase(dataDir: string, runTag: string, acks: Ack[]): Promise<Findings> {
  const problems: string[] = [];
  const db = await startEmbeddedFerretDb({ dataDir, log: () => undefined });
  const client = new mongoose.mongo.MongoClient(`${db.uri}chengguantong`);
  try {
    await client.connect();
    const store = client.db('chengguantong');
    const tickets = await store
      .collection('tickets')
      .find({}, { projection: { description: 1, idempotencyKeyId: 1, status: 1, version: 1, trackingNo: 1, photos: 1 } })
      .toArray();
    const ours = tickets.filter((t) => String(t.description).startsWith(runTag));
    const byId = new Map(ours.map((t) => [String(t._id), t]));
    const byKey = new Map<string, number>();
    for (const t of ours) byKey.set(String(t.idempotencyKeyId), (byKey.get(String(t.idempotencyKeyId)) ?? 0) + 1);
    for (const [k, n] of byKey) if (n > 1) problems.push(`idempotency key ${k}: ${n} tickets`);
    const byDescription = new Map<string, number>();
    for (const t of ours) byDescription.set(String(t.description), (byDescription.get(String(t.description)) ?? 0) + 1);
    for (const [d, n] of byDescription) if (n > 1) problems.push(`"${d}" filed ${n} times`);

    for (const a of acks) {
      const t = byId.get(a.ticketId);
      if (!t) problems.push(`acknowledged ${a.trackingNo} (${a.ticketId}) is missing`);
      else if (t.description !== a.description || t.trackingNo !== a.trackingNo) problems.push(`acknowledged ${a.ticketId} holds another report`);
    }
    // a ticket nobody saw acknowledged may exist only for a request that was cut off and then given up — never here
    const ackedIds = new Set(acks.map((a) => a.ticketId));
    for (const t of ours) if (!ackedIds.has(String(t._id))) problems.push(`ticket ${String(t._id)} was never acknowledged`);

    const rows = await store.collection('ticket_queue').find({}, { projection: { status: 1, version: 1 } }).toArray();
    const rowById = new Map(rows.map((r) => [String(r._id), r]));
    for (const t of ours) {
      const r = rowById.get(String(t._id));
      if (!r) problems.push(`ticket ${String(t._id)} has no queue row`);
      else if (r.status !== t.status || r.version !== t.version) problems.push(`queue row of ${String(t._id)}: ${r.status}/v${r.version}, ticket ${t.status}/v${t.version}`);
    }
    return { problems, tickets: ours.length, photosChecked: 0 };
  } finally {
    await client.close().catch(() => undefined);
    await db.stop();
  }
}
