import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createStaffUser } from './create-staff-user.js';
import { resetStaffPassword } from './reset-staff-password.js';
import { unlockStaffUser } from './unlock-staff-user.js';
import { updateStaffUser } from './update-staff-user.js';

/** The account commands write and audit in one place: each change leaves exactly one entry, a refusal none. */

let t: TestServer;
let admin: StaffPrincipal;
const IP = '203.0.113.7';

beforeAll(async () => {
  t = await startTestServer({ seed: false });
  await t.deps.models.District.create({ code: '430602', name: '岳阳楼区', kind: 'district', geometry: '{}' });
  const u = await t.deps.models.StaffUser.create({ username: 'cmd-root', displayName: '命令管理员', passwordHash: 'x', roles: ['admin'] });
  admin = { kind: 'staff', userId: String(u._id), username: 'cmd-root', displayName: '命令管理员', roles: ['admin'], districtCodes: [], departmentIds: [] };
});
afterAll(async () => t?.close());

const entries = (targetId: string) => t.deps.models.AuditLog.find({ targetId }).sort({ at: 1 }).lean();

async function refused(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('staff account commands', () => {
  it('create returns the record and the generated password once, and audits without the password', async () => {
    const r = await createStaffUser(t.deps, admin, { username: 'cmd.zhang', displayName: '张三', roles: ['dispatcher'], districtCodes: ['430602'], departmentIds: [] }, IP);
    expect(r.user.username).toBe('cmd.zhang');
    expect(r.user.mustChangePassword).toBe(true);
    expect(r.generatedPassword).toMatch(/^[\w-]{16}$/);
    const log = await entries(String(r.user._id));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'user.create', actorId: admin.userId, actorName: '命令管理员', ip: IP, targetType: 'staff_user' });
    expect(JSON.stringify(log[0])).not.toContain(r.generatedPassword);

    const dup = await refused(createStaffUser(t.deps, admin, { username: 'cmd.zhang', displayName: '又一个', roles: ['viewer'], districtCodes: [], departmentIds: [] }, IP));
    expect(dup.code).toBe('username_taken');
    expect(await t.deps.models.AuditLog.countDocuments({ action: 'user.create', 'details.username': 'cmd.zhang' })).toBe(1);
  });

  it('update audits what changed, a no-op writes nothing, self-disable is refused unaudited', async () => {
    const { user } = await createStaffUser(t.deps, admin, { username: 'cmd.li', displayName: '李四', roles: ['viewer'], districtCodes: [], departmentIds: [], password: 'Correct-horse-42' }, IP);
    const id = String(user._id);
    const updated = await updateStaffUser(t.deps, admin, id, { displayName: '李四（改）' }, IP);
    expect(updated.displayName).toBe('李四（改）');
    await updateStaffUser(t.deps, admin, id, {}, IP);
    const disabled = await updateStaffUser(t.deps, admin, id, { disabled: true }, IP);
    expect(disabled.disabled).toBe(true);
    expect((await entries(id)).map((e) => e.action)).toEqual(['user.create', 'user.update', 'user.disable']);

    const self = await refused(updateStaffUser(t.deps, admin, admin.userId, { disabled: true }, IP));
    expect(self.code).toBe('cannot_modify_self');
    expect(await entries(admin.userId)).toHaveLength(0);
  });

  it('reset and unlock audit once each; an unknown id is 404 and audits nothing', async () => {
    const { user } = await createStaffUser(t.deps, admin, { username: 'cmd.wang', displayName: '王五', roles: ['viewer'], districtCodes: [], departmentIds: [] }, IP);
    const id = String(user._id);
    await t.deps.models.StaffUser.updateOne({ _id: user._id }, { $set: { lockedUntil: new Date(Date.now() + 600_000) } });
    const { password } = await resetStaffPassword(t.deps, admin, id, IP);
    expect(password).toMatch(/^[\w-]{16}$/);
    const unlocked = await unlockStaffUser(t.deps, admin, id, IP);
    expect(unlocked.lockedUntil).toBeUndefined();
    expect((await entries(id)).map((e) => e.action)).toEqual(['user.create', 'user.reset_password', 'user.unlock']);

    const missing = 'f'.repeat(24);
    expect((await refused(resetStaffPassword(t.deps, admin, missing, IP))).code).toBe('not_found');
    expect(await entries(missing)).toHaveLength(0);
  });
});
