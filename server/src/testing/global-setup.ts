import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedFerretDb } from '../db/embedded-ferretdb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    /** the embedded PostgreSQL's `ferretdb` database (schema per test database); '' when not on PostgreSQL */
    postgresUrl: string;
    /** what stores the documents: 'postgresql' | 'sqlite' (embedded) or 'external' (MONGODB_URI) */
    dbBackend: string;
  }
}

/**
 * One real FerretDB per test run, on PostgreSQL as `npm start` runs it (each test file then takes a database of
 * its own; `EMBEDDED_BACKEND=sqlite` runs the suite on SQLite). With MONGODB_URI set, the tests run against that
 * server instead: the same suite checks real MongoDB.
 */
export default async function setup(project: TestProject) {
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    project.provide('postgresUrl', '');
    project.provide('dbBackend', 'external');
    return;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cgt-test-db-'));
  const backend = process.env.EMBEDDED_BACKEND === 'sqlite' ? 'sqlite' : 'postgresql';
  const db = await startEmbeddedFerretDb({
    dataDir,
    backend,
    log: () => undefined,
    binary: process.env.FERRETDB_BIN || undefined,
    ephemeral: true,
  });
  project.provide('mongoUri', db.uri);
  project.provide('postgresUrl', db.postgresUrl ?? '');
  project.provide('dbBackend', backend);
  return async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
