import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedFerretDb } from '../db/embedded-ferretdb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

/**
 * One real FerretDB per test run (each test file then takes a database of its own). With MONGODB_URI set,
 * the tests run against that server instead: the same suite checks real MongoDB.
 */
export default async function setup(project: TestProject) {
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    return;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cgt-test-db-'));
  const db = await startEmbeddedFerretDb({ dataDir, log: () => undefined, binary: process.env.FERRETDB_BIN || undefined });
  project.provide('mongoUri', db.uri);
  return async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
