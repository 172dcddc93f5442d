import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose from 'mongoose';

/**
 * db:export / db:import: one file per collection, one canonical Extended JSON document per line (the mongodb
 * driver's EJSON, so ObjectId, Date, Long, Binary… come back as the same BSON types), plus manifest.json. Works on
 * any MongoDB-wire server, so it is both the SQLite → PostgreSQL move and the backup/restore path. Both directions
 * stream: a cursor in, a line reader out, never a whole collection in memory.
 */
const { EJSON } = mongoose.mongo.BSON;
type Db = mongoose.mongo.Db;
type Doc = mongoose.mongo.Document;

export const DUMP_FORMAT = 'cgt-ejson-lines/1';
const BATCH = 500;

export interface DumpManifest {
  format: typeof DUMP_FORMAT;
  database: string;
  exportedAt: string;
  source: string;
  collections: { name: string; file: string; count: number; indexes: Doc[] }[];
}

/** Thrown for what the operator must fix (wrong folder, target not empty…); the CLI prints it and exits 1. */
export class DumpError extends Error {}

const fileFor = (collection: string) => `${encodeURIComponent(collection)}.ejson`;

async function userCollections(db: Db): Promise<string[]> {
  const list = await db.listCollections({}, { nameOnly: true }).toArray();
  return list.map((c) => c.name).filter((n) => !n.startsWith('system.')).sort();
}

export async function exportDatabase(
  db: Db,
  dir: string,
  opts: { source?: string; force?: boolean; log?: (m: string) => void } = {},
): Promise<DumpManifest> {
  const log = opts.log ?? (() => undefined);
  if (existsSync(dir) && readdirSync(dir).length > 0 && !opts.force) {
    throw new DumpError(`导出目录 ${dir} 不是空的 (export folder is not empty); 换一个目录或加 --force 覆盖。`);
  }
  ensurePrivateDir(dir); // a backup holds what the database holds: phones, ID numbers
  const manifest: DumpManifest = {
    format: DUMP_FORMAT,
    database: db.databaseName,
    exportedAt: new Date().toISOString(),
    source: opts.source ?? 'unknown',
    collections: [],
  };
  for (const name of await userCollections(db)) {
    const file = fileFor(name);
    const tmp = path.join(dir, `${file}.partial`);
    let count = 0;
    // natural order: a sort would make FerretDB hold the whole collection in its memory. Unpromoted values keep
    // the BSON type (a double 1.0 stays a double, not int32 1; an int64 stays a Long) through canonical EJSON.
    const cursor = db.collection(name).find({}, { batchSize: 1000, promoteValues: false, promoteLongs: false, promoteBuffers: false });
    async function* lines() {
      for await (const doc of cursor) {
        count++;
        yield EJSON.stringify(doc, { relaxed: false }) + '\n';
      }
    }
    await pipeline(Readable.from(lines()), createWriteStream(tmp, { mode: PRIVATE_FILE_MODE }));
    renameSync(tmp, path.join(dir, file)); // a file without .partial is complete
    const indexes = await db.collection(name).indexes().catch(() => [] as Doc[]);
    manifest.collections.push({ name, file, count, indexes });
    log(`  ${name}: ${count}`);
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
  return manifest;
}

function readManifest(dir: string): DumpManifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new DumpError(`${dir} 里没有 manifest.json：不是 db:export 导出的目录 (not a db:export folder)。`);
  const m = JSON.parse(readFileSync(file, 'utf8')) as DumpManifest;
  if (m.format !== DUMP_FORMAT) throw new DumpError(`${file}: 未知格式 ${String(m.format)} (expected ${DUMP_FORMAT})`);
  for (const c of m.collections) {
    if (!existsSync(path.join(dir, c.file))) throw new DumpError(`${dir} 缺少 ${c.file} (集合 ${c.name})：导出不完整。`);
  }
  return m;
}

export async function importDatabase(
  db: Db,
  dir: string,
  opts: { drop?: boolean; log?: (m: string) => void } = {},
): Promise<{ collections: number; documents: number }> {
  const log = opts.log ?? (() => undefined);
  const manifest = readManifest(dir);
  // check every target before writing anything: an import either starts clean or does not start
  const existing = new Set(await userCollections(db));
  const occupied: string[] = [];
  for (const c of manifest.collections) {
    if (existing.has(c.name) && (await db.collection(c.name).findOne({}, { projection: { _id: 1 } }))) occupied.push(c.name);
  }
  if (occupied.length && !opts.drop) {
    throw new DumpError(
      `目标数据库 ${db.databaseName} 中这些集合已有数据 (target collections are not empty): ${occupied.join(', ')}\n` +
        '加 --drop 先清空它们再导入 (add --drop to replace them)。',
    );
  }
  let documents = 0;
  for (const c of manifest.collections) {
    if (opts.drop && existing.has(c.name)) await db.collection(c.name).drop();
    const coll = db.collection(c.name);
    if (c.count === 0) await db.createCollection(c.name).catch(() => undefined); // keep empty collections
    const rl = readline.createInterface({ input: createReadStream(path.join(dir, c.file)), crlfDelay: Infinity });
    let batch: Doc[] = [];
    let n = 0;
    for await (const line of rl) {
      if (!line.trim()) continue;
      batch.push(EJSON.parse(line, { relaxed: false }) as Doc);
      if (batch.length >= BATCH) {
        await coll.insertMany(batch, { ordered: true });
        n += batch.length;
        batch = [];
      }
    }
    if (batch.length) {
      await coll.insertMany(batch, { ordered: true });
      n += batch.length;
    }
    if (n !== c.count) throw new DumpError(`${c.name}: 导入 ${n} 条，manifest 记录 ${c.count} 条 (count mismatch)`);
    documents += n;
    log(`  ${c.name}: ${n}`);
  }
  return { collections: manifest.collections.length, documents };
}
