import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The server's layers, checked on the import graph: HTTP routes sit on top (only app.ts mounts them),
 * commands do the writes and return records (the routes present them), jobs and seeds call commands.
 */

const SRC = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

const SPECIFIER = /(?:from\s+|import\s*\(\s*|vi\.mock\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every relative import of a file, as a path relative to server/src (e.g. routes/uploads/routes.ts). */
export function importsOf(text: string, file: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => relative(SRC, resolve(dirname(file), m[1]!)).replace(/\.js$/, '.ts'));
}

const graph = sourceFiles(SRC).map((file) => {
  const path = relative(SRC, file);
  return { path, imports: importsOf(readFileSync(file, 'utf8'), file) };
});

const under = (path: string, dir: string) => path.startsWith(`${dir}/`);

function violations(from: (path: string) => boolean, to: (target: string) => boolean): string[] {
  return graph.filter((f) => from(f.path)).flatMap((f) => f.imports.filter(to).map((t) => `${f.path} → ${t}`));
}

describe('server layering', () => {
  it('reads the imports of the source tree', () => {
    const app = graph.find((f) => f.path === 'app.ts');
    expect(app?.imports).toContain('routes/uploads/routes.ts');
    expect(importsOf("import { x } from '../routes/a/b.js';", join(SRC, 'jobs/j.ts'))).toEqual(['routes/a/b.ts']);
  });

  it('nothing outside routes/ imports from routes/ except app.ts', () => {
    expect(violations((p) => !under(p, 'routes') && p !== 'app.ts', (t) => under(t, 'routes'))).toEqual([]);
  });

  it('commands import no presenter', () => {
    expect(violations((p) => under(p, 'commands'), (t) => under(t, 'presenters'))).toEqual([]);
  });

  it('jobs and seeds import nothing from routes/', () => {
    expect(violations((p) => under(p, 'jobs') || under(p, 'seed'), (t) => under(t, 'routes'))).toEqual([]);
  });

  it('route modules write nothing and audit no write themselves: the commands do', () => {
    const WRITE = /\.(?:create|insertMany|updateOne|updateMany|deleteOne|deleteMany|findOneAndUpdate|findOneAndDelete|replaceOne|bulkWrite)\(|\brecordAudit\(/;
    expect(WRITE.test('await deps.models.Department.create({ name })')).toBe(true);
    const offenders = sourceFiles(join(SRC, 'routes'))
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (WRITE.test(line) ? [`${relative(SRC, f)}:${i + 1}`] : [])));
    expect(offenders).toEqual([]);
  });

  it('presenters have one home: presenters/', () => {
    expect(graph.filter((f) => under(f.path, 'routes') && /presenters?\.ts$/.test(f.path)).map((f) => f.path)).toEqual([]);
  });
});
