import type { PatchDepartmentRequest } from '@cgt/shared/schemas/departments';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { bumpRoutingVersion } from '../../services/routing.js';
import { findDepartment, type DepartmentRecord } from './common.js';
import { assertArea } from './references.js';

/** 修改处置单位 (admins; active=false retires it). `phone: null` removes the phone. 404 for an unknown id. */
export async function updateDepartment(deps: AppDeps, by: StaffPrincipal, id: string, body: PatchDepartmentRequest, ip: string): Promise<DepartmentRecord> {
  if (body.districtCode) await assertArea(deps, body.districtCode, 'districtCode');
  const { phone, ...rest } = body;
  const update: Record<string, unknown> = { $set: rest };
  if (phone === null) update.$unset = { phone: 1 };
  else if (phone !== undefined) (update.$set as Record<string, unknown>).phone = phone;
  const res = await deps.models.Department.updateOne({ _id: id }, update);
  if (res.matchedCount === 0) throw fail('not_found', [], '处置单位不存在');
  await bumpRoutingVersion(deps);
  await recordAudit(deps, { actor: actorOf(by), action: 'department.update', targetType: 'department', targetId: id, ip, details: { ...body } });
  return findDepartment(deps, id);
}
