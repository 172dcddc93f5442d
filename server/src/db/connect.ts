import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { startEmbeddedFerretDb, type EmbeddedBackend, type EmbeddedDb } from './embedded-ferretdb.js';

/** What stores the documents: the embedded FerretDB's backend, or MongoDB itself; unknown for an external FerretDB. */
export type DbBackend = EmbeddedBackend | 'mongodb' | 'unknown';

export interface Database {
  connection: mongoose.Connection;
  engine: 'ferretdb' | 'mongodb';
  backend: DbBackend;
  /**
   * postgres://… of the embedded PostgreSQL's `ferretdb` database (FerretDB keeps MongoDB database `x` in schema
   * `x`); null unless the embedded engine runs on PostgreSQL. Used for the GIN twins; tests read it too.
   */
  postgresUrl: string | null;
  embedded: EmbeddedDb | null;
  close(): Promise<void>;
}

/** FerretDB answers buildInfo with a `ferretdbVersion` field; MongoDB does not. */
export async function detectEngine(conn: mongoose.Connection): Promise<{ engine: 'ferretdb' | 'mongodb'; version: string }> {
  const info = (await conn.db!.admin().command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
  if (info.ferretdbVersion) return { engine: 'ferretdb', version: info.ferretdbVersion };
  return { engine: 'mongodb', version: info.version ?? 'unknown' };
}

export async function connectDatabase(
  config: Pick<Config, 'MONGODB_URI' | 'DATA_DIR' | 'FERRETDB_BIN'> & Partial<Pick<Config, 'EMBEDDED_BACKEND'>>,
  /** monitorCommands: the driver emits command events (the scale benchmark's profiler listens) */
  opts: { dbName?: string; log?: (m: string) => void; allowSqliteEra?: boolean; monitorCommands?: boolean } = {},
): Promise<Database> {
  let embedded: EmbeddedDb | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    embedded = await startEmbeddedFerretDb({
      dataDir: config.DATA_DIR,
      backend: config.EMBEDDED_BACKEND ?? 'postgresql',
      binary: config.FERRETDB_BIN,
      log: opts.log,
      allowSqliteEra: opts.allowSqliteEra,
    });
    uri = embedded.uri;
  }
  const connection = mongoose.createConnection(uri, {
    dbName: opts.dbName ?? (config.MONGODB_URI ? undefined : 'chengguantong'),
    serverSelectionTimeoutMS: 5_000,
    autoIndex: true,
    monitorCommands: opts.monitorCommands ?? false,
  });
  try {
    await connection.asPromise();
    const { engine } = await detectEngine(connection);
    const backend: DbBackend = embedded ? embedded.backend : engine === 'mongodb' ? 'mongodb' : 'unknown';
    return {
      connection,
      engine,
      backend,
      postgresUrl: embedded?.postgresUrl ?? null,
      embedded,
      close: async () => {
        await connection.close().catch(() => undefined);
        await embedded?.stop();
      },
    };
  } catch (err) {
    await connection.close().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
}
