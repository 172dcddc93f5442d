import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { RawRow } from '../../domain/poi/import-rows.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { getPoiSnapshot } from '../../services/poi-index.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { importPoi } from './import-poi.js';

let t: TestServer;
const admin: StaffPrincipal = { kind: 'staff', userId: new Types.ObjectId().toHexString(), username: 'cmd_admin', displayName: '命令测试管理员', roles: ['admin'], districtCodes: [], departmentIds: [] };
const IN_CITY = { lat: 29.3718, lng: 113.1297 };
const row = (n: number, values: Record<string, unknown>): RawRow => ({ row: n, values: { kind: '固定', openingHours: '24h', address: '测试路', ...IN_CITY, ...values } });

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t?.close());

describe('importPoi', () => {
  it('all-or-nothing: one bad row → import_invalid naming it, nothing written, no audit', async () => {
    const demo = await t.deps.models.Toilet.countDocuments({ demo: true });
    expect(demo).toBeGreaterThan(0);
    const rows = [row(2, { name: '测试公厕甲' }), row(3, { name: '测试公厕乙', lat: 39.9, lng: 116.4 })];
    await expect(importPoi(t.deps, admin, 'toilet', { rows, readErrors: [], mode: 'all-or-nothing', coordSys: 'gcj02' }, '')).rejects.toMatchObject({
      code: 'import_invalid',
      details: [{ row: 3, field: 'lat' }],
    });
    expect(await t.deps.models.Toilet.countDocuments({ name: /^测试公厕/ })).toBe(0);
    expect(await t.deps.models.Toilet.countDocuments({ demo: true })).toBe(demo);
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'toilet.import' })).toBe(0);
  });

  it('valid-only: good rows replace the demo set, bad rows come back, the import is audited with its counts', async () => {
    const rows = [row(2, { name: '测试公厕甲' }), row(3, { name: '测试公厕乙', kind: '不存在的类型' })];
    const res = await importPoi(t.deps, admin, 'toilet', { rows, readErrors: [], mode: 'valid-only', coordSys: 'gcj02' }, '10.0.0.3');
    expect(res).toMatchObject({ created: 1, updated: 0, errors: [{ row: 3, field: 'kind' }] });
    expect(res.demoRemoved).toBeGreaterThan(0);
    expect(await t.deps.models.Toilet.countDocuments({ demo: true })).toBe(0);
    const snap = await getPoiSnapshot(t.deps);
    expect(snap.toilets.items.map((e) => e.name)).toEqual(['测试公厕甲']);
    const entry = await t.deps.models.AuditLog.findOne({ action: 'toilet.import' }).lean();
    expect(entry).toMatchObject({ ip: '10.0.0.3', details: { created: 1, rejected: 1, mode: 'valid-only' } });

    // a row carrying the id of a real record updates it instead of adding a twin
    const id = snap.toilets.items[0]!.id;
    const again = await importPoi(t.deps, admin, 'toilet', { rows: [row(2, { id, name: '测试公厕甲（改）' })], readErrors: [], mode: 'all-or-nothing', coordSys: 'gcj02' }, '');
    expect(again).toMatchObject({ created: 0, updated: 1, demoRemoved: 0, errors: [] });
    expect((await t.deps.models.Toilet.findById(id).lean())?.name).toBe('测试公厕甲（改）');
  });
});
