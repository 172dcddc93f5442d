import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../testing/harness.js';
import { createApp } from '../../app.js';

/** The OpenAPI document is generated from defineRoute: this proves no route slipped past it. */
describe('OpenAPI coverage', () => {
  it('documents every /api route the router serves (method + path)', async () => {
    const t = await startTestServer({ seed: false });
    try {
      const { router } = createApp(t.deps);
      const doc = (await t.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      const undocumented: string[] = [];
      for (const layer of router.stack) {
        const p = String(layer.path);
        if (!p.startsWith('/api/') && p !== '/healthz') continue;
        if (p === '/api/v1/openapi.json' || p.startsWith('/api/docs')) continue; // the docs themselves
        const oaPath = p.replace(/:([A-Za-z_]+)/g, '{$1}');
        for (const m of layer.methods) {
          if (m === 'HEAD') continue;
          if (!doc.paths[oaPath]?.[m.toLowerCase()]) undocumented.push(`${m} ${p}`);
        }
      }
      expect(undocumented).toEqual([]);
      expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
