import { defineProject } from 'vitest/config';

// Pure UI logic (access rules, action buttons) is unit-tested here; pages are tested in a real browser (test/e2e).
export default defineProject({
  test: { name: 'admin', include: ['src/**/*.test.{ts,tsx}'], environment: 'node' },
});
