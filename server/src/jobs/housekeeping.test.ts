import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { nextSequence, claimVersion } from '../db/cas.js';
import { housekeeping } from './housekeeping.js';

describe('housekeeping job (no TTL indexes on FerretDB)', () => {
  let t: TestServer;
  let now = new Date('2026-11-01T00:00:00Z');
  beforeAll(async () => {
    t = await startTestServer({ seed: false, now: () => now });
  });
  afterAll(async () => t.close());

  it('expires old version claims and completed idempotency keys, keeps sequence claims and fresh entries', async () => {
    const { models } = t.deps;
    await claimVersion(models, 'ticket:old', 1, 'a', now);
    await nextSequence(models, 'day:20261101', now);
    await models.IdempotencyKey.create({ _id: 'report:c1:old-key-1', requestHash: 'h', ticketId: 'x', state: 'done', createdAt: now });
    await models.IdempotencyKey.create({ _id: 'report:c1:pending-1', requestHash: 'h', ticketId: 'y', state: 'pending', createdAt: now });
    now = new Date('2026-11-10T00:00:00Z');
    await claimVersion(models, 'ticket:new', 1, 'b', now);
    await models.IdempotencyKey.create({ _id: 'report:c1:new-key-1', requestHash: 'h', ticketId: 'z', state: 'done', createdAt: now });

    const r = await housekeeping(t.deps);
    expect(r).toMatchObject({ idempotencyKeys: 1, claims: 1 });
    const claims = (await models.CasClaim.find().lean()).map((c) => c._id).sort();
    expect(claims).toEqual(['seq:day:20261101#1', 'ticket:new@2']);
    const keys = (await models.IdempotencyKey.find().lean()).map((k) => k._id).sort();
    expect(keys).toEqual(['report:c1:new-key-1', 'report:c1:pending-1']);
  });
});
