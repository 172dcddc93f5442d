import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@cgt/shared/errors/codes';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** Clients branch on error codes: every code the server can send must be in the shared catalogue. */
describe('error catalogue', () => {
  it('lists every error code the server raises', () => {
    const used = new Map<string, string>();
    const pattern = /new AppError\(\s*\d+,\s*'([a-z_]+)'|\bfail\(\s*'([a-z_]+)'/g;
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) used.set(m[1] ?? m[2]!, path.relative(SRC, file));
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter(([code]) => !(code in ERROR_CODES)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('a code answers with one status: a literal status given to AppError is the catalogue\'s', () => {
    const wrong: string[] = [];
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new AppError\(\s*(\d+),\s*'([a-z_]+)'/g)) {
        const entry = ERROR_CODES[m[2] as keyof typeof ERROR_CODES];
        if (entry && entry.status !== Number(m[1])) wrong.push(`${m[2]} ${m[1]}≠${entry.status} (${path.relative(SRC, file)})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
