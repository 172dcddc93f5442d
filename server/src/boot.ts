import type { Server } from 'node:http';
import { createApp } from './app.js';
import { drainOnClose } from './http/graceful-close.js';
import { loadConfig, type Config } from './config.js';
import { connectDatabase, type Database } from './db/connect.js';
import { ensureGinTwins } from './db/postgres-gin-indexes.js';
import type { AppDeps } from './deps.js';
import { createLogger } from './logger.js';
import { createModels } from './models/index.js';
import { ensureInitialAdmin, initialPasswordFile } from './seed/initial-admin.js';
import { loadSeed } from './seed/load-seed.js';
import { DEMO_PASSWORD, ensureDemoStaff } from './seed/demo-staff.js';
import { ensureDemoTickets } from './seed/demo-tickets.js';
import { ensureDemoHistory } from './seed/demo-history.js';
import { startScheduler } from './jobs/scheduler.js';
import { backfillOpen311Rows, repackOpen311Rows } from './commands/open311/backfill-rows.js';
import { repackStatRows } from './commands/stats/repack-rows.js';
import { checkPiiKeys } from './services/pii-keys.js';
import { migrateLegacyPii } from './commands/pii/migrate-legacy.js';
import { backfillAlertDays } from './commands/notifications/staff-alerts.js';
import { backfillCitizenMonthGroups, backfillCitizenMonths } from './commands/tickets/my-reports.js';

export interface RunningServer {
  config: Config;
  db: Database;
  server: Server;
  url: string;
  deps: AppDeps;
  stop(): Promise<void>;
}

/** Starts database, seed, app and HTTP listener; returns a handle whose stop() undoes all of it in order. */
export async function boot(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const config = loadConfig(env);
  const logger = createLogger(config.LOG_LEVEL);
  const db = await connectDatabase(config, { log: (m) => logger.info(m) });
  try {
    const models = createModels(db.connection);
    await Promise.all(Object.values(models).map((m) => m.init()));
    // FerretDB on PostgreSQL cannot serve its own pushed-down filters from the indexes just ensured: add GIN twins
    if (db.postgresUrl) await ensureGinTwins(db.postgresUrl, db.connection, Object.values(models), (m) => logger.info(m));
    const deps: AppDeps = { config, connection: db.connection, models, logger, engine: db.engine, backend: db.backend, now: () => new Date() };
    await loadSeed(models, logger);
    // a stored ID number under a key we do not have is a refusal to start, not a silent "not found"
    const pii = await checkPiiKeys(deps);
    // ID numbers of before PII_KEY (key from JWT_SECRET): re-encrypted and re-indexed before serving, once
    await migrateLegacyPii(deps, (m) => logger.warn(m));
    if (pii.pending.length) logger.warn({ kids: pii.pending }, 'ID numbers under an older PII key: run `npm run pii:rotate`');
    const admin = await ensureInitialAdmin(models, config, (msg) => process.stdout.write(msg + '\n'));
    if (config.DEMO_DATA) {
      // demo accounts and tickets so every screen has something to show; never on unless asked for
      const staff = await ensureDemoStaff(models);
      const tickets = await ensureDemoTickets(deps);
      // 【演示】 six months of history for the 考核 dashboard: only into the demo database the live demo tickets
      // were made in (they are made only into an empty one), never beside real or benchmark tickets
      const demoDb = await models.SeedStamp.exists({ _id: 'demo-tickets' });
      const history = demoDb ? await ensureDemoHistory(deps, (m) => process.stdout.write(m + '\n')) : 0;
      if (staff.length || tickets || history) logger.info({ staff, tickets, history }, 'demo data loaded');
      process.stdout.write(`[demo] 演示账号（密码均为 ${DEMO_PASSWORD}）: zhihui 调度员, junshan.zhongdui 君山区处置员, xinfang 信访办, lingdao 只读\n`);
    }
    const { app } = createApp(deps);
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      s.once('error', reject);
    });
    const scheduler = startScheduler(deps);
    // tickets filed before the Open311 read rows existed get theirs, in the background (once)
    void backfillOpen311Rows(deps)
      .then((n) => n && logger.info({ rows: n }, 'open311 rows backfilled'))
      // …and the rows of the default window written before packing are packed (once)
      .then(() => repackOpen311Rows(deps))
      .then(
        (n) => n && logger.info({ rows: n }, 'open311 rows packed'),
        (err: unknown) => logger.error({ err }, 'open311 row backfill or repack failed'),
      );
    // 考核 rows written before their sums were packed are rewritten packed (once; readers take both forms)
    void repackStatRows(deps).then(
      (n) => n && logger.info({ rows: n }, 'statistics rows packed'),
      (err: unknown) => logger.error({ err }, 'statistics row repack failed'),
    );
    // alerts raised before they carried day keys get them (once)
    void backfillAlertDays(deps).catch((err: unknown) => logger.error({ err }, 'staff alert day backfill failed'));
    // 我的诉求's month keys for tickets filed before they existed (once; the list reads by resident until then)
    void backfillCitizenMonths(deps).then(
      (n) => n && logger.info({ rows: n }, 'citizen months backfilled'),
      (err: unknown) => logger.error({ err }, 'citizen month backfill failed'),
    );
    // …and the 我的诉求 tab keys (once; a tab narrows the month query by its states until then)
    void backfillCitizenMonthGroups(deps).then(
      (n) => n && logger.info({ rows: n }, 'citizen month tab keys backfilled'),
      (err: unknown) => logger.error({ err }, 'citizen month tab key backfill failed'),
    );
    const drain = drainOnClose(server);
    server.requestTimeout = 60_000;
    server.headersTimeout = 20_000;
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    const url = `http://127.0.0.1:${port}`;
    logger.info({ url, engine: db.engine, backend: db.backend, admin: admin.username, adminPasswordFile: initialPasswordFile(config.DATA_DIR) }, 'server listening');
    return {
      config,
      db,
      server,
      url,
      deps,
      stop: async () => {
        // HTTP drain and the jobs' grace run side by side: SIGTERM to exit stays within 10 s
        await Promise.all([drain.close(), scheduler.stop()]);
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
