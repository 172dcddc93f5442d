import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { rebuildStats } from './rebuild.js';

/**
 * A rebuild starts from empty statistics collections however many facts they hold. FerretDB on PostgreSQL
 * turned `deleteMany({})` into one statement with a parameter per document and refused beyond 65,535 (a
 * year of the city's facts holds several times that).
 */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

describe('rebuildStats from scratch', () => {
  it('empties stat_facts beyond 65,535 documents, keeps its declared indexes and calls afterClear once', async () => {
    const facts = t.deps.connection.db!.collection('stat_facts');
    const N = 66_000;
    for (let i = 0; i < N; i += 6_000) {
      await facts.insertMany(Array.from({ length: Math.min(6_000, N - i) }, (_, j) => ({ _id: `old:${i + j}` as never, day: '2020-01-01', bucket: `2020-01-01|x`, c: {} })), { ordered: false });
    }
    expect(await facts.estimatedDocumentCount()).toBeGreaterThan(65_535);
    let cleared = 0;
    const r = await rebuildStats(t.deps, { afterClear: async () => void cleared++ });
    expect(cleared).toBe(1);
    expect(r.tickets).toBe(0);
    expect(await facts.countDocuments({})).toBe(0);
    const declared = t.deps.models.StatFact.schema.indexes().length;
    expect((await facts.indexes()).length).toBe(declared + 1); // and _id
  }, 300_000);
});
