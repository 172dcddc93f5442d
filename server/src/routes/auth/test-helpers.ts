import { hash } from '@node-rs/argon2';
import type { StaffRole } from '../../http/auth.js';
import type { Models } from '../../models/index.js';
import { ARGON2_OPTIONS } from '../../seed/initial-admin.js';
import type { TestServer } from '../../testing/harness.js';

/** Test-only: inserts a staff account directly (the admin API is tested separately). */
export async function createStaff(
  models: Models,
  o: { username: string; password: string; roles: StaffRole[]; districtCodes?: string[]; departmentIds?: string[]; disabled?: boolean; displayName?: string },
): Promise<string> {
  const u = await models.StaffUser.create({
    username: o.username,
    displayName: o.displayName ?? o.username,
    passwordHash: await hash(o.password, ARGON2_OPTIONS),
    roles: o.roles,
    districtCodes: o.districtCodes ?? [],
    departmentIds: o.departmentIds ?? [],
    disabled: o.disabled ?? false,
  });
  return String(u._id);
}

/** Test-only: logs in through the API and returns the token pair. */
export async function loginAs(t: TestServer, username: string, password: string): Promise<{ token: string; refreshToken: string; id: string }> {
  const res = await t.request('POST', '/api/v1/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, refreshToken: res.body.refreshToken, id: res.body.user.id };
}
