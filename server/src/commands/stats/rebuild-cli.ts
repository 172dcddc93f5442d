// `npm run stats:rebuild` (via scripts/stats-rebuild.mjs): rebuilds the 考核 statistics rows from the tickets'
// histories (commands/stats/rebuild.ts). Which database: MONGODB_URI when set; else DATA_DIR's embedded
// FerretDB — the running server's, when one serves that DATA_DIR, or one started just for this command.
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../config.js';
import { connectDatabase } from '../../db/connect.js';
import { readLiveOwner } from '../../db/embedded-datadir.js';
import { FerretDbUnavailableError } from '../../db/ferretdb-binary.js';
import { ensureGinTwins } from '../../db/postgres-gin-indexes.js';
import type { AppDeps } from '../../deps.js';
import { createModels } from '../../models/index.js';
import { rebuildStats } from './rebuild.js';

const log = (m: string) => process.stdout.write(m + '\n');

async function main(): Promise<void> {
  const config = loadConfig();
  const live = config.MONGODB_URI ? null : readLiveOwner(path.resolve(config.DATA_DIR));
  if (live?.uri) log(`[stats] DATA_DIR ${config.DATA_DIR} is served by process ${live.pid}: using its database`);
  const db = await connectDatabase(live?.uri ? { ...config, MONGODB_URI: live.uri } : config, { dbName: live?.uri ? 'chengguantong' : undefined, log });
  try {
    const models = createModels(db.connection);
    await Promise.all(Object.values(models).map((m) => m.init()));
    const ginTwins = async () => {
      if (db.postgresUrl) await ensureGinTwins(db.postgresUrl, db.connection, Object.values(models), log);
    };
    await ginTwins();
    const deps = { config, connection: db.connection, models, logger: pino({ level: 'warn' }), engine: db.engine, backend: db.backend, now: () => new Date() } as AppDeps;
    // the statistics collections are dropped and made again: their GIN twins go with them
    const r = await rebuildStats(deps, { log, afterClear: ginTwins });
    log(`[stats] rebuilt in ${r.seconds.toFixed(1)} s: ${r.tickets} tickets, ${r.facts} facts, ${r.rows} day/month rows recounted`);
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof FerretDbUnavailableError;
    process.stderr.write(`${known ? (err as Error).message : `stats:rebuild 失败: ${(err as Error).stack ?? String(err)}`}\n`);
    process.exit(1);
  },
);
