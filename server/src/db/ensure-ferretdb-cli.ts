// Builds (once) or finds the embedded FerretDB binary and checks the embedded PostgreSQL binaries; used by
// `npm start` / `npm test` / `npm run db:*` before anything waits on them.
import { ensureFerretDbBinary, FerretDbUnavailableError } from './ferretdb-binary.js';
import { postgresBinaries, postgresVersion } from './postgres-binaries.js';

try {
  const bin = ensureFerretDbBinary({ explicit: process.env.FERRETDB_BIN || undefined });
  process.stdout.write(`[db] FerretDB binary: ${bin}\n`);
  if (process.env.EMBEDDED_BACKEND !== 'sqlite') {
    process.stdout.write(`[db] ${postgresVersion()} (${postgresBinaries().nativeDir})\n`);
  }
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(err instanceof FerretDbUnavailableError ? 1 : 2);
}
