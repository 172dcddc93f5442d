import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';

/** Every `pattern` in the document, with where it sits. */
function patterns(node: unknown, at = '$'): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((v, i) => patterns(v, `${at}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'pattern' && typeof v === 'string' ? [[at, v] as [string, string]] : patterns(v, `${at}.${k}`),
  );
}

/** The published document is what clients generate code from: it must be valid and say what the server checks. */
describe('OpenAPI document', () => {
  let t: TestServer;
  let doc: Record<string, any>;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
    doc = (await t.request('GET', '/api/v1/openapi.json')).body;
  });
  afterAll(async () => t.close());

  it('is a valid OpenAPI 3 document', async () => {
    // the validator dereferences in place: give it a copy
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('every pattern is an ECMA regex as written, without /slashes/ or flags pasted in', () => {
    const all = patterns(doc);
    expect(all.length).toBeGreaterThan(10);
    const broken = all.filter(([, p]) => {
      try {
        new RegExp(p, 'u');
      } catch {
        return true;
      }
      return /(?<!\\)\/[dgimsuvy]*$/.test(p) || p.startsWith('/');
    });
    expect(broken).toEqual([]);
  });

  it('ids the server reads as ObjectIds are published as ObjectIds, path parameters included', () => {
    const objectId = '^[0-9a-fA-F]{24}$';
    const params = (path: string, method: string) => (doc.paths[path][method].parameters ?? []) as { in: string; name: string; schema: { pattern?: string } }[];
    for (const [path, method] of [
      ['/api/v1/admin/toilets/{id}', 'patch'],
      ['/api/v1/parking/{id}/occupancy', 'put'],
    ] as const) {
      const id = params(path, method).find((p) => p.in === 'path' && p.name === 'id');
      expect(id?.schema.pattern, `${method} ${path}`).toBe(objectId);
    }
    // every 24-hex pattern in the document is the one ObjectId rule
    const hex24 = patterns(doc).filter(([, p]) => /\{24\}/.test(p) && /a-f/i.test(p) && !/cgt/.test(p));
    expect(hex24.filter(([, p]) => p !== objectId)).toEqual([]);
  });
});
