import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { DbBackend } from './db/connect.js';
import type { Models } from './models/index.js';

/** What route handlers, commands and jobs may use. Built once in main.ts (or per test file). */
export interface AppDeps {
  config: Config;
  connection: Connection;
  models: Models;
  logger: Logger;
  engine: 'ferretdb' | 'mongodb';
  /** what stores the documents (/healthz reports it); optional so that benchmarks may build deps without it */
  backend?: DbBackend;
  /** injectable clock so SLA and lockout logic can be tested */
  now: () => Date;
  /**
   * The clock of session timeouts (services/staff-sessions.ts): wall time, like the `exp` of a token,
   * and not `now`, which tests move by days for deadlines while their staff tokens must stay valid.
   * Absent = real time; a session test sets it.
   */
  wallClock?: () => Date;
}
