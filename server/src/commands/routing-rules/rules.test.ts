import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { StaffPrincipal } from '../../http/auth.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createRule } from './create-rule.js';
import { deleteRule } from './delete-rule.js';
import { updateRule } from './update-rule.js';

let t: TestServer;
let departmentId: string;
const admin: StaffPrincipal = { kind: 'staff', userId: new Types.ObjectId().toHexString(), username: 'cmd_admin', displayName: '命令测试管理员', roles: ['admin'], districtCodes: [], departmentIds: [] };

beforeAll(async () => {
  t = await startTestServer();
  const d = await t.deps.models.Department.findOne({ districtCode: '430602' }).lean();
  departmentId = String(d!._id);
});
afterAll(async () => t?.close());

describe('routing rule commands', () => {
  it('create names an unnamed rule after its area and category; update and delete audit what changed and what was removed', async () => {
    const rule = await createRule(t.deps, admin, { scopeCode: '430602', categoryCode: '06', departmentId, priority: 5 }, '10.0.0.2');
    expect(rule.name).not.toBe('');
    expect(rule).toMatchObject({ scopeCode: '430602', categoryCode: '06', departmentId, priority: 5, demo: false });
    const id = String(rule._id);
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'routing_rule.create', targetId: id, ip: '10.0.0.2' })).toBe(1);

    const changed = await updateRule(t.deps, admin, id, { priority: 9 }, '');
    expect(changed.priority).toBe(9);

    const removed = await deleteRule(t.deps, admin, id, '');
    expect(String(removed._id)).toBe(id);
    expect(await t.deps.models.RoutingRule.countDocuments({ _id: id })).toBe(0);
    const entry = await t.deps.models.AuditLog.findOne({ action: 'routing_rule.delete', targetId: id }).lean();
    expect(entry?.details).toEqual({ scopeCode: '430602', categoryCode: '06', departmentId });
  });

  it('unknown references and ids are refused naming the field, and nothing is written or audited', async () => {
    const before = await t.deps.models.RoutingRule.countDocuments({});
    await expect(createRule(t.deps, admin, { scopeCode: '999999', categoryCode: '06', departmentId, priority: 0 }, '')).rejects.toMatchObject({
      code: 'unknown_district',
      details: [{ field: 'scopeCode' }],
    });
    await expect(createRule(t.deps, admin, { scopeCode: '430602', categoryCode: '77', departmentId, priority: 0 }, '')).rejects.toMatchObject({
      code: 'unknown_category',
      details: [{ field: 'categoryCode' }],
    });
    await expect(createRule(t.deps, admin, { scopeCode: '430602', categoryCode: '*', departmentId: new Types.ObjectId().toHexString(), priority: 0 }, '')).rejects.toMatchObject({
      code: 'unknown_department',
      details: [{ field: 'departmentId' }],
    });
    const ghost = new Types.ObjectId().toHexString();
    await expect(updateRule(t.deps, admin, ghost, { priority: 1 }, '')).rejects.toMatchObject({ status: 404 });
    await expect(deleteRule(t.deps, admin, ghost, '')).rejects.toMatchObject({ status: 404 });
    expect(await t.deps.models.RoutingRule.countDocuments({})).toBe(before);
    expect(await t.deps.models.AuditLog.countDocuments({ targetId: ghost })).toBe(0);
  });
});
