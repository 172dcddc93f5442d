import { defineProject } from 'vitest/config';

// Pure logic of the mini-program (drafts, validation, formatting); screens are checked in a browser (test/e2e).
export default defineProject({
  test: { name: 'miniapp', include: ['src/**/*.test.ts'], environment: 'node' },
});
