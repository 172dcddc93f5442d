import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHash } from '../domain/tickets/idempotency.js';
import { AppError, fail } from '../http/errors.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { isDuplicateKey } from './claims.js';
import { withIdempotency, type IdempotencyKeyInput } from './idempotency.js';

/** withIdempotency on the real database, with a small stand-in for "create a ticket". */

const thingSchema = new Schema({ _id: { type: String, required: true }, title: String }, { collection: 'idem_things', versionKey: false });

describe('withIdempotency', () => {
  let t: TestServer;
  const Thing = () => t.deps.connection.model('IdemThing', thingSchema);
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  let completions = 0;
  /** Creates thing `id` (once, whoever runs it) and answers with a nonce, so "the stored answer" is visible. */
  const work = {
    async prepare(_id: string) {
      return { checked: true };
    },
    async complete(_p: { checked: boolean }, id: string, recordId: string | undefined) {
      completions++;
      await Thing()
        .create({ _id: id, title: 'thing' })
        .catch((err: unknown) => {
          if (!isDuplicateKey(err)) throw err;
        });
      return { id, recordId: recordId ?? null, nonce: randomUUID(), at: new Date('2026-11-27T00:00:00Z') };
    },
  };
  const key = (value: string | undefined, request: unknown = { title: 'thing' }): IdempotencyKeyInput => ({
    scope: 'probe',
    callerId: 'c1',
    value,
    required: true,
    request,
    reuseHint: '请换一个键',
  });
  const rejection = async (p: Promise<unknown>): Promise<AppError> => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  };

  it('same key and request: the stored response again, byte for byte; another request: 422', async () => {
    const k = randomUUID();
    const first = await withIdempotency(t.deps, key(k, { title: 'a', tags: [1, 2] }), work);
    // field order does not make another request
    const again = await withIdempotency(t.deps, key(k, { tags: [1, 2], title: 'a' }), work);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
    expect(first.body.at).toBe('2026-11-27T00:00:00.000Z'); // the stored JSON, not the live object
    const reused = await rejection(withIdempotency(t.deps, key(k, { title: 'b' }), work));
    expect(reused.status).toBe(422);
    expect(reused.code).toBe('idempotency_key_reused');
    expect(reused.details).toEqual([{ field: 'Idempotency-Key', message: '请换一个键' }]);
  });

  it('concurrent requests with one key: one resource, one 201, every answer the stored one', async () => {
    const k = randomUUID();
    const results = await Promise.all(Array.from({ length: 6 }, () => withIdempotency(t.deps, key(k), work)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await Thing().countDocuments({ _id: results[0]!.body.id })).toBe(1);
  });

  it('a failed check leaves the key free for the corrected request', async () => {
    const k = randomUUID();
    const failing = { ...work, prepare: async () => Promise.reject(fail('validation_failed', [{ field: 'title', message: '不对' }], '不对')) };
    expect((await rejection(withIdempotency(t.deps, key(k, { title: 'bad' }), failing))).code).toBe('validation_failed');
    expect(await t.deps.models.IdempotencyKey.exists({ _id: `probe:c1:${k}` })).toBeNull();
    expect((await withIdempotency(t.deps, key(k, { title: 'good' }), work)).status).toBe(201);
  });

  it('a retry completes the claim of a request that crashed between claiming and finishing', async () => {
    const k = randomUUID();
    const resourceId = 'crashed-thing-1';
    await t.deps.models.IdempotencyKey.create({
      _id: `probe:c1:${k}`,
      requestHash: requestHash({ title: 'thing' }),
      ticketId: resourceId,
      state: 'pending',
      createdAt: new Date(Date.now() - 60_000),
    });
    const before = completions;
    const res = await withIdempotency(t.deps, key(k), work);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(resourceId);
    expect(completions).toBe(before + 1);
    expect(await Thing().countDocuments({ _id: resourceId })).toBe(1);
    const replay = await withIdempotency(t.deps, key(k), work);
    expect(replay.body).toEqual(res.body);
    expect(completions).toBe(before + 1); // stored now: the work does not run again
  });

  it('the header: missing (required → 400, optional → runs once), malformed → 400', async () => {
    expect((await rejection(withIdempotency(t.deps, key(undefined), work))).code).toBe('idempotency_key_required');
    const optional = await withIdempotency(t.deps, { ...key(undefined), required: false }, work);
    expect(optional.status).toBe(201);
    expect(optional.body.recordId).toBeNull();
    const malformed = await rejection(withIdempotency(t.deps, key('short'), work));
    expect([malformed.status, malformed.code]).toEqual([400, 'validation_failed']);
  });
});
