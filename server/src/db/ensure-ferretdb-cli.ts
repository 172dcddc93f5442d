// Builds (once) or finds the embedded FerretDB binary; used by `npm start` / `npm test` before anything waits on it.
import { ensureFerretDbBinary, FerretDbUnavailableError } from './ferretdb-binary.js';

try {
  const bin = ensureFerretDbBinary({ explicit: process.env.FERRETDB_BIN || undefined });
  process.stdout.write(`[db] FerretDB binary: ${bin}\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(err instanceof FerretDbUnavailableError ? 1 : 2);
}
