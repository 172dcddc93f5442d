import { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { versionClaimId, versionedWrite, VERSION_CLAIM_LEASE_MS } from './versioned-write.js';

/** The kernel's versioned write on the real database (FerretDB in the test run). */

const probeSchema = new Schema(
  { _id: { type: String, required: true }, version: { type: Number, required: true }, name: String, writers: [String] },
  { collection: 'version_probe', versionKey: false },
);

describe('versionedWrite', () => {
  let t: TestServer;
  const probe = () => t.deps.connection.model('VersionProbe', probeSchema);
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  const write = (id: string, version: number, writer: string, extra: { guard?: Record<string, unknown>; update?: Record<string, unknown> } = {}) =>
    versionedWrite<{ version: number; writers: string[] }>(t.deps.models, {
      kind: 'probe',
      model: probe(),
      id,
      version,
      guard: extra.guard,
      update: { $push: { writers: writer }, ...extra.update },
      by: writer,
    });

  it('documents why: on FerretDB a conditional update alone is not a compare-and-set', async () => {
    if (t.deps.engine !== 'ferretdb') return;
    const c = t.deps.connection.collection<{ _id: string; v: number }>('cas_probe');
    let doubleWins = 0;
    for (let round = 0; round < 5; round++) {
      await c.insertOne({ _id: `r${round}`, v: 0 });
      const results = await Promise.all(Array.from({ length: 8 }, () => c.updateOne({ _id: `r${round}`, v: 0 }, { $set: { v: 1 } })));
      if (results.filter((r) => r.modifiedCount === 1).length > 1) doubleWins++;
    }
    // Not asserted: recorded so a FerretDB upgrade that fixes it shows up here.
    console.info(`[versioned-write] FerretDB conditional-update double wins without a claim: ${doubleWins}/5 rounds`);
  });

  it('of 8–16 concurrent writers of one version exactly one wins, round after round', async () => {
    for (let round = 0; round < 4; round++) {
      const id = `round-${round}`;
      await probe().create({ _id: id, version: 0, writers: [] });
      for (let version = 0; version < 3; version++) {
        const writers = 8 + ((round * 3 + version) % 9); // 8..16
        const results = await Promise.all(Array.from({ length: writers }, (_, i) => write(id, version, `r${round}v${version}w${i}`)));
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]!.version).toBe(version + 1);
      }
      const stored = await probe().findById(id).lean();
      expect(stored!.version).toBe(3);
      expect(stored!.writers).toHaveLength(3); // one write per version, none lost, none doubled
    }
  });

  it('a guard that does not hold writes nothing and frees the version at once', async () => {
    await probe().create({ _id: 'guarded', version: 0, name: 'a', writers: [] });
    expect(await write('guarded', 0, 'w1', { guard: { name: 'b' } })).toBeNull();
    expect(await t.deps.models.Claim.exists({ _id: versionClaimId('probe', 'guarded', 0) })).toBeNull();
    expect((await write('guarded', 0, 'w2', { guard: { name: 'a' } }))?.writers).toEqual(['w2']);
    // the claim of a successful write is kept: a writer with a stale read of version 0 still loses
    expect(await t.deps.models.Claim.exists({ _id: versionClaimId('probe', 'guarded', 0) })).not.toBeNull();
    expect(await write('guarded', 0, 'stale')).toBeNull();
  });

  it('an update that fails frees the version', async () => {
    await probe().create({ _id: 'failing', version: 0, name: 'a', writers: [] });
    await expect(write('failing', 0, 'w1', { update: { $push: { name: 'not-an-array' } } })).rejects.toThrow();
    expect(await t.deps.models.Claim.exists({ _id: versionClaimId('probe', 'failing', 0) })).toBeNull();
    expect(await write('failing', 0, 'w2')).not.toBeNull();
  });

  it('a claim left by a crashed writer blocks until its lease expires, then one taker wins', async () => {
    await probe().create({ _id: 'crashed', version: 0, writers: [] });
    const claim = versionClaimId('probe', 'crashed', 0);
    await t.deps.models.Claim.create({ _id: claim, at: new Date(), by: 'crashed' });
    expect(await write('crashed', 0, 'early')).toBeNull();
    await t.deps.models.Claim.updateOne({ _id: claim }, { $set: { at: new Date(Date.now() - VERSION_CLAIM_LEASE_MS - 1000) } });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => write('crashed', 0, `taker${i}`)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await t.deps.models.Claim.exists({ _id: versionClaimId('probe', 'crashed', 0, 1) })).not.toBeNull();
  });

  it('a stale claim on a document that moved on is no invitation: the reader is stale', async () => {
    await probe().create({ _id: 'moved', version: 1, writers: ['earlier'] });
    await t.deps.models.Claim.create({ _id: versionClaimId('probe', 'moved', 0), at: new Date(Date.now() - VERSION_CLAIM_LEASE_MS - 1000) });
    expect(await write('moved', 0, 'stale-reader')).toBeNull();
    expect((await probe().findById('moved').lean())!.writers).toEqual(['earlier']);
  });
});
