// `npm run db:export -- <dir>` / `npm run db:import -- <dir>` (via scripts/db.mjs). Which database:
// MONGODB_URI when set (any MongoDB-wire server: the backup/restore path); else DATA_DIR's embedded FerretDB —
// the running server's, when one serves that DATA_DIR, or one started just for this command.
import path from 'node:path';
import mongoose from 'mongoose';
import { ConfigError, parseEnv } from '../config.js';
import { DumpError, exportDatabase, importDatabase } from './dump.js';
import { hasPostgresCluster, hasSqliteData, readLiveOwner, type EmbeddedBackend } from './embedded-datadir.js';
import { startEmbeddedFerretDb, type EmbeddedDb } from './embedded-ferretdb.js';
import { FerretDbUnavailableError } from './ferretdb-binary.js';

const USAGE = `用法 (usage):
  npm run db:export -- <目录/dir> [--db NAME] [--force]   导出每个集合为一个 Extended JSON 文件
  npm run db:import -- <目录/dir> [--db NAME] [--drop]    导入；目标集合非空时拒绝，除非 --drop
数据库: MONGODB_URI (若设置)，否则 DATA_DIR (默认 ./data) 的内嵌数据库。`;

const EMBEDDED_DB_NAME = 'chengguantong';
const log = (m: string) => process.stdout.write(m + '\n');

function parseArgs(argv: string[]) {
  const [mode, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--') && a !== '--db'));
  const dbAt = rest.indexOf('--db');
  const dbName = dbAt >= 0 ? rest[dbAt + 1] : undefined;
  const positional = rest.filter((a, i) => !a.startsWith('--') && !(dbAt >= 0 && i === dbAt + 1));
  if ((mode !== 'export' && mode !== 'import') || positional.length !== 1) throw new DumpError(USAGE);
  for (const f of flags) if (!['--force', '--drop'].includes(f)) throw new DumpError(`未知参数 ${f}\n${USAGE}`);
  return { mode, dir: path.resolve(positional[0]!), dbName, force: flags.has('--force'), drop: flags.has('--drop') };
}

/**
 * Export reads what DATA_DIR holds: its PostgreSQL cluster, or — a SQLite-era DATA_DIR — FerretDB on SQLite.
 * Import writes into the engine the server will use (EMBEDDED_BACKEND, default postgresql), and is allowed on a
 * SQLite-era DATA_DIR: that is the move.
 */
function backendFor(mode: 'export' | 'import', dataDir: string, configured: EmbeddedBackend): EmbeddedBackend {
  if (mode === 'import' || process.env.EMBEDDED_BACKEND) return configured;
  if (hasPostgresCluster(dataDir)) return 'postgresql';
  if (hasSqliteData(dataDir)) return 'sqlite';
  throw new DumpError(`DATA_DIR ${dataDir} 里没有内嵌数据库的数据 (no embedded database data to export)。`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const env = parseEnv();
  let uri = env.MONGODB_URI;
  let embedded: EmbeddedDb | null = null;
  let source = 'MONGODB_URI';
  let dbName = args.dbName;
  if (!uri) {
    const dataDir = path.resolve(env.DATA_DIR);
    dbName ??= EMBEDDED_DB_NAME;
    const live = readLiveOwner(dataDir);
    if (live?.uri) {
      log(`[db] DATA_DIR ${dataDir} is served by process ${live.pid}: using its FerretDB (${live.backend})`);
      uri = live.uri;
      source = `ferretdb/${live.backend} (running server)`;
    } else {
      const backend = backendFor(args.mode as 'export' | 'import', dataDir, env.EMBEDDED_BACKEND);
      embedded = await startEmbeddedFerretDb({ dataDir, backend, binary: env.FERRETDB_BIN, log, allowSqliteEra: true });
      uri = embedded.uri;
      source = `ferretdb/${backend}`;
    }
  }
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const db = client.db(dbName);
    const t0 = Date.now();
    if (args.mode === 'export') {
      log(`[db] exporting ${db.databaseName} (${source}) to ${args.dir}`);
      const m = await exportDatabase(db, args.dir, { source, force: args.force, log });
      const docs = m.collections.reduce((s, c) => s + c.count, 0);
      log(`[db] exported ${m.collections.length} collections, ${docs} documents in ${Date.now() - t0} ms`);
    } else {
      log(`[db] importing ${args.dir} into ${db.databaseName} (${source})`);
      const r = await importDatabase(db, args.dir, { drop: args.drop, log });
      log(`[db] imported ${r.collections} collections, ${r.documents} documents in ${Date.now() - t0} ms`);
    }
  } finally {
    await client.close().catch(() => undefined);
    await embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const known = err instanceof DumpError || err instanceof ConfigError || err instanceof FerretDbUnavailableError;
    process.stderr.write(`${known ? (err as Error).message : `db:${process.argv[2] ?? ''} 失败: ${(err as Error).stack ?? String(err)}`}\n`);
    process.exit(1);
  },
);
