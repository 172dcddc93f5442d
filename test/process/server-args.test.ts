import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_HEAP_MB, serverNodeArgs } from '../../scripts/server-args.mjs';
import { spawnServer } from './server-process.js';
import { readFileSync } from 'node:fs';

/** Every way of starting the server runs it with the heap limit (scripts/server-args.mjs says why). */
describe('serverNodeArgs', () => {
  it('limits the old space, SERVER_HEAP_MB overrides, nonsense falls back', () => {
    expect(serverNodeArgs({})).toEqual([`--max-old-space-size=${DEFAULT_SERVER_HEAP_MB}`, '--import', 'tsx', 'src/main.ts']);
    expect(serverNodeArgs({ SERVER_HEAP_MB: '1024' })[0]).toBe('--max-old-space-size=1024');
    expect(serverNodeArgs({ SERVER_HEAP_MB: 'lots' })[0]).toBe(`--max-old-space-size=${DEFAULT_SERVER_HEAP_MB}`);
    expect(serverNodeArgs({ SERVER_CPU_PROF_DIR: '/tmp/p' }).slice(1, 3)).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p']);
  });

  it('a spawned server process carries it', async () => {
    // a bad MONGODB_URI makes it exit soon: only its command line is looked at
    const s = await spawnServer({ MONGODB_URI: 'mongodb://127.0.0.1:1/x', SERVER_HEAP_MB: '300' });
    try {
      const cmdline = readFileSync(`/proc/${s.child.pid}/cmdline`, 'utf8').split('\0');
      expect(cmdline).toContain('--max-old-space-size=300');
    } finally {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  });
});
