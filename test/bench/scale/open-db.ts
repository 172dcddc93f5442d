/**
 * The seeding process's own connection to DATA_DIR's embedded database, set up the way boot.ts sets up
 * the server's (config from the same environment, models and their indexes, the shipped seed, the demo
 * staff), so the database it leaves behind is one `DATA_DIR=… npm start` serves as is.
 */
import { loadConfig } from '../../../server/src/config.js';
import { connectDatabase, type Database } from '../../../server/src/db/connect.js';
import { ensureGinTwins } from '../../../server/src/db/postgres-gin-indexes.js';
import type { AppDeps } from '../../../server/src/deps.js';
import { createLogger } from '../../../server/src/logger.js';
import { createModels } from '../../../server/src/models/index.js';
import { loadSeed } from '../../../server/src/seed/load-seed.js';
import { ensureDemoStaff } from '../../../server/src/seed/demo-staff.js';
import type { StaffPrincipal } from '../../../server/src/http/auth.js';
import type { Staffing } from './history.js';

export interface SeedEnv {
  deps: AppDeps;
  db: Database;
  staffing: Staffing;
  /** the demo accounts by username (ids differ per database) */
  staff: Map<string, StaffPrincipal>;
  /** boot.ts's GIN twins (PostgreSQL only), so that what runs afterwards is index-served as in the server */
  ginTwins(): Promise<void>;
  close(): Promise<void>;
}

/** The environment both this process and the server it starts later read (same DATA_DIR, same backend). */
export function serverEnv(dataDir: string, backend: string | undefined): Record<string, string> {
  return { DATA_DIR: dataDir, MONGODB_URI: '', ...(backend ? { EMBEDDED_BACKEND: backend } : {}) };
}

export async function openSeedEnv(dataDir: string, backend: string | undefined, opts: { monitorCommands?: boolean } = {}): Promise<SeedEnv> {
  const env = { ...process.env, ...serverEnv(dataDir, backend), LOG_LEVEL: 'warn' };
  const config = loadConfig(env);
  const logger = createLogger('warn');
  const db = await connectDatabase(config, { log: () => undefined, monitorCommands: opts.monitorCommands });
  const models = createModels(db.connection);
  // the same indexes the server declares (unique ones included) before the data goes in; on PostgreSQL the
  // GIN twins come later (ginTwins()): one CREATE INDEX over a loaded table is many times cheaper than
  // maintaining a GIN index row by row, and it is what boot.ts does to a database that lacks them
  await Promise.all(Object.values(models).map((m) => m.init()));
  const deps: AppDeps = { config, connection: db.connection, models, logger, engine: db.engine, backend: db.backend, now: () => new Date() };
  await loadSeed(models, logger);
  await ensureDemoStaff(models);

  const users = await models.StaffUser.find({}, { username: 1, displayName: 1, roles: 1, districtCodes: 1, departmentIds: 1 }).lean();
  const staff = new Map<string, StaffPrincipal>(
    users.map((u) => [
      u.username,
      { kind: 'staff', userId: String(u._id), username: u.username, displayName: u.displayName, roles: u.roles, districtCodes: u.districtCodes, departmentIds: u.departmentIds },
    ]),
  );
  const depts = await models.Department.find({ active: { $ne: false } }, { name: 1, districtCode: 1 }).lean();
  const byArea = new Map<string, { id: string; name: string }[]>();
  for (const d of depts) byArea.set(d.districtCode, [...(byArea.get(d.districtCode) ?? []), { id: String(d._id), name: d.name }]);
  // a demo handler account stands for its department; every other department gets a stand-in handler
  const handlerByDept = new Map<string, StaffPrincipal>();
  for (const p of staff.values()) if (p.roles.includes('handler')) for (const id of p.departmentIds) handlerByDept.set(id, p);
  const city = staff.get('zhihui');
  if (!city) throw new Error('demo staff missing: ensureDemoStaff did not create zhihui');
  const dispatchers = [...staff.values()].filter((p) => p.roles.includes('dispatcher') && p.districtCodes.length > 0);

  const staffing: Staffing = {
    dispatcherFor: (code) => dispatchers.find((p) => p.districtCodes.includes(code)) ?? city,
    handlerFor: (dept) =>
      handlerByDept.get(dept.id) ?? {
        kind: 'staff',
        userId: `handler-${dept.id}`,
        username: `handler-${dept.id}`,
        displayName: `${dept.name}·处置员`,
        roles: ['handler'],
        districtCodes: [],
        departmentIds: [dept.id],
      },
    departmentsOf: (code) => byArea.get(code) ?? [],
  };
  const ginTwins = async () => {
    if (db.postgresUrl) await ensureGinTwins(db.postgresUrl, db.connection, Object.values(models));
  };
  return { deps, db, staffing, staff, ginTwins, close: () => db.close() };
}
