import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { accountLocks } from '../../services/keyed-mutex.js';
import { clearAccountFailures } from '../auth/login-throttle.js';
import { auditStaffUser, findStaffUser, type StaffUserRecord } from './common.js';

/** 解除锁定 (admins): the failure records of the account from every IP are cleared, and the shown lock. */
export async function unlockStaffUser(deps: AppDeps, by: StaffPrincipal, id: string, ip: string): Promise<StaffUserRecord> {
  const user = await findStaffUser(deps, id);
  const cleared = await clearAccountFailures(deps, user.username);
  const updated = await accountLocks.run(String(user._id), () =>
    deps.models.StaffUser.findOneAndUpdate({ _id: user._id }, { $unset: { lockedUntil: 1 } }, { returnDocument: 'after' }).lean(),
  );
  if (!updated) throw fail('not_found', [], '账号不存在');
  await auditStaffUser(deps, by, ip, 'user.unlock', String(user._id), { failuresCleared: cleared });
  return updated;
}
