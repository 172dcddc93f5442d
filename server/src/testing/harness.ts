import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import { inject } from 'vitest';
import { createApp } from '../app.js';
import { parseEnv, type Config } from '../config.js';
import type { AppDeps } from '../deps.js';
import { createModels } from '../models/index.js';
import { loadSeed } from '../seed/load-seed.js';
import { declaredPlan, recordQueries } from '../db/index-plan.js';

export interface TestServer {
  url: string;
  deps: AppDeps;
  /** every hot-path query this server issued, and those the declared index plan does not cover */
  queries: ReturnType<typeof recordQueries>;
  /** fetch relative to the server, JSON in and out */
  request(method: string, path: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * Abuse limits high enough for a test that files many reports, complaints or demo logins as one resident
 * or from one IP because it is about something else: `startTestServer({ env: { ...RAISED_LIMITS } })`.
 * Without it a test server runs with the product's default limits (config.ts).
 */
export const RAISED_LIMITS: Record<string, string> = {
  REPORTS_PER_HOUR_PER_RESIDENT: '100000',
  REPORTS_PER_HOUR_PER_IP: '100000',
  COMPLAINTS_PER_DAY_PER_RESIDENT: '100000',
  DEMO_LOGINS_PER_MINUTE_PER_IP: '100000',
};

/** A fresh database on the run's FerretDB, a real Koa app on port 0. `now` may be replaced to move the clock. */
export async function startTestServer(opts: { seed?: boolean; env?: Record<string, string>; now?: () => Date } = {}): Promise<TestServer> {
  const uri = inject('mongoUri');
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  const connection = await mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5000 }).asPromise();
  const models = createModels(connection);
  await Promise.all(Object.values(models).map((m) => m.init()));
  // the guard of the index plan (db/index-plan.ts): close() fails the test file on an uncovered query
  const queries = recordQueries(connection, declaredPlan(models));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cgt-test-data-'));
  const env = parseEnv({ DATA_DIR: dataDir, JWT_SECRET: randomBytes(32).toString('hex'), PII_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', ...opts.env });
  const config: Config = { ...env, DATA_DIR: dataDir, JWT_SECRET: env.JWT_SECRET!, PII_KEY: env.PII_KEY! };
  const dbBackend = inject('dbBackend');
  const backend = dbBackend === 'postgresql' || dbBackend === 'sqlite' ? dbBackend : 'unknown';
  const deps: AppDeps = { config, connection, models, logger, engine: 'ferretdb', backend, now: opts.now ?? (() => new Date()) };
  if (opts.seed !== false) await loadSeed(models, logger);
  const { app } = createApp(deps);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    deps,
    queries,
    async request(method, p, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      }
      const res = await fetch(url + p, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
      const bad = queries.violations();
      if (bad.length) throw new Error(`queries not covered by the declared index plan:\n${bad.join('\n')}`);
    },
  };
}
