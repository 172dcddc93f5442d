import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { recordAudit } from '../../services/audit.js';

/** Loading an account, and the audit entry every account change writes. */

export async function findStaffUser(deps: AppDeps, id: string) {
  if (!OBJECT_ID_RE.test(id)) throw fail('not_found', [], '账号不存在');
  const user = await deps.models.StaffUser.findById(id).lean();
  if (!user) throw fail('not_found', [], '账号不存在');
  return user;
}

export type StaffUserRecord = Awaited<ReturnType<typeof findStaffUser>>;

export function auditStaffUser(
  deps: AppDeps,
  by: StaffPrincipal,
  ip: string,
  action: string,
  userId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  return recordAudit(deps, {
    actor: { kind: 'staff', id: by.userId, name: by.displayName },
    action,
    targetType: 'staff_user',
    targetId: userId,
    ip,
    ...(details ? { details } : {}),
  });
}
