import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { StaffPrincipal } from '../../http/auth.js';
import { getWasteSnapshot } from '../../services/waste-index.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createWasteItem } from './create-item.js';
import { deleteWasteItem } from './delete-item.js';

let t: TestServer;
const admin: StaffPrincipal = { kind: 'staff', userId: new Types.ObjectId().toHexString(), username: 'cmd_admin', displayName: '命令测试管理员', roles: ['admin'], districtCodes: [], departmentIds: [] };
const audits = (action: string, targetId?: string) => t.deps.models.AuditLog.countDocuments({ action, ...(targetId ? { targetId } : {}) });

beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => t?.close());

describe('createWasteItem', () => {
  it('creates, indexes and audits; a name search already finds (any case) → waste_item_exists, nothing written', async () => {
    const item = await createWasteItem(t.deps, admin, { name: 'Zq测试灯泡', category: 'residual', aliases: ['灯泡甲'] }, '10.0.0.1');
    expect(item).toMatchObject({ name: 'Zq测试灯泡', category: 'residual', aliases: ['灯泡甲'], edited: true });
    expect((await getWasteSnapshot(t.deps)).byId.get(item.id)?.name).toBe('Zq测试灯泡');
    const entry = await t.deps.models.AuditLog.findOne({ action: 'waste.item.create', targetId: item.id }).lean();
    expect(entry).toMatchObject({ actorId: admin.userId, ip: '10.0.0.1', details: { name: 'Zq测试灯泡', category: 'residual' } });

    await expect(createWasteItem(t.deps, admin, { name: 'zq测试灯泡', category: 'hazardous', aliases: [] }, '10.0.0.1')).rejects.toMatchObject({ status: 409, code: 'waste_item_exists' });
    expect(await t.deps.models.WasteItem.countDocuments({ name: 'zq测试灯泡' })).toBe(0);
    expect(await audits('waste.item.create')).toBe(1);
  });

  it('adding a removed item again revives its tombstone (same id)', async () => {
    const first = await createWasteItem(t.deps, admin, { name: '测试旧台灯', category: 'recyclable', aliases: [] }, '');
    await deleteWasteItem(t.deps, admin, first.id, '');
    expect((await getWasteSnapshot(t.deps)).byId.has(first.id)).toBe(false);
    const again = await createWasteItem(t.deps, admin, { name: '测试旧台灯', category: 'hazardous', aliases: [] }, '');
    expect(again).toMatchObject({ id: first.id, category: 'hazardous' });
    expect(await t.deps.models.WasteItem.countDocuments({ name: '测试旧台灯' })).toBe(1);
  });

  it('a name written behind the index (another writer at the same moment) is refused by the unique index, not audited', async () => {
    await getWasteSnapshot(t.deps);
    // the index of this instance has not seen this row yet, so only the database can refuse the twin
    await t.deps.models.WasteItem.create({ name: '测试并发物品', category: 'kitchen', aliases: [] });
    expect([...(await getWasteSnapshot(t.deps)).byId.values()].some((i) => i.name === '测试并发物品')).toBe(false);
    await expect(createWasteItem(t.deps, admin, { name: '测试并发物品', category: 'kitchen', aliases: [] }, '')).rejects.toMatchObject({ status: 409, code: 'waste_item_exists' });
    expect(await t.deps.models.WasteItem.countDocuments({ name: '测试并发物品' })).toBe(1);
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'waste.item.create', 'details.name': '测试并发物品' })).toBe(0);
  });
});
