import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { StaffPrincipal } from '../../http/auth.js';
import { apiKeyMatches } from '../../services/operator-api-key.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createOperator } from './create-operator.js';
import { rotateOperatorKey } from './rotate-key.js';

let t: TestServer;
const admin: StaffPrincipal = { kind: 'staff', userId: new Types.ObjectId().toHexString(), username: 'cmd_admin', displayName: '命令测试管理员', roles: ['admin'], districtCodes: [], departmentIds: [] };

beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => t?.close());

describe('operator keys', () => {
  it('creation stores only the hash; rotation replaces it, so the old key stops matching; both audited, never the key', async () => {
    const created = await createOperator(t.deps, admin, { name: '测试运营方', parkingIds: [] }, '');
    const id = String(created.operator._id);
    const stored = async () => (await t.deps.models.ParkingOperator.findById(id).lean())!.keyHash;
    expect(apiKeyMatches(created.apiKey, await stored())).toBe(true);

    const rotated = await rotateOperatorKey(t.deps, admin, id.toUpperCase(), '10.0.0.4');
    expect(rotated.apiKey).not.toBe(created.apiKey);
    expect(rotated.operator.keyPrefix).toBe(rotated.apiKey.slice(0, 35));
    expect(apiKeyMatches(rotated.apiKey, await stored())).toBe(true);
    expect(apiKeyMatches(created.apiKey, await stored())).toBe(false);

    const entries = await t.deps.models.AuditLog.find({ targetId: id }).lean();
    expect(entries.map((e) => e.action).sort()).toEqual(['parking_operator.create', 'parking_operator.rotate_key']);
    expect(JSON.stringify(entries)).not.toContain(rotated.apiKey.slice(35));
  });

  it('an unknown operator → 404, no audit entry', async () => {
    const ghost = new Types.ObjectId().toHexString();
    await expect(rotateOperatorKey(t.deps, admin, ghost, '')).rejects.toMatchObject({ status: 404 });
    expect(await t.deps.models.AuditLog.countDocuments({ targetId: ghost })).toBe(0);
  });
});
