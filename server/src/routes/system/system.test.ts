import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';

describe('system routes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
  });
  afterAll(async () => t.close());

  it('GET /healthz reports the database and engine', async () => {
    const r = await t.request('GET', '/healthz');
    expect(r.status).toBe(200);
    const backend = inject('dbBackend');
    // the run's database: FerretDB on the embedded PostgreSQL (or SQLite), or whatever MONGODB_URI points at
    if (backend === 'external') expect(r.body).toMatchObject({ status: 'ok', db: 'ok' });
    else expect(r.body).toMatchObject({ status: 'ok', db: 'ok', engine: 'ferretdb', backend });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a well-formed X-Request-Id and replaces a hostile one', async () => {
    expect((await t.request('GET', '/healthz', { headers: { 'x-request-id': 'abc12345-ok' } })).headers.get('x-request-id')).toBe('abc12345-ok');
    expect((await t.request('GET', '/healthz', { headers: { 'x-request-id': '<script>' } })).headers.get('x-request-id')).not.toBe('<script>');
  });

  it('unknown API path → 404 in the error envelope', async () => {
    const r = await t.request('GET', '/api/v1/does-not-exist');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: 'not_found', message: '接口不存在', details: [] } });
  });

  it('malformed JSON → 400 malformed_body', async () => {
    const r = await t.request('POST', '/api/v1/anything', { body: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('malformed_body');
    // the parser's English ("Unexpected end of JSON input") never reaches the client
    const said = [r.body.error.message, ...r.body.error.details.map((d: { message: string }) => d.message)].join(' ');
    expect(said).toMatch(/[\u4e00-\u9fa5]/);
    expect(said).not.toMatch(/JSON input|Unexpected|position/i);
  });

  it('a JSON body over the limit → 413 payload_too_large', async () => {
    const r = await t.request('POST', '/api/v1/anything', { body: JSON.stringify({ a: 'x'.repeat(1_200_000) }) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('serves an OpenAPI 3 document and an offline docs page', async () => {
    const doc = await t.request('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/healthz');
    const page = await t.request('GET', '/api/docs');
    expect(page.body).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\/(?!127)/); // no CDN
    const asset = await fetch(`${t.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
  });

  it('GET /healthz → 503 db down when the database does not answer', async () => {
    const t2 = await startTestServer({ seed: false });
    await t2.deps.connection.close(true);
    const r = await t2.request('GET', '/healthz');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'degraded', db: 'down' });
    await t2.close().catch(() => undefined);
  });
});
