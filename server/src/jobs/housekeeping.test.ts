import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { nextSequence } from '../db/sequence.js';
import { versionedWrite } from '../db/versioned-write.js';
import { housekeeping } from './housekeeping.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('housekeeping job (no TTL indexes on FerretDB)', () => {
  let t: TestServer;
  // the kernel stamps claims with the wall clock (leases are wall-clock time), so the test clock starts there
  const realNow = Date.now();
  let now = new Date(realNow);
  beforeAll(async () => {
    t = await startTestServer({ seed: false, now: () => now });
  });
  afterAll(async () => t.close());

  it('expires claims and stamps past expiresAt, pre-kernel version claims and done keys; keeps sequence claims and fresh entries', async () => {
    const { models } = t.deps;
    await models.IdempotencyKey.create({ _id: 'report:c1:old-key-1', requestHash: 'h', ticketId: 'x', state: 'done', createdAt: new Date(realNow - 8 * DAY) });
    await models.IdempotencyKey.create({ _id: 'report:c1:pending-1', requestHash: 'h', ticketId: 'y', state: 'pending', createdAt: new Date(realNow - 8 * DAY) });
    await models.IdempotencyKey.create({ _id: 'report:c1:new-key-1', requestHash: 'h', ticketId: 'z', state: 'pending', createdAt: new Date(realNow) });
    // a version claim made by the kernel (expires after a day), then the key's response stored
    await versionedWrite(models, { kind: 'idempotency', model: models.IdempotencyKey, id: 'report:c1:new-key-1', version: 0, update: { $set: { state: 'done' } } });
    await nextSequence(models, 'day:20261101');
    await nextSequence(models, 'login-failures:u1:1', { expiresAt: new Date(realNow + HOUR) });
    // written before claims carried expiresAt
    await models.Claim.create({ _id: 'complaint:old@2', at: new Date(realNow - 2 * DAY) });
    await models.Claim.create({ _id: 'complaint:new@2', at: new Date(realNow + 2 * HOUR) });
    await t.deps.connection.collection<{ _id: string }>('ticket_claims').insertOne({ _id: 'abc:0:0' });

    now = new Date(realNow + 25 * HOUR);
    const r = await housekeeping(t.deps);
    expect(r).toMatchObject({ idempotencyKeys: 1, claims: 4, kernelStamps: 1 });
    const claims = (await models.Claim.find().lean()).map((c) => c._id).sort();
    expect(claims).toEqual(['complaint:new@2', 'seq:day:20261101#1']);
    expect((await models.KernelStamp.find().lean()).map((s) => s._id)).toEqual(['seq:day:20261101']);
    const keys = (await models.IdempotencyKey.find().lean()).map((k) => k._id).sort();
    expect(keys).toEqual(['report:c1:new-key-1', 'report:c1:pending-1']);
  });
});
