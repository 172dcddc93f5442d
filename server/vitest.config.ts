import { defineProject } from 'vitest/config';

// Route tests run the real Koa app against one real FerretDB per run (global setup), a database per file.
export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'seed/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
