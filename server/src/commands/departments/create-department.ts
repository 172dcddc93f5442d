import type { CreateDepartmentRequest } from '@cgt/shared/schemas/departments';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { bumpRoutingVersion } from '../../services/routing.js';
import { findDepartment, type DepartmentRecord } from './common.js';
import { assertArea } from './references.js';

/** 新建处置单位 (admins): the district or zone must exist (422 unknown_district); routing caches are refreshed. */
export async function createDepartment(deps: AppDeps, by: StaffPrincipal, body: CreateDepartmentRequest, ip: string): Promise<DepartmentRecord> {
  await assertArea(deps, body.districtCode, 'districtCode');
  const d = await deps.models.Department.create({ ...body, demo: false });
  await bumpRoutingVersion(deps);
  await recordAudit(deps, { actor: actorOf(by), action: 'department.create', targetType: 'department', targetId: String(d._id), ip, details: { ...body } });
  return findDepartment(deps, String(d._id));
}
