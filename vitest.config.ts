import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each project keeps its own config beside its code.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'admin', 'miniapp', 'test'],
    // one real FerretDB for the whole run (each test file then takes its own database); see server/src/testing
    globalSetup: ['./server/src/testing/global-setup.ts'],
  },
});
