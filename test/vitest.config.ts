import { defineProject } from 'vitest/config';

// Cross-package tests: the real server process (start/stop/crash), and browser tests against built apps.
export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'bench/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // browser tests and process tests each start heavy things: keep the 2-core machine from thrashing
    fileParallelism: false,
    // a browser step can miss a wait on a loaded 2-core CI box; one retry, reported as such by vitest
    retry: 1,
  },
});
