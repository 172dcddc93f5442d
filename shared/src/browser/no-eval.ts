import { z } from 'zod';

/**
 * Called first by the console and the H5 app. zod 4 compiles object parsers with `new Function` when it
 * may, and probes whether it may by calling it: under our Content-Security-Policy (`script-src 'self'`, no
 * eval: server/src/http/security-headers.ts) that probe is a reported violation (and the mini-program
 * forbids eval anyway). Jitless parsing is the same validation without generated code, fast enough for
 * forms. A function, not an import for its side effect: shared/ is `sideEffects: false`, so a bundler
 * would drop such an import.
 */
export function parseWithoutEval(): void {
  z.config({ jitless: true });
}
