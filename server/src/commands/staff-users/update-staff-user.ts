import type { UpdateUserRequest } from '@cgt/shared/schemas/users';
import type { AppDeps } from '../../deps.js';
import { freshStamp } from '../../db/snapshot.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { accountLocks } from '../../services/keyed-mutex.js';
import { revokeAllForUser } from '../auth/refresh-tokens.js';
import { auditStaffUser, findStaffUser, type StaffUserRecord } from './common.js';
import { assertDepartmentIds, assertDistrictCodes, assertHandlerHasDepartment } from './references.js';

/**
 * 修改账号 (admins): name, roles, districts, departments, phone, disabled. An administrator cannot
 * disable themself or drop their own admin role (422 cannot_modify_self); disabling bumps the token
 * stamp and ends every session. Nothing changed → nothing written, nothing audited.
 */
export async function updateStaffUser(deps: AppDeps, by: StaffPrincipal, id: string, body: UpdateUserRequest, ip: string): Promise<StaffUserRecord> {
  // read-check-write of one account: serialized with logins and resets (services/keyed-mutex.ts)
  return accountLocks.run(id, async () => {
    const user = await findStaffUser(deps, id);
    const self = String(user._id) === by.userId;
    if (self && body.disabled === true) {
      throw fail('cannot_modify_self', [{ field: 'disabled', message: '不能停用自己的账号' }], '不能停用自己的账号');
    }
    if (self && body.roles && !body.roles.includes('admin')) {
      throw fail('cannot_modify_self', [{ field: 'roles', message: '不能取消自己的管理员角色' }], '不能取消自己的管理员角色');
    }
    const roles = body.roles ? [...new Set(body.roles)] : ((user.roles ?? []) as string[]);
    const departmentIds = body.departmentIds ? [...new Set(body.departmentIds)] : (user.departmentIds ?? []).map(String);
    assertHandlerHasDepartment(roles, departmentIds);
    if (body.districtCodes) await assertDistrictCodes(deps, body.districtCodes);
    if (body.departmentIds) await assertDepartmentIds(deps, body.departmentIds);

    const set: Record<string, unknown> = {};
    const unset: Record<string, 1> = {};
    if (body.displayName !== undefined) set.displayName = body.displayName;
    if (body.roles) set.roles = roles;
    if (body.districtCodes) set.districtCodes = [...new Set(body.districtCodes)];
    if (body.departmentIds) set.departmentIds = departmentIds;
    if (body.disabled !== undefined) set.disabled = body.disabled;
    if (body.phone === null) unset.phone = 1;
    else if (body.phone !== undefined) set.phone = body.phone;
    const disabling = body.disabled === true && !user.disabled;
    // role/district changes need no token bump: authenticate() reloads the account on every request
    const update: Record<string, unknown> = {};
    if (Object.keys(set).length) update.$set = set;
    if (Object.keys(unset).length) update.$unset = unset;
    // a fresh stamp, not $inc (FerretDB loses concurrent increments): outstanding tokens stop matching
    if (disabling) update.$set = { ...set, tokenVersion: freshStamp() };
    const updated = Object.keys(update).length
      ? await deps.models.StaffUser.findOneAndUpdate({ _id: user._id }, update, { returnDocument: 'after' }).lean()
      : user;
    if (!updated) throw fail('not_found', [], '账号不存在');
    if (disabling) await revokeAllForUser(deps, String(user._id), 'disabled');
    const changed = [...Object.keys(set), ...Object.keys(unset)];
    if (changed.length === 0) return updated; // nothing written, nothing to audit
    const action = disabling ? 'user.disable' : body.disabled === false && user.disabled ? 'user.enable' : 'user.update';
    await auditStaffUser(deps, by, ip, action, String(user._id), {
      changed,
      ...(body.roles ? { roles } : {}),
      ...(body.districtCodes ? { districtCodes: set.districtCodes } : {}),
      ...(body.departmentIds ? { departmentIds } : {}),
    });
    return updated;
  });
}
