import { Types } from 'mongoose';
import type { AppDeps } from '../deps.js';
import { IDEMPOTENCY_WAIT_MS, idempotencyRecordId, isValidIdempotencyKey, requestHash } from '../domain/tickets/idempotency.js';
import { fail } from '../http/errors.js';
import type { IdempotencyKeyDoc } from '../models/idempotency-key.js';
import { isDuplicateKey } from './claims.js';
import { versionedWrite } from './versioned-write.js';

/**
 * The one Idempotency-Key protocol of the server (POST /reports, 信访 registration, …):
 * 1. a key seen before: the same request → replay the stored response (200), byte for byte;
 *    a different request → 422 `idempotency_key_reused`;
 * 2. a new key: `prepare` checks everything that can fail WITHOUT writing (a bad request leaves the key
 *    free, so the client can correct the body and retry), then the key is claimed by one unique-_id insert
 *    that also fixes the id of the resource to create. Whoever completes the work — this request, or a
 *    retry after this one crashed between claiming and finishing — creates exactly that resource (its
 *    unique _id stops a second one), so `complete` must be safe to run again;
 * 3. the first completion to store its response wins (a versioned write on the key record); every later
 *    one returns the stored text.
 */

export interface IdempotencyKeyInput {
  /** keys are scoped per route and caller: two residents may pick the same key */
  scope: string;
  callerId: string;
  /** the Idempotency-Key header, undefined when absent */
  value: string | undefined;
  /** without a key: 400 when required, otherwise the work simply runs once */
  required: boolean;
  /** everything that makes two requests "the same" (hashed canonically: field order does not matter) */
  request: unknown;
  /** what to tell a client that reused a key for another request, e.g. 请为新的上报生成新的键 */
  reuseHint: string;
}

export interface IdempotentWork<P, R> {
  /** every check that can fail, without writing; `resourceId` is the id the resource will get */
  prepare(resourceId: string): Promise<P>;
  /**
   * creates the resource with that id (or finds it created) and returns the response body; repeatable.
   * `fresh`: the id was drawn by this very request just now (no key, or the key claimed by it), so no
   * earlier attempt can have begun the resource — only a retry that gave up waiting for this one could
   * (IDEMPOTENCY_WAIT_MS), and `complete` must still tolerate that race
   */
  complete(prepared: P, resourceId: string, keyRecordId: string | undefined, fresh: boolean): Promise<R>;
}

export interface IdempotentResult<R> {
  status: 200 | 201;
  body: R;
}

type Deps = Pick<AppDeps, 'models' | 'now'>;
type KeyRecord = Pick<IdempotencyKeyDoc, 'requestHash' | 'ticketId' | 'state' | 'response'> & { _id: string };

export async function withIdempotency<P, R>(deps: Deps, key: IdempotencyKeyInput, work: IdempotentWork<P, R>): Promise<IdempotentResult<R>> {
  if (!key.value) {
    if (key.required) throw fail('idempotency_key_required', [{ field: 'Idempotency-Key', message: '必填' }]);
    const id = newResourceId();
    return { status: 201, body: await work.complete(await work.prepare(id), id, undefined, true) };
  }
  if (!isValidIdempotencyKey(key.value)) {
    throw fail('validation_failed', [{ field: 'Idempotency-Key', message: '应为 8–128 个可见 ASCII 字符（建议 UUID）' }], 'Idempotency-Key 格式不正确');
  }
  const { IdempotencyKey } = deps.models;
  const recordId = idempotencyRecordId(key.scope, key.callerId, key.value);
  const hash = requestHash(key.request);
  const existing = await findRecord(deps, recordId);
  if (existing) return replay(deps, key, hash, existing, work);

  const id = newResourceId();
  const prepared = await work.prepare(id);
  try {
    // `ticketId` is the field's historical name: it holds whatever resource the key creates
    await IdempotencyKey.create({ _id: recordId, requestHash: hash, ticketId: id, state: 'pending', version: 0, createdAt: deps.now() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // a concurrent request with the same key claimed it first
    const winner = await findRecord(deps, recordId);
    if (!winner) throw err;
    return replay(deps, key, hash, winner, work);
  }
  const body = await work.complete(prepared, id, recordId, true);
  return { status: 201, body: await storeResponse(deps, recordId, body) };
}

function newResourceId(): string {
  return new Types.ObjectId().toHexString();
}

async function findRecord(deps: Deps, recordId: string): Promise<KeyRecord | null> {
  return (await deps.models.IdempotencyKey.findById(recordId).lean()) as KeyRecord | null;
}

async function replay<P, R>(deps: Deps, key: IdempotencyKeyInput, hash: string, rec: KeyRecord, work: IdempotentWork<P, R>): Promise<IdempotentResult<R>> {
  if (rec.requestHash !== hash) {
    throw fail('idempotency_key_reused', [{ field: 'Idempotency-Key', message: key.reuseHint }]);
  }
  // the first request may still be working: give it a moment before finishing the job ourselves
  const done = rec.state === 'done' ? rec : await waitUntilDone(deps, rec._id);
  if (done?.response) return { status: 200, body: JSON.parse(done.response) as R };
  // its creator crashed (or is very slow) between claiming and finishing: complete the same resource
  const body = await work.complete(await work.prepare(rec.ticketId), rec.ticketId, rec._id, false);
  return { status: 200, body: await storeResponse(deps, rec._id, body) };
}

async function waitUntilDone(deps: Deps, recordId: string): Promise<KeyRecord | null> {
  const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    const cur = await findRecord(deps, recordId);
    if (!cur || cur.state === 'done') return cur;
  }
  return null;
}

/**
 * First completion wins: the move pending → done is a versioned write (version 0 → 1), so of two racing
 * completions exactly one stores its text; the other returns that text. Always the parsed stored text,
 * so the first answer and every replay are identical.
 */
async function storeResponse<R>(deps: Deps, recordId: string, body: R): Promise<R> {
  const text = JSON.stringify(body);
  const stored = await versionedWrite<KeyRecord>(deps.models, {
    kind: 'idempotency',
    model: deps.models.IdempotencyKey,
    id: recordId,
    version: 0,
    guard: { state: 'pending' },
    update: { $set: { state: 'done', response: text, completedAt: deps.now() } },
  });
  const winner = stored ?? (await findRecord(deps, recordId));
  const final = winner?.state === 'done' ? winner : await waitUntilDone(deps, recordId);
  return JSON.parse(final?.response ?? text) as R;
}
