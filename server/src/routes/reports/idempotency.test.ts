import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateReportRequest } from '@cgt/shared/schemas/reports';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { requestHash } from '../../domain/tickets/idempotency.js';
import { fileReport, makeCitizen, makeUploadDoc, reportBody } from '../../testing/tickets.js';

/** POST /api/v1/reports with Idempotency-Key: one ticket per key, also under concurrency and after a crash. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('idempotency', () => {
  it('requires the header', async () => {
    const { token } = await makeCitizen(t);
    const res = await t.request('POST', '/api/v1/reports', { token, body: reportBody() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('idempotency_key_required');
  });

  it('same key twice → one ticket, the same body; a different body → 422', async () => {
    const c = await makeCitizen(t);
    const key = randomUUID();
    const first = await fileReport(t, c.token, {}, key);
    const second = await fileReport(t, c.token, {}, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await t.deps.connection.db!.collection('tickets').countDocuments({ 'reporter.citizenId': c.id }) /* the driver directly: a test's check, not an app query */).toBe(1);
    const other = await fileReport(t, c.token, { description: '另一件事' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(await t.deps.connection.db!.collection('tickets').countDocuments({ 'reporter.citizenId': c.id }) /* the driver directly: a test's check, not an app query */).toBe(1);
  });

  it('concurrent requests with the same key → one ticket', async () => {
    const c = await makeCitizen(t);
    const photo = await makeUploadDoc(t, { kind: 'citizen', id: c.id });
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => fileReport(t, c.token, { photoIds: [photo] }, key)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.trackingNo)).size).toBe(1);
    expect(await t.deps.connection.db!.collection('tickets').countDocuments({ 'reporter.citizenId': c.id }) /* the driver directly: a test's check, not an app query */).toBe(1);
  });

  it('a retry completes a claim whose creator crashed before creating the ticket', async () => {
    const c = await makeCitizen(t);
    const key = randomUUID();
    const body = reportBody({ description: '崩溃后重试' });
    const ticketId = new Types.ObjectId().toHexString();
    await t.deps.models.IdempotencyKey.create({
      _id: `report:${c.id}:${key}`,
      requestHash: requestHash(CreateReportRequest.parse(body)),
      ticketId,
      state: 'pending',
      createdAt: new Date(Date.now() - 60_000),
    });
    const res = await fileReport(t, c.token, { description: '崩溃后重试' }, key);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(ticketId);
    expect(await t.deps.connection.db!.collection('tickets').countDocuments({ 'reporter.citizenId': c.id }) /* the driver directly: a test's check, not an app query */).toBe(1);
    expect((await fileReport(t, c.token, { description: '崩溃后重试' }, key)).body).toEqual(res.body);
  });

  it('bad input changes nothing: the key stays free for the corrected request', async () => {
    const c = await makeCitizen(t);
    const key = randomUUID();
    const bad = await fileReport(t, c.token, { categoryCode: '99999' }, key);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    expect(bad.body.error.details[0].field).toBe('categoryCode');
    const outside = await fileReport(t, c.token, { location: { lat: 39.9, lng: 116.4 } }, key);
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('outside_jurisdiction');
    const stranger = await makeCitizen(t);
    const foreign = await makeUploadDoc(t, { kind: 'citizen', id: stranger.id });
    const notMine = await fileReport(t, c.token, { photoIds: [foreign] }, key);
    expect(notMine.status).toBe(422);
    expect(notMine.body.error.details[0].field).toBe('photoIds[0]');
    const tooLong = await fileReport(t, c.token, { description: '长'.repeat(501) }, key);
    expect(tooLong.status).toBe(400);
    expect(await t.deps.connection.db!.collection('tickets').countDocuments({ 'reporter.citizenId': c.id }) /* the driver directly: a test's check, not an app query */).toBe(0);
    expect((await fileReport(t, c.token, {}, key)).status).toBe(201);
  });
});
