import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { startEmbeddedFerretDb, type EmbeddedDb } from './embedded-ferretdb.js';

export interface Database {
  connection: mongoose.Connection;
  engine: 'ferretdb' | 'mongodb';
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
  config: Pick<Config, 'MONGODB_URI' | 'DATA_DIR' | 'FERRETDB_BIN'>,
  opts: { dbName?: string; log?: (m: string) => void } = {},
): Promise<Database> {
  let embedded: EmbeddedDb | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    embedded = await startEmbeddedFerretDb({ dataDir: config.DATA_DIR, binary: config.FERRETDB_BIN, log: opts.log });
    uri = embedded.uri;
  }
  const connection = mongoose.createConnection(uri, {
    dbName: opts.dbName ?? (config.MONGODB_URI ? undefined : 'chengguantong'),
    serverSelectionTimeoutMS: 5_000,
    autoIndex: true,
  });
  try {
    await connection.asPromise();
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const { engine } = await detectEngine(connection);
  return {
    connection,
    engine,
    embedded,
    close: async () => {
      await connection.close().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
