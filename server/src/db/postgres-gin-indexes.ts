import { createHash } from 'node:crypto';
import type mongoose from 'mongoose';
import pg from 'pg';

/**
 * GIN twins of the declared indexes, for the embedded FerretDB on PostgreSQL.
 *
 * Why this exists: FerretDB v1 stores each collection as a table with one `_jsonb` column and pushes a top-level
 * equality down as `_jsonb->'field' @> value`. Its `createIndexes` makes btree expression indexes on
 * `(_jsonb->'field')`, and a btree cannot serve `@>`: even `find({_id})` is a sequential scan (≈160 ms at 200,000
 * documents). A GIN expression index on `(_jsonb->'field')` serves it (≈2 ms). So for every collection we add a
 * GIN index on `_id` and on each top-level field that appears in a declared index (dotted paths: their first
 * segment, which is what holds the value).
 *
 * Why reaching into FerretDB's storage is safe: FerretDB v1 is final (v1.24.2; v2 is a different product on a
 * PostgreSQL extension), so its layout — PostgreSQL schema = MongoDB database, table per collection named in
 * `<schema>._ferretdb_database_metadata` (`_jsonb->>'_id'` = collection, `_jsonb->>'table'` = table), the
 * `_jsonb` column — will not change under us. FerretDB does not know about these indexes (its listIndexes reads
 * its metadata only), so mongoose never sees or drops them; dropping a collection drops its table and them with it.
 *
 * Idempotent: indexes are named from (table, field) and only missing ones are created, so a restart costs one
 * catalogue query.
 */

const METADATA_TABLE = '_ferretdb_database_metadata';
const NAME_PREFIX = 'cgt_gin_';

/** Top-level fields that deserve a GIN twin in one collection: `_id` and the first segment of every index key. */
export function ginFields(schemas: mongoose.Schema[]): string[] {
  const fields = new Set<string>(['_id']);
  for (const schema of schemas) {
    for (const [keys] of schema.indexes()) {
      for (const [key, kind] of Object.entries(keys as Record<string, unknown>)) {
        if (kind === 'text' || kind === '2dsphere' || kind === '2d') continue; // not equality indexes
        const top = key.split('.')[0];
        // a date is only ever sorted or ranged (which FerretDB does in memory), never matched for equality:
        // a GIN twin on it would only cost every write
        if (top && schema.path(top)?.instance === 'Date') continue;
        if (top) fields.add(top);
      }
    }
  }
  return [...fields].sort();
}

/** Deterministic and ≤ 63 bytes (PostgreSQL's limit); the hash keeps it unique per (table, field). */
export function ginIndexName(table: string, field: string): string {
  const hash = createHash('sha1').update(`${table}\0${field}`).digest('hex').slice(0, 12);
  const readable = field.replace(/[^a-zA-Z0-9_]/g, '_').slice(0, 40);
  return `${NAME_PREFIX}${hash}_${readable}`;
}

export interface GinResult {
  created: string[];
  existing: number;
  ms: number;
}

/** Every model's collection must exist before its table can be found: create those no document has made yet. */
async function ensureCollections(connection: mongoose.Connection, names: string[]): Promise<void> {
  const db = connection.db!;
  const present = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of names) {
    if (present.has(name)) continue;
    try {
      await db.createCollection(name);
    } catch (err) {
      if ((err as { code?: number }).code !== 48) throw err; // 48 NamespaceExists: another start made it first
    }
  }
}

/**
 * Call after the declared indexes are ensured (each model's `init()`). `postgresUrl` is the embedded
 * PostgreSQL's `ferretdb` database (`Database.postgresUrl` from connect.ts).
 */
export async function ensureGinTwins(
  postgresUrl: string,
  connection: mongoose.Connection,
  models: mongoose.Model<any>[],
  log: (m: string) => void = () => undefined,
): Promise<GinResult> {
  const t0 = Date.now();
  const byCollection = new Map<string, mongoose.Schema[]>();
  for (const m of models) {
    const list = byCollection.get(m.collection.collectionName) ?? [];
    list.push(m.schema);
    byCollection.set(m.collection.collectionName, list);
  }
  await ensureCollections(connection, [...byCollection.keys()]);
  const schemaName = connection.db!.databaseName;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const schemaId = client.escapeIdentifier(schemaName);
    const meta = await client.query<{ coll: string; tbl: string }>(
      `SELECT _jsonb->>'_id' AS coll, _jsonb->>'table' AS tbl FROM ${schemaId}.${client.escapeIdentifier(METADATA_TABLE)}`,
    );
    const tableOf = new Map(meta.rows.map((r) => [r.coll, r.tbl]));
    const have = new Set(
      (await client.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [schemaName])).rows.map((r) => r.indexname),
    );
    const created: string[] = [];
    let existing = 0;
    for (const [collection, schemas] of byCollection) {
      const table = tableOf.get(collection);
      if (!table) throw new Error(`FerretDB metadata has no table for collection ${schemaName}.${collection}`);
      for (const field of ginFields(schemas)) {
        const name = ginIndexName(table, field);
        if (have.has(name)) {
          existing++;
          continue;
        }
        // one at a time: building an index over a large table uses a core, and the box has two
        await client.query(
          `CREATE INDEX IF NOT EXISTS ${client.escapeIdentifier(name)} ON ${schemaId}.${client.escapeIdentifier(table)} ` +
            `USING gin ((_jsonb -> ${client.escapeLiteral(field)}))`,
        );
        created.push(`${collection}.${field}`);
      }
    }
    const ms = Date.now() - t0;
    if (created.length) log(`[db] GIN indexes for FerretDB pushdown: created ${created.length}, already there ${existing} (${ms} ms)`);
    return { created, existing, ms };
  } finally {
    await client.end();
  }
}
