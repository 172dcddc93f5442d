// How the server process is started, in one place: `npm start` (start.mjs), the process tests
// (test/process/server-process.ts) and the scale benchmark (test/bench/scale/server.ts).
//
// The heap limit: V8 sizes its heap from the machine's memory (several GB here) and collects lazily, so
// streaming a 200,000-row drill-down Excel grew the server to 806 MB RSS of mostly garbage (bench:scale,
// 2026-12-03). With a 320 MB old space the same export finished and the process (server and the client
// holding the file) peaked at 343 MB. SERVER_HEAP_MB overrides it for a deployment that needs more.
export const DEFAULT_SERVER_HEAP_MB = 320;

/** The node arguments that run server/src/main.ts (cwd: server/). */
export function serverNodeArgs(env = process.env) {
  const mb = Number(env.SERVER_HEAP_MB ?? DEFAULT_SERVER_HEAP_MB);
  const heap = `--max-old-space-size=${Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_SERVER_HEAP_MB}`;
  // SERVER_CPU_PROF_DIR: a V8 CPU profile of the server, written there when it exits (node refuses
  // --cpu-prof in NODE_OPTIONS); how a bench:scale run finds where the server's own time goes
  const prof = env.SERVER_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.SERVER_CPU_PROF_DIR}`] : [];
  return [heap, ...prof, '--import', 'tsx', 'src/main.ts'];
}
