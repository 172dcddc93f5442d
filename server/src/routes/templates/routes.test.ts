import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES_PER_SCOPE_LIMIT } from '@cgt/shared/ticket/reply-templates';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { departmentOf, JUNSHAN_CODE, makeStaff, YUEYANGLOU_CODE, type StaffFixture } from '../../testing/tickets.js';
import { BUILT_IN_REPLY_TEMPLATES, builtInTemplateId, seedReplyTemplates } from '../../seed/reply-templates.js';

/** 常用语: built-ins on a new install, city / district / department scope, author-or-admin editing. */

const BASE = '/api/v1/admin/reply-templates';
let t: TestServer;
let admin: StaffFixture;
let city: StaffFixture;
let junshan: StaffFixture;
let yueyanglou: StaffFixture;
let handler: StaffFixture;
let otherHandler: StaffFixture;
let dept: { id: string; name: string };

interface Item {
  id: string;
  title: string;
  scope: string;
  categoryCode?: string;
  categoryGroup?: string;
  builtIn: boolean;
  editable: boolean;
}
const list = async (token: string, query = '') => (await t.request('GET', `${BASE}${query}`, { token })).body.items as Item[];

beforeAll(async () => {
  t = await startTestServer();
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  const other = await departmentOf(t, JUNSHAN_CODE, '市政设施所');
  admin = await makeStaff(t, ['admin']);
  city = await makeStaff(t, ['dispatcher'], { name: '市中心调度' });
  junshan = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE], name: '君山调度' });
  yueyanglou = await makeStaff(t, ['dispatcher'], { districtCodes: [YUEYANGLOU_CODE], name: '岳阳楼调度' });
  handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id], name: '环卫处置' });
  otherHandler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [other.id], name: '市政处置' });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('built-in 常用语', () => {
  it('a new install has city-wide templates for every category group, which only admins may change', async () => {
    const items = await list(handler.token);
    const builtIns = items.filter((i) => i.builtIn);
    expect(builtIns.length).toBe(BUILT_IN_REPLY_TEMPLATES.length);
    const groups = new Set(BUILT_IN_REPLY_TEMPLATES.map((b) => b.categoryGroup ?? b.categoryCode?.slice(0, 2)).filter(Boolean));
    expect([...groups].sort()).toEqual(['01', '02', '06', '07', '08', '09', '90']);
    expect(builtIns.every((i) => i.scope === 'city' && !i.editable)).toBe(true);
    expect((await list(admin.token)).filter((i) => i.builtIn).every((i) => i.editable)).toBe(true);
    const id = builtIns[0]!.id;
    const refused = await t.request('PATCH', `${BASE}/${id}`, { token: city.token, body: { text: '改' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('系统预置的常用语只有管理员可以修改');
  });

  it('a built-in an admin deletes stays deleted when the seed runs again', async () => {
    const key = BUILT_IN_REPLY_TEMPLATES.find((b) => b.categoryCode === '90002')!.key;
    const id = builtInTemplateId(key);
    expect((await t.request('DELETE', `${BASE}/${id}`, { token: admin.token })).status).toBe(204);
    await seedReplyTemplates(t.deps.models, pino({ level: 'silent' }));
    expect((await list(admin.token)).some((i) => i.id === id)).toBe(false);
    expect((await t.request('PATCH', `${BASE}/${id}`, { token: admin.token, body: { text: '改' } })).status).toBe(404);
    expect(await t.deps.models.ReplyTemplate.countDocuments({ _id: id })).toBe(1); // kept, retired
  });

  it('the seed gives templates from before scopes the city scope', async () => {
    const old = await t.deps.models.ReplyTemplate.collection.insertOne({ title: '旧模板', text: '旧内容', createdBy: 'someone', createdAt: new Date(), updatedAt: new Date() });
    expect((await list(junshan.token)).some((i) => i.id === String(old.insertedId))).toBe(false);
    await seedReplyTemplates(t.deps.models, pino({ level: 'silent' }));
    expect((await list(junshan.token)).find((i) => i.id === String(old.insertedId))).toMatchObject({ scope: 'city', editable: false });
  });
});

describe('scopes', () => {
  it('a district dispatcher writes for their district, which the other district does not see', async () => {
    const res = await t.request('POST', BASE, { token: junshan.token, body: { title: '君山专用', text: '君山区内容' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ scope: 'district', districtCode: JUNSHAN_CODE, createdByName: '君山调度', editable: true, builtIn: false });
    expect((await list(junshan.token)).some((i) => i.id === res.body.id)).toBe(true);
    expect((await list(handler.token)).some((i) => i.id === res.body.id)).toBe(true); // a handler in 君山区
    expect((await list(yueyanglou.token)).some((i) => i.id === res.body.id)).toBe(false);
    expect((await list(city.token)).find((i) => i.id === res.body.id)).toMatchObject({ editable: false });

    const city1 = await t.request('POST', BASE, { token: junshan.token, body: { title: 'x', text: 'y', scope: 'city' } });
    expect(city1.status).toBe(403);
    expect(city1.body.error.details[0]).toMatchObject({ field: 'scope' });
    const other = await t.request('POST', BASE, { token: junshan.token, body: { title: 'x', text: 'y', scope: 'district', districtCode: YUEYANGLOU_CODE } });
    expect(other.status).toBe(403);
    expect(other.body.error.details[0]).toMatchObject({ field: 'districtCode' });
  });

  it('a handler writes for their department; another department does not see it', async () => {
    const res = await t.request('POST', BASE, { token: handler.token, body: { title: '环卫专用', text: '环卫内容' } });
    expect(res.body).toMatchObject({ scope: 'department', departmentId: dept.id });
    expect((await list(otherHandler.token)).some((i) => i.id === res.body.id)).toBe(false);
    expect((await list(junshan.token)).some((i) => i.id === res.body.id)).toBe(false);
    expect((await t.request('DELETE', `${BASE}/${res.body.id}`, { token: otherHandler.token })).status).toBe(403);
  });

  it('the city centre writes city-wide or for any unit; an admin edits anybody\'s', async () => {
    const res = await t.request('POST', BASE, { token: city.token, body: { title: '岳阳楼区通知', text: '内容', scope: 'district', districtCode: YUEYANGLOU_CODE } });
    expect(res.status).toBe(201);
    expect((await list(yueyanglou.token)).find((i) => i.id === res.body.id)).toMatchObject({ editable: false });
    const moved = await t.request('PATCH', `${BASE}/${res.body.id}`, { token: admin.token, body: { scope: 'city' } });
    expect(moved.body).toMatchObject({ scope: 'city' });
    expect(moved.body.districtCode).toBeUndefined();
    const audit = await t.deps.models.AuditLog.find({ targetType: 'reply_template', targetId: res.body.id }).lean();
    expect(audit.map((a) => a.action).sort()).toEqual(['reply_template.create', 'reply_template.update']);
  });

  it('bad places and categories are refused with the field named, and nothing is written', async () => {
    const before = await t.deps.models.ReplyTemplate.countDocuments({});
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ scope: 'district' }, 400, 'validation_failed', 'districtCode'],
      [{ scope: 'district', districtCode: '999999' }, 422, 'unknown_district', 'districtCode'],
      [{ scope: 'department', departmentId: '0123456789abcdef01234567' }, 422, 'unknown_department', 'departmentId'],
      [{ categoryCode: '99999' }, 422, 'unknown_category', 'categoryCode'],
      [{ categoryGroup: '55' }, 422, 'unknown_category', 'categoryGroup'],
      [{ categoryCode: '06010', categoryGroup: '06' }, 400, 'validation_failed', 'categoryGroup'],
    ];
    for (const [extra, status, code, field] of cases) {
      const res = await t.request('POST', BASE, { token: admin.token, body: { title: '坏', text: '坏', ...extra } });
      expect({ status: res.status, code: res.body.error.code, field: res.body.error.details[0]?.field }).toEqual({ status, code, field });
    }
    expect(await t.deps.models.ReplyTemplate.countDocuments({})).toBe(before);
  });

  it('a unit holds at most the limit', async () => {
    const fillerDept = await departmentOf(t, YUEYANGLOU_CODE, '环卫所');
    const scopeKey = `department:${fillerDept.id}`;
    await t.deps.models.ReplyTemplate.insertMany(
      Array.from({ length: TEMPLATES_PER_SCOPE_LIMIT }, (_, i) => ({ title: `填充${i}`, text: 'x', scope: 'department', departmentId: fillerDept.id, scopeKey, createdBy: 'x' })),
    );
    const res = await t.request('POST', BASE, { token: admin.token, body: { title: '多一条', text: 'x', scope: 'department', departmentId: fillerDept.id } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('template_limit');
    await t.deps.models.ReplyTemplate.deleteMany({ scopeKey });
  });
});

describe('fit to a ticket\'s category', () => {
  it('?categoryCode= lists the category\'s own, then its group\'s, then the general ones, and no others', async () => {
    const items = await list(handler.token, '?categoryCode=06013');
    const fits = items.map((i) => (i.categoryCode ? 2 : i.categoryGroup ? 1 : 0));
    expect(fits).toEqual([...fits].sort((a, b) => b - a));
    expect(items[0]).toMatchObject({ categoryCode: '06013', title: '道路已修补' });
    expect(items.some((i) => i.categoryGroup === '06')).toBe(true);
    expect(items.some((i) => i.title === '已处理完毕')).toBe(true);
    expect(items.every((i) => (i.categoryCode ? i.categoryCode === '06013' : i.categoryGroup ? i.categoryGroup === '06' : true))).toBe(true);
  });

  it('?editable=true keeps what the caller may change', async () => {
    const items = await list(junshan.token, '?editable=true');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.editable && !i.builtIn)).toBe(true);
  });
});
