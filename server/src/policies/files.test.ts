import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { fileReport, makeCitizen, makeStaff, uploadPhoto } from '../testing/tickets.js';
import { fileComplaint, makeOfficer } from '../testing/complaints.js';

/**
 * A 信访 attachment is served only to its resident and the complaint office (token, or a short-lived
 * signed URL from the case they were shown); ticket photos stay public by their unguessable id (Open311 media_url).
 */

let offset = 0;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ now: () => new Date(Date.now() + offset) });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function get(path: string, token?: string) {
  const res = await fetch(t.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  await res.arrayBuffer();
  return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control') };
}

describe('GET /api/v1/files/{id}', () => {
  it('信访 attachments: owner and office by token, others refused; the case detail hands out signed URLs that expire', async () => {
    offset = 0;
    const owner = await makeCitizen(t);
    const photo = await uploadPhoto(t, owner.token);
    expect(photo.status).toBe(201);
    const filed = await fileComplaint(t, owner.token, { photoIds: [photo.body.id] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const plain = `/api/v1/files/${photo.body.id}`;

    expect((await get(plain)).status).toBe(401);
    expect((await get(`${plain}/thumb`)).status).toBe(401);
    expect((await get(plain, owner.token)).status).toBe(200);
    const stranger = await makeCitizen(t);
    expect((await get(plain, stranger.token)).status).toBe(404);
    const officer = await makeOfficer(t);
    expect(await get(plain, officer.token)).toMatchObject({ status: 200, type: 'image/jpeg' });
    const dispatcher = await makeStaff(t, ['dispatcher']);
    expect((await get(plain, dispatcher.token)).status).toBe(403);

    // what the resident's and the office's detail pages put in <img src>
    const mine = await t.request('GET', `/api/v1/complaints/${filed.body.id}`, { token: owner.token });
    const office = await t.request('GET', `/api/v1/admin/complaints/${filed.body.id}`, { token: officer.token });
    for (const detail of [mine, office]) {
      expect(detail.status).toBe(200);
      const [a] = detail.body.attachments;
      expect(a.url).toMatch(/\?exp=\d+&sig=/);
      const signed = await get(a.url);
      expect(signed.status).toBe(200);
      expect(signed.cache).toContain('private');
      expect(signed.cache).not.toContain('immutable');
      expect((await get(a.thumbnailUrl)).status).toBe(200);
      // a thumbnail's signature does not open the full photo, nor a tampered one anything
      expect((await get(`${plain}?${a.thumbnailUrl.split('?')[1]}`)).status).toBe(401);
      expect((await get(a.url.replace(/sig=./, 'sig=A'))).status).toBe(401);
    }
    // 41 minutes later the signed URL has expired
    const url = mine.body.attachments[0].url as string;
    offset = 41 * 60_000;
    expect((await get(url)).status).toBe(401);
    offset = 0;
  });

  it('ticket photos stay public by id (Open311 media_url, <img> in the mini-program)', async () => {
    const c = await makeCitizen(t);
    const photo = await uploadPhoto(t, c.token);
    expect((await fileReport(t, c.token, { photoIds: [photo.body.id] })).status).toBe(201);
    expect(await get(`/api/v1/files/${photo.body.id}`)).toMatchObject({ status: 200, type: 'image/jpeg' });
    expect((await get(`/api/v1/files/${photo.body.id}/thumb`)).status).toBe(200);
  });
});
