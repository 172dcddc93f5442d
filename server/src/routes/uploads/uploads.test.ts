import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import { signAccessToken } from '../../http/auth.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { staffSessionToken } from '../../testing/staff-session-token.js';

/** A resident with a known id (the assertions below name it): the account must exist for its token to work. */
async function residentToken(t: TestServer, id: string): Promise<string> {
  await t.deps.models.Citizen.create({ _id: id, openid: `test:${id}`, source: 'demo', nickname: '市民' });
  return signAccessToken(t.deps.config.JWT_SECRET, 'citizen', id);
}

/** every file under DATA_DIR/uploads (recursively) */
function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'uploads');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => d.name);
}

async function upload(
  t: TestServer,
  token: string | undefined,
  file: Buffer | null,
  opts: { name?: string; type?: string; field?: string; extra?: Buffer } = {},
) {
  const form = new FormData();
  if (file) form.append(opts.field ?? 'file', new Blob([new Uint8Array(file)], { type: opts.type ?? 'application/octet-stream' }), opts.name ?? 'photo.jpg');
  if (opts.extra) form.append('file', new Blob([new Uint8Array(opts.extra)]), 'second.jpg');
  if (!file && !opts.extra) form.append('note', 'no file here');
  const res = await fetch(t.url + '/api/v1/uploads', { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function fetchBytes(t: TestServer, url: string) {
  const res = await fetch(t.url + url);
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** a JPEG that says "rotate 90° CW" and carries GPS coordinates in 岳阳 */
async function jpegWithGpsAndOrientation(width = 800, height = 400): Promise<Buffer> {
  const base = await sharp({ create: { width, height, channels: 3, background: '#c04020' } }).jpeg().toBuffer();
  return sharp(base)
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Leaky 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '113/1 7/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

describe('POST /api/v1/uploads and GET /api/v1/files/:id', () => {
  let t: TestServer;
  let citizen: string;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
    citizen = await residentToken(t, '0000000000000000000c1a01');
  });
  afterAll(async () => t?.close());

  it('strips EXIF/GPS, applies the orientation and serves main + thumbnail with the right headers', async () => {
    const input = await jpegWithGpsAndOrientation(3200, 1600);
    const before = await exifr.parse(input, { gps: true });
    expect(before.latitude).toBeCloseTo(29.3667, 3); // the fixture really leaks a location
    expect((await sharp(input).metadata()).orientation).toBe(6);

    const res = await upload(t, citizen, input, { type: 'image/jpeg' });
    expect(res.status).toBe(201);
    const { id, url, thumbnailUrl, width, height } = res.body;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(url).toBe(`/api/v1/files/${id}`);
    expect(thumbnailUrl).toBe(`/api/v1/files/${id}/thumb`);
    // 3200×1600 rotated → 1600×3200, fitted into 1600 px → 800×1600
    expect({ width, height }).toEqual({ width: 800, height: 1600 });

    const main = await fetchBytes(t, url);
    expect(main.status).toBe(200);
    expect(main.headers.get('content-type')).toBe('image/jpeg');
    expect(main.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(main.headers.get('x-content-type-options')).toBe('nosniff');
    const meta = await sharp(main.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([800, 1600]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    const after = await exifr.parse(main.bytes, { gps: true, tiff: true, xmp: true, icc: true, iptc: true });
    expect(after?.latitude).toBeUndefined();
    expect(after?.Make).toBeUndefined();
    expect(main.bytes.includes(Buffer.from('TestCam'))).toBe(false);

    const thumb = await fetchBytes(t, thumbnailUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    const tm = await sharp(thumb.bytes).metadata();
    expect(Math.max(tm.width!, tm.height!)).toBeLessThanOrEqual(320);
    expect([tm.width, tm.height]).toEqual([160, 320]);
    expect(await exifr.parse(thumb.bytes, { gps: true })).toBeUndefined();

    const doc = await t.deps.models.Upload.findById(id).lean();
    expect(doc).toMatchObject({ ownerKind: 'citizen', ownerId: '0000000000000000000c1a01', width: 800, height: 1600, originalType: 'image/jpeg', attachedTo: null });
    expect(doc!.bytes).toBe(main.bytes.length);
    expect(doc!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const yyyy = String(new Date().getUTCFullYear());
    expect(doc!.relPath.startsWith(`${yyyy}/`)).toBe(true);
    expect(existsSync(path.join(t.deps.config.DATA_DIR, 'uploads', doc!.relPath))).toBe(true);
    expect(existsSync(path.join(t.deps.config.DATA_DIR, 'uploads', doc!.relPath.replace('.jpg', '_thumb.jpg')))).toBe(true);
  });

  it('accepts PNG (with transparency) and WebP, stores JPEG, never enlarges small images', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const r1 = await upload(t, citizen, png, { name: 'a.png', type: 'image/png' });
    expect(r1.status).toBe(201);
    expect([r1.body.width, r1.body.height]).toEqual([300, 200]);
    const f1 = await fetchBytes(t, r1.body.url);
    const m1 = await sharp(f1.bytes).metadata();
    expect(m1.format).toBe('jpeg');
    // transparent pixels are flattened onto white, not black
    const { data } = await sharp(f1.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
    expect((await t.deps.models.Upload.findById(r1.body.id).lean())!.originalType).toBe('image/png');

    const webp = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#336699' } }).webp().toBuffer();
    const r2 = await upload(t, citizen, webp, { name: 'b.webp', type: 'image/webp' });
    expect(r2.status).toBe(201);
    expect([r2.body.width, r2.body.height]).toEqual([1600, 800]);
    expect((await t.deps.models.Upload.findById(r2.body.id).lean())!.originalType).toBe('image/webp');
  });

  it('decides the type by magic bytes: text named .jpg with image/jpeg → 415; a JPEG named .txt is accepted', async () => {
    const before = await t.deps.models.Upload.countDocuments();
    const res = await upload(t, citizen, Buffer.from('hello, this is not a picture\n'.repeat(50)), { name: 'evil.jpg', type: 'image/jpeg' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(res.body.error.details[0].field).toBe('file');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).gif().toBuffer();
    expect((await upload(t, citizen, gif, { name: 'x.jpg', type: 'image/jpeg' })).status).toBe(415);
    expect(await t.deps.models.Upload.countDocuments()).toBe(before);

    const jpeg = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#0f0' } }).jpeg().toBuffer();
    expect((await upload(t, citizen, jpeg, { name: 'notes.txt', type: 'text/plain' })).status).toBe(201);
  });

  it('rejects more than 40 megapixels (60 MP PNG, small on disk) with 422 image_too_large', async () => {
    const huge = await sharp({ create: { width: 8000, height: 7500, channels: 3, background: '#808080' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(huge.length).toBeLessThan(2 * 1024 * 1024);
    const before = await t.deps.models.Upload.countDocuments();
    const res = await upload(t, citizen, huge, { name: 'bomb.png', type: 'image/png' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('image_too_large');
    expect(await t.deps.models.Upload.countDocuments()).toBe(before);
  }, 60_000);

  it('rejects a truncated JPEG with 422 invalid_image', async () => {
    const full = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    const res = await upload(t, citizen, full.subarray(0, Math.floor(full.length * 0.6)));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_image');
    // the JPEG signature alone (no image data) is invalid too
    const stub = await upload(t, citizen, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
    expect(stub.status).toBe(422);
    expect(stub.body.error.code).toBe('invalid_image');
  });

  it('requires a token; 400 for a missing file, a wrong field name or two files; 415 for a JSON body', async () => {
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#00f' } }).jpeg().toBuffer();
    const noToken = await upload(t, undefined, jpeg);
    expect(noToken.status).toBe(401);
    const missing = await upload(t, citizen, null);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'validation_failed', details: [{ field: 'file' }] });
    const wrongField = await upload(t, citizen, jpeg, { field: 'photo' });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.details[0].field).toBe('file');
    const two = await upload(t, citizen, jpeg, { extra: jpeg });
    expect(two.status).toBe(400);
    expect(two.body.error.code).toBe('validation_failed');
    const json = await t.request('POST', '/api/v1/uploads', { token: citizen, body: { file: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('unsupported_media_type');
  });

  it('accepts a staff token too, and records the staff owner', async () => {
    const staff = await t.deps.models.StaffUser.create({ username: 'up_staff', displayName: '处置员', passwordHash: 'x', roles: ['handler'] });
    const token = await staffSessionToken(t.deps, String(staff._id));
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#00f' } }).jpeg().toBuffer();
    const res = await upload(t, token, jpeg);
    expect(res.status).toBe(201);
    expect(await t.deps.models.Upload.findById(res.body.id).lean()).toMatchObject({ ownerKind: 'staff', ownerId: String(staff._id) });
  });

  it('404 for unknown, malformed and traversal ids', async () => {
    for (const id of ['0123456789abcdef0123456789abcdef', 'nope', '..%2F..%2Fjwt-secret']) {
      expect((await fetchBytes(t, `/api/v1/files/${id}`)).status).toBe(404);
      expect((await fetchBytes(t, `/api/v1/files/${id}/thumb`)).status).toBe(404);
    }
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/uploads'].post.requestBody.content['multipart/form-data']).toBeDefined();
    expect(doc.paths['/api/v1/files/{id}'].get).toBeDefined();
    expect(doc.paths['/api/v1/files/{id}/thumb'].get).toBeDefined();
  });
});

describe('upload size limit', () => {
  let t: TestServer;
  let citizen: string;
  beforeAll(async () => {
    t = await startTestServer({ seed: false });
    citizen = await residentToken(t, '0000000000000000000c1b16');
  });
  afterAll(async () => t?.close());

  it('an 11 MB body → 413 payload_too_large and nothing stored (declared length)', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 0xab);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const res = await upload(t, citizen, big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(storedFiles(t.deps.config.DATA_DIR)).toEqual([]);
    expect(await t.deps.models.Upload.countDocuments()).toBe(0);
  });

  it('a 64 MB chunked body without Content-Length → 413 while streaming, the rest is not read, nothing stored', async () => {
    const boundary = 'cgtboundary7d1f';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const chunk = Buffer.alloc(256 * 1024, 0xcd);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent >= 64 * 1024 * 1024) {
          controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    // The server answers 413 and closes the connection without reading the rest. Whether the client reads
    // that answer before its next write fails (EPIPE / reset) is a race inside the client, so both count.
    let status: number | 'connection_closed';
    try {
      const res = await fetch(t.url + '/api/v1/uploads', {
        method: 'POST',
        body: stream,
        duplex: 'half',
        headers: { authorization: `Bearer ${citizen}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      } as RequestInit & { duplex: 'half' });
      status = res.status;
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    } catch (err) {
      expect(String((err as { cause?: { code?: string } }).cause?.code)).toMatch(/EPIPE|ECONNRESET|UND_ERR_SOCKET/);
      status = 'connection_closed';
    }
    expect([413, 'connection_closed']).toContain(status);
    // the server stopped well before the end of the body
    // the server closed the connection soon after the limit instead of draining 64 MB (measured: ~12.5 MB sent)
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    expect(storedFiles(t.deps.config.DATA_DIR)).toEqual([]);
    expect(await t.deps.models.Upload.countDocuments()).toBe(0);
  });
});

describe('upload rate limit', () => {
  let t: TestServer;
  let now = new Date('2026-11-27T08:00:00Z');
  beforeAll(async () => {
    t = await startTestServer({ seed: false, env: { UPLOAD_RATE_PER_10MIN: '3' }, now: () => now });
  });
  afterAll(async () => t?.close());

  it('429 rate_limited after the per-user limit, per user, until the window moves on', async () => {
    const a = await residentToken(t, '0000000000000000000c1ea0');
    const b = await residentToken(t, '0000000000000000000c1eb0');
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#00f' } }).jpeg().toBuffer();
    for (let i = 0; i < 3; i++) expect((await upload(t, a, jpeg)).status).toBe(201);
    const limited = await upload(t, a, jpeg);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await upload(t, b, jpeg)).status).toBe(201);
    now = new Date(now.getTime() + 10 * 60 * 1000 + 1000);
    expect((await upload(t, a, jpeg)).status).toBe(201);
    // stored under the (moved) clock's month
    expect(await t.deps.models.Upload.countDocuments({ ownerId: '0000000000000000000c1ea0' })).toBe(4);
  });
});
