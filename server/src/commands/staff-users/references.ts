import type { Model } from 'mongoose';
import { OBJECT_ID_RE as OBJECT_ID } from '@cgt/shared/schemas/common';
import type { AppDeps } from '../../deps.js';
import { fail, type ErrorDetail } from '../../http/errors.js';


/** districtCodes must name existing districts or functional zones; the first unknown one is reported by index. */
export async function assertDistrictCodes(deps: Pick<AppDeps, 'models'>, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = await deps.models.District.find({ code: { $in: codes }, kind: { $in: ['district', 'zone'] } }, { code: 1 }).lean();
  const known = new Set(found.map((d) => d.code));
  const details: ErrorDetail[] = codes.flatMap((c, i) => (known.has(c) ? [] : [{ field: `districtCodes[${i}]`, message: `未知的区县或功能区代码 ${c}` }]));
  if (details.length) throw fail('unknown_district', details, details[0]!.message);
}

/**
 * departmentIds must be department ids. The Department model is owned by the master-data module; when it
 * is registered on this connection the ids must exist, otherwise only their ObjectId form is checked.
 */
export async function assertDepartmentIds(deps: Pick<AppDeps, 'connection'>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const malformed: ErrorDetail[] = ids.flatMap((id, i) => (OBJECT_ID.test(id) ? [] : [{ field: `departmentIds[${i}]`, message: `部门编号 ${id} 格式无效` }]));
  if (malformed.length) throw fail('unknown_department', malformed, malformed[0]!.message);
  const Department = deps.connection.models['Department'] as Model<{ _id: unknown }> | undefined;
  if (!Department) return;
  const found = await Department.find({ _id: { $in: ids } }, { _id: 1 }).lean();
  const known = new Set(found.map((d) => String(d._id)));
  const details: ErrorDetail[] = ids.flatMap((id, i) => (known.has(id) ? [] : [{ field: `departmentIds[${i}]`, message: `部门 ${id} 不存在` }]));
  if (details.length) throw fail('unknown_department', details, details[0]!.message);
}

/** A handler acts only on tickets dispatched to its department, so it needs at least one. */
export function assertHandlerHasDepartment(roles: string[], departmentIds: string[]): void {
  if (roles.includes('handler') && departmentIds.length === 0) {
    throw fail('department_required', [{ field: 'departmentIds', message: '处置单位账号至少需要关联一个部门' }], '处置单位账号至少需要关联一个部门');
  }
}
