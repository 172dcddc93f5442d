import type { CreateUserRequest } from '@cgt/shared/schemas/users';
import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { assertPasswordAcceptable, generatePassword, hashWithHistory, passwordPolicyOf } from '../../services/password-policy.js';
import { auditStaffUser, type StaffUserRecord } from './common.js';
import { assertDepartmentIds, assertDistrictCodes, assertHandlerHasDepartment } from './references.js';

export interface CreatedStaffUser {
  user: StaffUserRecord;
  /** the generated password, when none was given (shown to the administrator once) */
  generatedPassword?: string;
}

/**
 * 新建账号 (admins): roles and references checked, the password checked against the policy (or one
 * generated), hashed, the account created with mustChangePassword (the administrator knows the password),
 * a taken username → 409 username_taken, and the audit entry (never the password).
 */
export async function createStaffUser(deps: AppDeps, by: StaffPrincipal, body: CreateUserRequest, ip: string): Promise<CreatedStaffUser> {
  assertHandlerHasDepartment(body.roles, body.departmentIds);
  const policy = passwordPolicyOf(deps.config);
  if (body.password) assertPasswordAcceptable(policy, body.password, body.username, 'password');
  await assertDistrictCodes(deps, body.districtCodes);
  await assertDepartmentIds(deps, body.departmentIds);
  const password = body.password ?? generatePassword(policy, body.username);
  let created;
  try {
    created = await deps.models.StaffUser.create({
      username: body.username,
      displayName: body.displayName,
      ...(await hashWithHistory(policy, password, [])),
      roles: [...new Set(body.roles)],
      districtCodes: [...new Set(body.districtCodes)],
      departmentIds: [...new Set(body.departmentIds)],
      ...(body.phone ? { phone: body.phone } : {}),
      // the administrator knows this password: the owner replaces it at first login
      mustChangePassword: true,
    });
  } catch (err) {
    if (isDuplicateKey(err)) {
      throw fail('username_taken', [{ field: 'username', message: '用户名已被使用' }]);
    }
    throw err;
  }
  const user = created.toObject() as StaffUserRecord;
  await auditStaffUser(deps, by, ip, 'user.create', String(user._id), {
    username: body.username,
    roles: body.roles,
    districtCodes: body.districtCodes,
    departmentIds: body.departmentIds,
  });
  return { user, ...(body.password ? {} : { generatedPassword: password }) };
}
