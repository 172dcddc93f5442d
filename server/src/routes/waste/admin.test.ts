import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../domain/waste/csv.js';
import { refreshWasteIndexIfChanged } from '../../services/waste-index.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { wasteStaffToken } from '../../testing/waste.js';

let t: TestServer;
let admin: string;
let dispatcher: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await wasteStaffToken(t, ['admin']);
  dispatcher = await wasteStaffToken(t, ['dispatcher']);
});
afterAll(async () => t?.close());

const first = async (q: string) => (await t.request('GET', `/api/v1/waste/search?q=${encodeURIComponent(q)}`)).body.items[0];
const findItem = async (name: string) =>
  (await t.request('GET', `/api/v1/admin/waste/items?pageSize=200&q=${encodeURIComponent(name)}`, { token: admin })).body.items.find((i: { name: string }) => i.name === name);

describe('admin waste items', () => {
  it('requires an administrator', async () => {
    expect((await t.request('GET', '/api/v1/admin/waste/items')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/admin/waste/items', { token: dispatcher })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/admin/waste/items', { token: dispatcher, body: { name: '甲', category: 'kitchen' } })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/admin/waste/misses', { token: dispatcher })).status).toBe(403);
  });

  it('lists with filters and pages', async () => {
    const all = await t.request('GET', '/api/v1/admin/waste/items?pageSize=5', { token: admin });
    expect(all.body.total).toBe(3940);
    expect(all.body.items).toHaveLength(5);
    const haz = await t.request('GET', '/api/v1/admin/waste/items?category=hazardous&q=电池', { token: admin });
    expect(haz.body.items.every((i: { category: string; name: string }) => i.category === 'hazardous' && i.name.includes('电池'))).toBe(true);
    expect((await t.request('GET', '/api/v1/admin/waste/items?category=bulky', { token: admin })).status).toBe(400);
  });

  it('an edit changes search results at once (index rebuilt), is marked edited and audited', async () => {
    const item = await findItem('西瓜皮');
    expect(item).toMatchObject({ name: '西瓜皮', category: 'kitchen', edited: false });
    const res = await t.request('PATCH', `/api/v1/admin/waste/items/${item.id}`, { token: admin, body: { category: 'residual', aliases: ['瓜皮壳'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '西瓜皮', category: 'residual', categoryName: '其他垃圾', aliases: ['瓜皮壳'], edited: true });
    expect(await first('西瓜皮')).toMatchObject({ category: 'residual' });
    expect(await first('瓜皮壳')).toMatchObject({ name: '西瓜皮', matchedBy: 'alias' });
    const audit = await t.deps.models.AuditLog.findOne({ action: 'waste.item.update', targetId: item.id }).lean();
    expect(audit?.details).toMatchObject({ before: { category: 'kitchen' }, after: { category: 'residual' } });
    await t.request('PATCH', `/api/v1/admin/waste/items/${item.id}`, { token: admin, body: { category: 'kitchen', aliases: [] } });
  });

  it('create, rename conflicts, delete (tombstone) and revive', async () => {
    const created = await t.request('POST', '/api/v1/admin/waste/items', { token: admin, body: { name: '洞庭银鱼干', category: 'kitchen', aliases: ['岳阳银鱼'] } });
    expect(created.status).toBe(201);
    expect(await first('洞庭银鱼干')).toMatchObject({ name: '洞庭银鱼干', category: 'kitchen', matchedBy: 'exact' });
    expect(await first('dongtingyinyugan')).toMatchObject({ name: '洞庭银鱼干' });
    expect((await t.request('POST', '/api/v1/admin/waste/items', { token: admin, body: { name: '洞庭银鱼干', category: 'kitchen' } })).body.error.code).toBe('waste_item_exists');
    expect((await t.request('POST', '/api/v1/admin/waste/items', { token: admin, body: { name: 'cpu', category: 'kitchen' } })).status).toBe(409); // CPU exists
    const rename = await t.request('PATCH', `/api/v1/admin/waste/items/${created.body.id}`, { token: admin, body: { name: '电池' } });
    expect(rename.status).toBe(409);
    expect((await t.request('PATCH', `/api/v1/admin/waste/items/${created.body.id}`, { token: admin, body: {} })).status).toBe(400);
    expect((await t.request('DELETE', `/api/v1/admin/waste/items/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', '/api/v1/waste/search?q=洞庭银鱼干')).body.items.map((i: { name: string }) => i.name)).not.toContain('洞庭银鱼干');
    expect((await t.request('DELETE', `/api/v1/admin/waste/items/${created.body.id}`, { token: admin })).status).toBe(404);
    expect((await t.request('PATCH', '/api/v1/admin/waste/items/nope', { token: admin, body: { category: 'kitchen' } })).status).toBe(400);
    expect((await t.request('PATCH', `/api/v1/admin/waste/items/${'0'.repeat(24)}`, { token: admin, body: { category: 'kitchen' } })).status).toBe(404);
    const revived = await t.request('POST', '/api/v1/admin/waste/items', { token: admin, body: { name: '洞庭银鱼干', category: 'residual' } });
    expect(revived.status).toBe(201);
    expect(revived.body.id).toBe(created.body.id);
    expect(await first('洞庭银鱼干')).toMatchObject({ category: 'residual' });
  });

  it('another instance converges through the version counter', async () => {
    // a second "instance": same database, its own index state (keyed by the models object)
    const other = { ...t.deps, models: { ...t.deps.models } };
    const { getWasteSnapshot } = await import('../../services/waste-index.js');
    const snap = await getWasteSnapshot(other);
    const id = (await findItem('报纸')).id;
    expect(snap.byId.get(id)!.category).toBe('recyclable');
    await t.request('PATCH', `/api/v1/admin/waste/items/${id}`, { token: admin, body: { category: 'residual' } });
    expect((await getWasteSnapshot(other)).byId.get(id)!.category).toBe('recyclable'); // stale until it checks
    expect(await refreshWasteIndexIfChanged(other)).toBe(true);
    expect((await getWasteSnapshot(other)).byId.get(id)!.category).toBe('residual');
    expect(await refreshWasteIndexIfChanged(other)).toBe(false);
    await t.request('PATCH', `/api/v1/admin/waste/items/${id}`, { token: admin, body: { category: 'recyclable' } });
  });
});

describe('import / export', () => {
  it('exports CSV that Excel reads (BOM) and that imports back unchanged', async () => {
    const res = await fetch(`${t.url}/api/v1/admin/waste/items/export.csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['name', 'category', 'categoryName', 'aliases']);
    expect(rows.find((r) => r[0] === '安全套')).toEqual(['安全套', 'residual', '其他垃圾', '避孕套']);
    const back = await t.request('POST', '/api/v1/admin/waste/items/import', { token: admin, body: text, headers: { 'content-type': 'text/csv' } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ created: 0, updated: 0, errors: [] });
    expect(back.body.unchanged).toBe(rows.length - 1);
  });

  it('a file with bad rows writes nothing and names every bad row', async () => {
    const csv = 'name,category,aliases\n螺蛳粉汤,kitchen,\n,kitchen,\n电池,bulky,\n螺蛳粉汤,residual,';
    const res = await t.request('POST', '/api/v1/admin/waste/items/import', { token: admin, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import_invalid');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ row: 3, field: 'name' }),
      expect.objectContaining({ row: 4, field: 'category' }),
      expect.objectContaining({ row: 5, field: 'name' }),
    ]);
    expect((await t.request('GET', '/api/v1/waste/search?q=螺蛳粉汤')).body.items.map((i: { name: string }) => i.name)).not.toContain('螺蛳粉汤');
    const partial = await t.request('POST', '/api/v1/admin/waste/items/import?mode=valid-only', { token: admin, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ created: 1, updated: 0 });
    expect(partial.body.errors).toHaveLength(3);
    expect(await first('螺蛳粉汤')).toMatchObject({ name: '螺蛳粉汤', category: 'kitchen' });
  });

  it('JSON rows: create and update (matched case-insensitively), edited survives', async () => {
    const res = await t.request('POST', '/api/v1/admin/waste/items/import', {
      token: admin,
      body: { rows: [{ name: '槟榔渣', category: '厨余垃圾', aliases: ['槟榔'] }, { name: 'cpu', category: 'hazardous' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 1, unchanged: 0, errors: [] });
    expect(await first('cpu')).toMatchObject({ name: 'CPU', category: 'hazardous', aliases: ['cpu'] }); // no aliases key: kept
    expect((await t.deps.models.WasteItem.findOne({ name: 'CPU' }).lean())?.edited).toBe(true);
    const bad = await t.request('POST', '/api/v1/admin/waste/items/import', { token: admin, body: { rows: [{ name: 5, category: 'kitchen' }] } });
    expect(bad.body.error.details[0]).toMatchObject({ row: 1, field: 'name' });
    expect((await t.request('POST', '/api/v1/admin/waste/items/import', { token: admin, body: { rows: [] } })).status).toBe(400);
    expect((await t.request('POST', '/api/v1/admin/waste/items/import', { token: admin, body: 'x', headers: { 'content-type': 'application/xml' } })).status).toBe(415);
  });
});

describe('misses and category guide', () => {
  it('lists misses, most searched first', async () => {
    for (const q of ['火星岩石', '火星岩石', '火星岩石', '独角兽']) await t.request('GET', `/api/v1/waste/search?q=${encodeURIComponent(q)}`);
    await expect.poll(async () => (await t.deps.models.WasteMiss.findById('火星岩石').lean())?.count).toBe(3);
    await expect.poll(async () => (await t.deps.models.WasteMiss.findById('独角兽').lean())?.count).toBe(1);
    const res = await t.request('GET', '/api/v1/admin/waste/misses', { token: admin });
    expect(res.body.items[0]).toMatchObject({ query: '火星岩石', count: 3 });
    expect(res.body.items.map((m: { query: string }) => m.query)).toContain('独角兽');
    expect(res.body.total).toBeGreaterThanOrEqual(2);
  });

  it('edits a category guide text; validation names the field', async () => {
    const res = await t.request('PATCH', '/api/v1/admin/waste/categories/kitchen', { token: admin, body: { tipsZh: ['沥干水分再投放'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'kitchen', tipsZh: ['沥干水分再投放'] });
    const guide = await t.request('GET', '/api/v1/waste/categories');
    expect(guide.body.categories[2].tipsZh).toEqual(['沥干水分再投放']);
    expect((await t.request('PATCH', '/api/v1/admin/waste/categories/bulky', { token: admin, body: { tipsZh: [] } })).status).toBe(400);
    const bad = await t.request('PATCH', '/api/v1/admin/waste/categories/kitchen', { token: admin, body: { descriptionZh: '' } });
    expect(bad.body.error.details[0].field).toBe('descriptionZh');
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'waste.category.update' })).toBe(1);
  });
});
