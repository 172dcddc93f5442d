import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcj02ToWgs84, haversineMeters } from '@cgt/shared/geo/coords';
import { JURISDICTION_ID } from '@cgt/shared/open311/mapping';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { act, departmentOf, fileReport, JUNSHAN, JUNSHAN_CODE, makeCitizen, makeStaff, type StaffFixture } from '../../testing/tickets.js';

/**
 * Open311 GeoReport v2 conformance, written from the GeoReport v2 specification: every resource in both
 * formats (XML parsed with a real XML parser), the error cases, WGS-84 ↔ GCJ-02, and a request filed
 * here followed through the console to 已结案.
 */

let t: TestServer;
let admin: StaffFixture;
let fileKey: string;
let readKey: string;
let dispatcher: StaffFixture;
let handler: StaffFixture;
let dept: { id: string; name: string };
const WGS = gcj02ToWgs84(JUNSHAN);

beforeAll(async () => {
  t = await startTestServer();
  admin = await makeStaff(t, ['admin']);
  dispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id] });
  fileKey = (await createKey({ name: '12345 热线桥接', operations: ['read', 'file'] })).body.key;
  readKey = (await createKey({ name: '研究者', operations: ['read'] })).body.key;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

function createKey(body: Record<string, unknown>, token = admin.token) {
  return t.request('POST', '/api/v1/admin/open311/keys', { token, body: { contact: 'ops@example.org', ...body } });
}

function form(fields: Record<string, string | string[] | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  }
  return p.toString();
}

async function post(fmt: 'json' | 'xml', fields: Record<string, string | string[] | undefined>) {
  const res = await fetch(`${t.url}/open311/v2/requests.${fmt}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(fields),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function get(path: string) {
  const res = await fetch(`${t.url}/open311/v2/${path}`);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

function xml(text: string) {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  return doc.documentElement!;
}
const kids = (el: Element, name: string) => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === name);
const text = (el: Element, name: string) => kids(el, name)[0]?.textContent ?? undefined;

const base = (over: Record<string, string | string[] | undefined> = {}) => ({
  api_key: fileKey,
  service_code: '06010',
  lat: WGS.lat.toFixed(6),
  long: WGS.lng.toFixed(6),
  description: `路口有一堆暴露垃圾 ${Math.random().toString(36).slice(2)}`,
  device_id: 'device-1',
  ...over,
});

function errorsOf(fmt: 'json' | 'xml', body: string): { code: number; description: string }[] {
  if (fmt === 'json') return JSON.parse(body);
  const root = xml(body);
  expect(root.tagName).toBe('errors');
  return kids(root, 'error').map((e) => ({ code: Number(text(e, 'code')), description: text(e, 'description')! }));
}

describe('discovery and services', () => {
  it('discovery in JSON and XML', async () => {
    const j = await get('discovery.json');
    expect(j.status).toBe(200);
    expect(j.headers.get('content-type')).toMatch(/application\/json; charset=utf-8/);
    const d = JSON.parse(j.text);
    expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', url: `${t.url}/open311/v2` });
    expect(d.endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    const x = await get('discovery.xml');
    expect(x.headers.get('content-type')).toMatch(/text\/xml; charset=utf-8/);
    const root = xml(x.text);
    expect(root.tagName).toBe('discovery');
    const ep = kids(kids(root, 'endpoints')[0]!, 'endpoint')[0]!;
    expect(text(ep, 'specification')).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(kids(kids(ep, 'formats')[0]!, 'format').map((f) => f.textContent)).toEqual(['text/xml', 'application/json']);
    expect(text(root, 'changeset')).toBe(d.changeset);
  });

  it('services: one per active category, code/name/group/keywords, metadata where attributes exist', async () => {
    const list = JSON.parse((await get('services.json')).text) as Record<string, unknown>[];
    const garbage = list.find((s) => s.service_code === '06010')!;
    expect(garbage).toMatchObject({ service_name: '暴露垃圾', group: '事件-市容环境', type: 'realtime', metadata: false });
    expect(String(garbage.keywords)).toContain('暴露垃圾');
    expect(list.find((s) => s.service_code === '01001')).toMatchObject({ metadata: true });
    const root = xml((await get('services.xml')).text);
    expect(root.tagName).toBe('services');
    const services = kids(root, 'service');
    expect(services.length).toBe(list.length);
    const gas = services.find((s) => text(s, 'service_code') === '90003')!;
    expect(text(gas, 'description')).toContain('119');
    expect(text(gas, 'metadata')).toBe('false');
  });

  it('service definition: 窨井盖 values, 渍水 depth; unknown service → 404', async () => {
    const def = JSON.parse((await get('services/01001.json')).text);
    expect(def.service_code).toBe('01001');
    expect(def.attributes[0]).toMatchObject({ code: 'cover_condition', datatype: 'singlevaluelist', required: true, variable: true, order: 1 });
    expect(def.attributes[0].values.map((v: { name: string }) => v.name)).toEqual(['缺失', '破损', '松动']);
    const root = xml((await get('services/90001.xml')).text);
    expect(root.tagName).toBe('service_definition');
    const attrs = kids(kids(root, 'attributes')[0]!, 'attribute');
    expect(attrs.map((a) => text(a, 'code'))).toEqual(['water_depth_cm', 'affects']);
    expect(text(attrs[0]!, 'datatype')).toBe('number');
    const values = kids(kids(attrs[1]!, 'values')[0]!, 'value');
    expect(values.map((v) => text(v, 'key'))).toEqual(['road', 'sidewalk', 'building']);
    for (const fmt of ['json', 'xml'] as const) {
      const res = await get(`services/99999.${fmt}`);
      expect(res.status).toBe(404);
      expect(errorsOf(fmt, res.text)[0]).toMatchObject({ code: 404 });
    }
  });

  it('unknown resources and a wrong jurisdiction → 404 in the format asked for', async () => {
    for (const fmt of ['json', 'xml'] as const) {
      const res = await get(`nothing.${fmt}`);
      expect(res.status).toBe(404);
      expect(errorsOf(fmt, res.text)[0]!.code).toBe(404);
      const j = await get(`services.${fmt}?jurisdiction_id=example.org`);
      expect(j.status).toBe(404);
      expect(errorsOf(fmt, j.text)[0]!.description).toContain('jurisdiction_id');
    }
    expect((await get(`services.json?jurisdiction_id=${JURISDICTION_ID}`)).status).toBe(200);
  });
});

describe('POST /requests: errors change nothing', () => {
  async function ticketCount() {
    return t.deps.connection.db!.collection('tickets').countDocuments({});
  }

  it('missing, unknown, revoked or read-only api_key → 403', async () => {
    const before = await ticketCount();
    const revoked = (await createKey({ name: '将被吊销', operations: ['file', 'read'] })).body;
    const del = await t.request('DELETE', `/api/v1/admin/open311/keys/${revoked.id}`, { token: admin.token });
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    for (const fmt of ['json', 'xml'] as const) {
      for (const api_key of [undefined, 'nonsense', `${fileKey.slice(0, -2)}xx`, revoked.key, readKey]) {
        const res = await post(fmt, base({ api_key }));
        expect(res.status, String(api_key)).toBe(403);
        const [e] = errorsOf(fmt, res.text);
        expect(e!.code).toBe(403);
        expect(e!.description).toContain('api_key');
      }
    }
    expect(await ticketCount()).toBe(before);
  });

  it('unknown service_code, missing location, address only, outside the city, bad attributes → 400 naming the field', async () => {
    const before = await ticketCount();
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ service_code: '99999' }, 'service_code'],
      [{ service_code: 'abc' }, 'service_code'],
      [{ lat: undefined, long: undefined }, 'lat'],
      [{ lat: undefined, long: undefined, address_string: '君山区某路口' }, 'address_string'],
      [{ long: undefined }, 'long'],
      [{ lat: '95' }, 'lat'],
      [{ lat: '39.9042', long: '116.4074' }, '管辖范围'],
      [{ service_code: '01001' }, 'attribute[cover_condition]'],
      [{ service_code: '01001', 'attribute[cover_condition]': 'stolen' }, 'attribute[cover_condition]'],
      [{ service_code: '90001', 'attribute[water_depth_cm]': 'deep' }, 'attribute[water_depth_cm]'],
      [{ 'attribute[colour]': 'red' }, 'attribute[colour]'],
      [{ email: 'not-an-email' }, 'email'],
      [{ media_url: 'ftp://x/y.jpg' }, 'media_url'],
      [{ description: 'x'.repeat(4001) }, 'description'],
    ];
    for (const [over, field] of cases) {
      for (const fmt of ['json', 'xml'] as const) {
        const res = await post(fmt, base(over));
        expect(res.status, `${JSON.stringify(over)} ${fmt}`).toBe(400);
        const errors = errorsOf(fmt, res.text);
        expect(errors.every((e) => e.code === 400)).toBe(true);
        expect(errors.map((e) => e.description).join(' '), JSON.stringify(over)).toContain(field);
      }
    }
    // several wrong fields → several errors
    const many = await post('json', base({ email: 'x', phone: 'abc', lat: '200' }));
    expect(many.status).toBe(400);
    expect(errorsOf('json', many.text).length).toBeGreaterThanOrEqual(3);
    // not a form
    const json = await fetch(`${t.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(base()) });
    expect(json.status).toBe(400);
    expect(await ticketCount()).toBe(before);
  });
});

describe('filing and following a request', () => {
  it('files through the mini-program command: routed, timed, queued, with source and attributes; a retry answers the same id', async () => {
    const fields = base({
      service_code: '01001',
      'attribute[cover_condition]': 'missing',
      first_name: '三',
      last_name: '张',
      phone: '13912345678',
      email: 'zhang@example.org',
      account_id: 'acct-9',
      address_string: '君山区某路口',
      media_url: 'https://img.example.org/a.jpg',
    });
    const first = await post('json', fields);
    expect(first.status).toBe(201);
    const [filed] = JSON.parse(first.text);
    expect(filed.service_request_id).toMatch(/^YY\d{8}-\d{6}$/);
    expect(filed.account_id).toBe('acct-9');
    expect(filed.service_notice).toContain('井盖');
    const again = await post('json', fields);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)[0].service_request_id).toBe(filed.service_request_id);
    // the XML answer to a third retry names the same request
    const x = xml((await post('xml', fields)).text);
    expect(x.tagName).toBe('service_requests');
    expect(text(kids(x, 'request')[0]!, 'service_request_id')).toBe(filed.service_request_id);

    const db = t.deps.connection.db!;
    const tickets = await db.collection('tickets').find({ trackingNo: filed.service_request_id }).toArray();
    expect(tickets).toHaveLength(1);
    const tk = tickets[0]!;
    expect(tk.routing.districtCode).toBe(JUNSHAN_CODE);
    expect(tk.slaHours).toBe(4);
    expect(tk.source).toMatchObject({ kind: 'open311', keyName: '12345 热线桥接', accountId: 'acct-9', deviceId: 'device-1' });
    expect(tk.attributes).toEqual([{ code: 'cover_condition', label: '井盖情况', value: 'missing', text: '缺失' }]);
    expect(haversineMeters(tk.location, JUNSHAN)).toBeLessThan(1);
    expect(tk.reporter.citizenId).toMatch(/^open311:/);
    // no resident to notify (staff alerts may be queued)
    expect(tk.outbox.filter((e: { recipientKind: string }) => e.recipientKind === 'citizen')).toEqual([]);
    // in the district's queue, as the dispatcher sees it, and the detail names the source
    const queue = await t.request('GET', '/api/v1/admin/tickets?status=submitted', { token: dispatcher.token });
    expect(queue.body.items.map((i: { trackingNo: string }) => i.trackingNo)).toContain(filed.service_request_id);
    const detail = await t.request('GET', `/api/v1/admin/tickets/${String(tk._id)}`, { token: dispatcher.token });
    expect(detail.status).toBe(200);
    expect(detail.body.source).toMatchObject({ kind: 'open311', channel: 'open311', openApiKeyName: '12345 热线桥接', label: 'Open311：12345 热线桥接' });
    expect(detail.body.attributes).toEqual([{ code: 'cover_condition', label: '井盖情况', text: '缺失' }]);
    // a resident's ticket names the resident's channel instead
    const resident = await makeCitizen(t);
    const own = await fileReport(t, resident.token);
    const ownDetail = await t.request('GET', `/api/v1/admin/tickets/${own.body.id}`, { token: dispatcher.token });
    expect(ownDetail.body.source).toEqual({ kind: 'resident', channel: 'miniapp', label: '市民（演示登录）' });
    expect(ownDetail.body.attributes).toEqual([]);
  });

  it('GET /requests lists it in both formats, WGS-84 out, no personal data; moving it to 已结案 makes it closed with the reply', async () => {
    const description = '君山区路口垃圾（Open311 全流程）';
    const filed = JSON.parse((await post('json', base({ description, device_id: 'device-2', phone: '13900001111', first_name: '李' }))).text)[0];
    const id = filed.service_request_id as string;

    const one = JSON.parse((await get(`requests/${id}.json`)).text);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: '06010', service_name: '暴露垃圾', description, status_notes: '' });
    expect(one[0].requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(one[0].expected_datetime).toMatch(/\+08:00$/);
    expect(haversineMeters({ lat: one[0].lat, lng: one[0].long }, WGS)).toBeLessThan(1);
    const raw = JSON.stringify(one);
    for (const secret of ['13900001111', '李', 'device-2', 'open311:']) expect(raw).not.toContain(secret);

    const list = JSON.parse((await get('requests.json')).text) as { service_request_id: string }[];
    expect(list.map((r) => r.service_request_id)).toContain(id);
    const open = JSON.parse((await get('requests.json?status=open&service_code=06010,01001')).text) as { service_request_id: string; status: string }[];
    expect(open.map((r) => r.service_request_id)).toContain(id);
    expect(open.every((r) => r.status === 'open')).toBe(true);
    const byIds = JSON.parse((await get(`requests.json?service_request_id=${id},YY20200101-000001&status=closed`)).text);
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);

    const ticketId = String((await t.deps.connection.db!.collection('tickets').findOne({ trackingNo: id }))!._id);
    expect((await act(t, dispatcher.token, ticketId, { action: 'accept' })).status).toBe(200);
    expect((await act(t, dispatcher.token, ticketId, { action: 'dispatch', departmentId: dept.id })).status).toBe(200);
    expect((await act(t, handler.token, ticketId, { action: 'resolve', reply: '垃圾已清运，路面已冲洗' })).status).toBe(200);
    expect((await act(t, dispatcher.token, ticketId, { action: 'verify' })).status).toBe(200);

    const root = xml((await get(`requests/${id}.xml`)).text);
    expect(root.tagName).toBe('service_requests');
    const req = kids(root, 'request')[0]!;
    expect(text(req, 'status')).toBe('closed');
    expect(text(req, 'status_notes')).toBe('垃圾已清运，路面已冲洗');
    expect(text(req, 'agency_responsible')).toBe(dept.name);
    expect(Math.abs(Number(text(req, 'lat')) - WGS.lat)).toBeLessThan(1e-5);
    const closed = JSON.parse((await get('requests.json?status=closed')).text) as { service_request_id: string; status_notes: string; status: string }[];
    expect(closed.find((r) => r.service_request_id === id)).toMatchObject({ status: 'closed', status_notes: '垃圾已清运，路面已冲洗' });
    const stillOpen = JSON.parse((await get('requests.json?status=open')).text) as { service_request_id: string }[];
    expect(stillOpen.map((r) => r.service_request_id)).not.toContain(id);
    const listXml = xml((await get('requests.xml?status=closed')).text);
    expect(kids(listXml, 'request').map((r) => text(r, 'service_request_id'))).toContain(id);

    const token = JSON.parse((await get(`tokens/${id}.json`)).text);
    expect(token).toEqual([{ service_request_id: id, token: id }]);
  });

  it('the list shows a long description in full and a client-hosted photo URL', async () => {
    const description = `长描述：${'路边垃圾堆积，'.repeat(40)}`;
    const filed = JSON.parse((await post('json', base({ description, media_url: 'https://img.example.org/b.jpg' }))).text)[0];
    const list = JSON.parse((await get('requests.json?service_code=06010')).text) as Record<string, unknown>[];
    const item = list.find((r) => r.service_request_id === filed.service_request_id)!;
    expect(item.description).toBe(description);
    expect(item.media_url).toBe('https://img.example.org/b.jpg');
    expect(list.every((r) => r.service_code === '06010')).toBe(true);
    // newest first
    const times = list.map((r) => Date.parse(String(r.requested_datetime)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('bad dates, too long a span, unknown service_code, unknown request → 4xx in the Open311 format', async () => {
    const cases: [string, number, string][] = [
      ['requests.{f}?start_date=yesterday', 400, 'start_date'],
      ['requests.{f}?end_date=2026-11-27T09:30:00', 400, 'end_date'],
      ['requests.{f}?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00', 400, '90'],
      ['requests.{f}?start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z', 400, 'start_date'],
      ['requests.{f}?service_code=99999', 400, 'service_code'],
      ['requests.{f}?status=pending', 400, 'status'],
      ['requests.{f}?service_request_id=12345', 400, 'service_request_id'],
      ['requests/YY20200101-000001.{f}', 404, 'service_request_id'],
      ['requests/nonsense.{f}', 404, 'service_request_id'],
      ['tokens/nonsense.{f}', 404, 'token'],
      [`requests.{f}?api_key=bogus`, 403, 'api_key'],
    ];
    for (const [path, status, field] of cases) {
      for (const fmt of ['json', 'xml'] as const) {
        const res = await get(path.replace('{f}', fmt));
        expect(res.status, path).toBe(status);
        const errors = errorsOf(fmt, res.text);
        expect(errors[0]!.code).toBe(status);
        expect(errors.map((e) => e.description).join(' '), path).toContain(field);
      }
    }
    const withKey = await get(`requests.json?api_key=${encodeURIComponent(readKey)}&start_date=2026-11-01T00:00:00%2B08:00&end_date=2026-11-02T00:00:00%2B08:00`);
    expect(withKey.status).toBe(200);
  });
});

describe('keys and limits', () => {
  it('admin creates (key shown once, stored hashed), lists without keys, revokes; others may not', async () => {
    const created = await createKey({ name: '区级 App', operations: ['file'], rateLimitPerMinute: 2 });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^cgto_[0-9a-f]{24}_/);
    const stored = await t.deps.connection.db!.collection('open311_keys').findOne({ name: '区级 App' });
    expect(JSON.stringify(stored)).not.toContain(created.body.key);
    const list = await t.request('GET', '/api/v1/admin/open311/keys', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ name: '区级 App', operations: ['file'], active: true });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect((await createKey({ name: 'x', operations: ['read'] }, dispatcher.token)).status).toBe(403);
    expect((await createKey({ name: '', operations: [] })).status).toBe(400);

    // rate limit per key: 2 a minute, then 429 with Retry-After in the Open311 format
    const limited = async () => post('json', base({ api_key: created.body.key, description: `限流 ${Math.random()}` }));
    expect((await limited()).status).toBe(201);
    expect((await limited()).status).toBe(201);
    const third = await limited();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorsOf('json', third.text)[0]!.code).toBe(429);

    const revoked = await t.request('DELETE', `/api/v1/admin/open311/keys/${created.body.id}`, { token: admin.token });
    expect(revoked.body).toMatchObject({ active: false });
    expect((await t.request('DELETE', '/api/v1/admin/open311/keys/000000000000000000000000', { token: admin.token })).status).toBe(404);
  });

  it('the OpenAPI document lists every Open311 resource in both formats', async () => {
    const doc = (await t.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const f of ['json', 'xml']) {
      expect(doc.paths[`/open311/v2/discovery.${f}`]?.get).toBeDefined();
      expect(doc.paths[`/open311/v2/services.${f}`]?.get).toBeDefined();
      expect(doc.paths[`/open311/v2/services/{service_code}.${f}`]?.get).toBeDefined();
      expect(doc.paths[`/open311/v2/requests.${f}`]?.get).toBeDefined();
      expect(doc.paths[`/open311/v2/requests.${f}`]?.post).toBeDefined();
      expect(doc.paths[`/open311/v2/requests/{service_request_id}.${f}`]?.get).toBeDefined();
      expect(doc.paths[`/open311/v2/tokens/{token}.${f}`]?.get).toBeDefined();
    }
    expect(doc.paths['/api/v1/admin/open311/keys']?.post).toBeDefined();
  });
});
